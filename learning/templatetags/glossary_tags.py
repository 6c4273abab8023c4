from django import template

from learning.abbreviations import explain

register = template.Library()


@register.filter
def explain_abbreviations(html):
    """{{ value|richtext|explain_abbreviations }}: the first use of each glossary abbreviation gets an <abbr>."""
    return explain(html)
