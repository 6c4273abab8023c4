"""robots.txt: crawlers may read the public site, not the admin; the sitemap says what there is."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

DISALLOWED = ("/admin/", "/django-admin/")


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
