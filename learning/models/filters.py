"""Index page filters: one definition per facet, shared by every index that offers it.

Values from the URL are checked against the controlled lists; several values of one filter are
OR-ed (any of these themes), different filters are AND-ed (this theme in that council area).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

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
