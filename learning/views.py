from django.shortcuts import render

from learning.models import GlossaryTerm


def glossary(request):
    """Every abbreviation and term of art the platform knows, A to Z."""
    return render(request, "learning/glossary.html", {"terms": GlossaryTerm.objects.order_by("term")})
