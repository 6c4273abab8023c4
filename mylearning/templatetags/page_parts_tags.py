"""`{% page_parts page as parts %}`: a content page's Save, related content and responses (mylearning/page_parts.py)."""

from django import template

from mylearning.page_parts import page_parts as parts_of

register = template.Library()


@register.simple_tag(takes_context=True)
def page_parts(context, page):
    """`parts.save`, `parts.related`, `parts.responses`: HTML, kept in the fragment cache where it may be."""
    return parts_of(context.get("request"), page)
