"""Template helpers for the public pages: breadcrumbs, listings, filters and accessible ratings."""

from django import template
from django.http import QueryDict
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page, Site

from cop_site import addresses
from learning import visibility
from learning.ratings import STRENGTH_MAX

register = template.Library()


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page):
    """The live ancestors of `page` from the site's home page down, or [] on the home page itself."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    root_depth = site.root_page.depth if site else 2
    if page is None or page.depth <= root_depth:
        return []
    return list(page.get_ancestors().filter(depth__gte=root_depth).live().specific())


@register.filter
def visible_pages(items, attribute=""):
    """Only the pages a visitor may see (learning.visibility): drafts and private pages never get a link.

    Takes pages (a queryset, a related manager or a list) or, with `attribute`, objects that hold a
    page in that attribute (for example a guide's related case study rows).
    """
    if hasattr(items, "all"):
        items = items.all()
    pages = [getattr(item, attribute) for item in items] if attribute else list(items)
    pages = [page for page in pages if page is not None]
    if not pages:
        return []
    rule = visibility.access()  # worked out once for the list
    return [page.specific for page in pages if rule.allows(page)]


@register.filter
def visible_page(page):
    """The page if a visitor may see it, else None (as it came: a step needs only its title, URL and kind)."""
    return page if visibility.is_visible(page) else None


@register.simple_tag
def remove_filter_url(query_string, name, value):
    """The query string of the current listing without one applied filter value (and back on page 1)."""
    query = QueryDict(query_string, mutable=True)
    query.setlist(name, [v for v in query.getlist(name) if v != value])
    query.pop("page", None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "./"  # the index itself (its URL ends in a slash)


@register.simple_tag
def count_label(index_page, count):
    """'1 case study' or '12 case studies': the number of results with the listed type's name."""
    meta = index_page.listing_model._meta
    return f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"


@register.simple_tag
def plural_name(index_page):
    return index_page.listing_model._meta.verbose_name_plural


@register.simple_tag
def pagination_pages(results):
    """Page numbers to link, with the paginator's ellipsis where a run of pages is left out."""
    return list(results.paginator.get_elided_page_range(results.number, on_each_side=1, on_ends=1))


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` as an absolute link on the address the page was asked from (canonical, social previews)."""
    return addresses.absolute(url, context.get("request"))


# --- Ratings ------------------------------------------------------------------------------------
# Each rating is said in words; the visual (padlocks for strength, as in the EEF toolkit, filled
# marks for impact and cost) is decoration hidden from assistive technology.

_RATINGS = {
    "strength": {"name": "Strength of evidence", "scale": "strength_scale"},
    "impact": {"name": "Impact", "scale": "impact_scale"},
    "cost": {"name": "Cost", "scale": "cost_scale"},
}
_IMPACT_MARKS = {"none": 0, "small": 1, "moderate": 2, "large": 3}
_COST_MARKS = {"very_low": 1, "low": 2, "moderate": 3, "high": 4, "very_high": 5}


def _level_name(label):
    """'3 - moderate' -> 'moderate'."""
    return label.split(" - ", 1)[-1]


@register.simple_tag
def rating(page, kind):
    """Everything a template needs to show one rating of an evidence summary accessibly."""
    spec = _RATINGS[kind]
    value = getattr(page, kind)
    levels = [{**level, "current": str(level["value"]) == str(value)} for level in getattr(page, spec["scale"])()]
    label = getattr(page, f"get_{kind}_display")()
    if kind == "strength":
        text = f"{value} out of {STRENGTH_MAX} ({_level_name(label)})"
        marks, total = value, STRENGTH_MAX
    elif kind == "impact":
        text = label.lower()
        marks, total = _IMPACT_MARKS.get(value), 3
    else:
        text = label.lower()
        marks, total = _COST_MARKS.get(value), 5
    return {
        "kind": kind,
        "name": spec["name"],
        "text": text,
        "negative": kind == "impact" and value == "negative",
        "marks": None if marks is None else [i < marks for i in range(total)],
        "levels": levels,
    }


@register.filter
def page_type_label(page):
    """'Case study', 'Evidence summary'...: the page's kind, for listings that mix kinds."""
    specific_class = page.specific_class if isinstance(page, Page) else type(page)
    return specific_class.get_verbose_name() if specific_class else ""


@register.filter
def is_page(value):
    """True for a Wagtail page (views outside Wagtail may put other things called `page` in context)."""
    return isinstance(value, Page)


@register.simple_tag
def page_description(page):
    """What search engines and social previews show: the SEO description, else the summary or intro."""
    for field in ("search_description", "summary", "intro"):
        text = strip_tags(getattr(page, field, "") or "").strip()
        if text:
            return Truncator(" ".join(text.split())).chars(300)
    return ""
