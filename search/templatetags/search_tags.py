from django import template

from search.service import more_like_this
from search.views import TYPE_LABELS

register = template.Library()


@register.simple_tag(takes_context=True)
def related_content(context, page, limit=3):
    """Content like this page: 'more like this' from the search backend (Elasticsearch's more_like_this
    query, or shared themes on the database backend), falling back to the page's own theme matches."""
    request = context.get("request")
    user = getattr(request, "user", None)
    items = [
        {"title": hit.title, "url": hit.url, "type_label": TYPE_LABELS.get(hit.type, hit.type)}
        for hit in more_like_this(page.search_document_id(), user, limit)
    ]
    if not items:
        items = [
            {"title": other.title, "url": other.url, "type_label": other.get_verbose_name()}
            for other in page.related_pages(limit)
        ]
    return items
