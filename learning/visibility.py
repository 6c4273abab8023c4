"""Who may see a page: the one rule, as a queryset filter and as a check of one page, read from the same data.

A page is visible to a person when it is live and lies outside every area of the page tree closed to
them. An area is a page with a view restriction (Wagtail's "Privacy: private") and everything under
it, and every alias of that page with everything under the alias (Wagtail serves an alias with its
source's restrictions). A restriction closes its area to whoever does not pass it: a login
restriction to visitors; a groups restriction to anyone outside its groups (superusers pass, as in
Wagtail); a password restriction to everyone, because a password is proven per session on the page
itself and no listing, feed, search document, email or export can know it was.

`access(user)` works out the closed areas once (no query when nothing is restricted and the
restrictions are kept from an earlier page view, else up to three) and returns a PageAccess. Its
`q()` filters a queryset and its `allows(page)` checks one page; both read the same `closed` paths
and the same `live` flag, so they cannot disagree
(tests/contracts/test_visibility.py holds them to it). A user of None, or an anonymous one, is a
visitor: listings, feeds, the sitemap, search and suggestions show what a visitor may see, to
everyone, so that pages cached for visitors hold nothing more.
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from cop_site import fragments
from cop_site.request_memo import remember


@dataclass(frozen=True)
class PageAccess:
    """The page tree as one person may see it: live pages outside the `closed` areas (tree paths)."""

    closed: tuple[str, ...] = ()

    def q(self, prefix=""):
        """The rule as a filter; `prefix` reaches a page through a relation ("page__" from a comment thread)."""
        query = Q(**{f"{prefix}live": True})
        for path in self.closed:
            query &= ~Q(**{f"{prefix}path__startswith": path})
        return query

    def allows(self, page):
        """The rule for one page (no query: the page's own `live` and `path`)."""
        return page is not None and page.live and not page.path.startswith(self.closed)

    def filter(self, queryset):
        return queryset.filter(self.q())


EVERYTHING_LIVE = PageAccess()  # nothing closed: every live page


def access(user=None):
    """What of the page tree this person may see (a visitor when `user` is None or anonymous).

    Worked out once per page view (cop_site/request_memo.py): a page asks it for its breadcrumbs,
    related content, comments and saving controls.
    """
    signed_in = user is not None and user.is_authenticated
    return remember(("page-access", user.pk if signed_in else None), lambda: _access(user if signed_in else None))


def _restrictions():
    """Every view restriction as (id, page id, page path, kind), read once per page view."""
    return remember(("page-restrictions",), _kept_restrictions)


def _kept_restrictions():
    """The restrictions, kept in the fragment cache under the site's content: whatever changes one (a
    restriction saved, deleted or given other groups, a page moved or deleted) bumps fragments.CONTENT
    (cop_site/page_cache.py), so a member's page asks the database for them only after such a change."""
    spec = fragments.Fragment("page-restrictions", scopes=(fragments.CONTENT,))
    kept, generations = spec.lookup()
    if kept is None:
        kept = list(PageViewRestriction.objects.values_list("pk", "page_id", "page__path", "restriction_type"))
        spec.store(kept, generations)
    return kept


def restricted_areas():
    """The paths of every area some view restriction covers, whoever asks: each restricted page and each
    alias of one (and of such an alias), so a page outside them all has no restriction to check."""

    def work():
        restrictions = _restrictions()
        paths = {path for _, _, path, _ in restrictions}
        sources = {page_id for _, page_id, _, _ in restrictions}
        while sources:
            aliases = Page.objects.filter(alias_of_id__in=sources).values_list("pk", "path")
            sources = {pk for pk, path in aliases if path not in paths}  # an alias of an alias, until none is new
            paths.update(path for _, path in aliases)
        return tuple(sorted(paths))

    return remember(("restricted-areas",), work)


def may_be_restricted(page):
    """Whether any view restriction could apply to this page: False means Wagtail's check has nothing to find."""
    return page.path.startswith(restricted_areas())


def _access(user):
    restrictions = _restrictions()
    if not restrictions:
        return EVERYTHING_LIVE
    passed = _passed(restrictions, user)
    refused = [(page_id, path) for pk, page_id, path, _ in restrictions if pk not in passed]
    if not refused:
        return EVERYTHING_LIVE
    aliases = Page.objects.filter(alias_of_id__in={page_id for page_id, _ in refused}).values_list("path", flat=True)
    return PageAccess(tuple(sorted({path for _, path in refused} | set(aliases))))


def _passed(restrictions, user):
    """The ids of the restrictions this person passes without a password."""
    if user is None or not user.is_authenticated:
        return set()
    passed = {pk for pk, _, _, kind in restrictions if kind == PageViewRestriction.LOGIN}
    groups = [pk for pk, _, _, kind in restrictions if kind == PageViewRestriction.GROUPS]
    if groups and user.is_superuser:
        passed.update(groups)
    elif groups:
        through = PageViewRestriction.groups.through.objects.filter(pageviewrestriction_id__in=groups, group__user=user)
        passed.update(through.values_list("pageviewrestriction_id", flat=True))
    return passed


def audience(user=None):
    """Who shares this person's view of the page tree, as a digest (cop_site/fragments.py): the closed areas.

    Two people with the same closed areas see the same pages, so a fragment rendered for one may be shown
    to the other; a visitor's digest is never a member's unless the rule gives them the same pages.
    """
    signed_in = user is not None and user.is_authenticated
    return remember(
        ("page-audience", user.pk if signed_in else None), lambda: fragments.audience("pages", access(user).closed)
    )


def visible_pages(queryset=None, user=None):
    """The pages of `queryset` (default: every page) this person may see; a visitor when `user` is None."""
    return access(user).filter(Page.objects.all() if queryset is None else queryset)


def is_visible(page, user=None):
    """Whether this person may see this page (a visitor when `user` is None)."""
    return access(user).allows(page)
