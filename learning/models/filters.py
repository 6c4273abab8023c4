"""Index page filters: one definition per facet, shared by every index that offers it.

Values from the URL are checked against the controlled lists; several values of one filter are
OR-ed (any of these themes), different filters are AND-ed (this theme in that council area).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from learning.ratings import EvidenceStrength

from .taxonomy import Approach, CouncilArea, Country, Sector, Skill, StudyType, Theme


@dataclass(frozen=True)
class Filter:
    name: str
    label: str
    choices: Callable[[], list[tuple[str, str]]]
    lookup: str  # the queryset lookup that takes a list of accepted values

    def apply(self, queryset: QuerySet, values: list[str]) -> QuerySet:
        return queryset.filter(**{self.lookup: values}).distinct()

    def counts(self, queryset: QuerySet) -> dict[str, int]:
        """{value: how many of the queryset's pages have it}, in one query (a page counts once per value)."""
        field = self.lookup.removesuffix("__in")
        pages = queryset.model.objects.filter(pk__in=queryset.order_by().values("pk"))
        rows = pages.order_by().values_list(field).annotate(n=Count("pk", distinct=True))
        return {str(value): n for value, n in rows if value is not None}


def _vocabulary(model):
    return lambda: list(model.objects.values_list("slug", "name"))


def _used_themes():
    return list(Theme.objects.filter(tagged_pages__isnull=False).distinct().values_list("slug", "name"))


def _choices(choices):
    return lambda: [(str(value), label) for value, label in choices]


FILTERS = {
    f.name: f
    for f in [
        Filter("theme", "Theme", _used_themes, "tagged_themes__tag__slug__in"),
        Filter("sector", "Sector", _vocabulary(Sector), "sectors__slug__in"),
        Filter("council_area", "Council area", _vocabulary(CouncilArea), "council_area__slug__in"),
        Filter("country", "Country", _vocabulary(Country), "countries__slug__in"),
        Filter("approach", "Approach", _choices(Approach.choices), "approach__in"),
        Filter("study_type", "Study type", _choices(StudyType.choices), "study_type__in"),
        Filter("strength", "Strength of evidence", _choices(EvidenceStrength.choices), "strength__in"),
        Filter("skill", "Skill", _vocabulary(Skill), "skills__slug__in"),
    ]
}


def filter_pages(queryset, filter_names, params):
    """Apply the named filters from request parameters.

    Returns (queryset, active, errors): `active` maps each filter to the values applied, `errors`
    lists values that are not in the filter's list (nothing is filtered when there are errors).
    """
    active, errors = {}, []
    for name in filter_names:
        values = [v for v in params.getlist(name) if v != ""]
        if not values:
            continue
        known = {value for value, _ in FILTERS[name].choices()}
        unknown = [v for v in values if v not in known]
        if unknown:
            errors.append(f"{FILTERS[name].label}: there is nothing called {', '.join(repr(v[:60]) for v in unknown)}.")
        else:
            active[name] = values
    if errors:
        return queryset.none(), {}, errors
    for name, values in active.items():
        queryset = FILTERS[name].apply(queryset, values)
    return queryset, active, errors


def filter_options(queryset, filter_names, active):
    """Each filter's options with how many pages each would list, given the other filters applied.

    `queryset` is the listing before any filter (what this visitor may see: visibility is already in
    it). Options that would list nothing are left out, except one already applied, which stays so it
    can be removed. One query per filter, however many options.
    Returns [{"name", "label", "options": [(value, label, count, selected)]}], in filter_names order.
    """
    result = []
    for name in filter_names:
        others = queryset
        for other, values in active.items():
            if other != name:
                others = FILTERS[other].apply(others, values)
        counts = FILTERS[name].counts(others)
        selected = active.get(name, [])
        options = [
            (value, label, counts.get(value, 0), value in selected)
            for value, label in FILTERS[name].choices()
            if counts.get(value, 0) or value in selected
        ]
        result.append({"name": name, "label": FILTERS[name].label, "options": options})
    return result
