"""The shared parts of a Wagtail page, as the page's template names them (cop_site/fragments.py).

A content page is mostly the same for everyone who may see it: its header, sections, themes and
breadcrumbs change only when something is published (the site content generation). Its template
wraps each such part in `{% fragment page_fragments.<part> %}`; what is the member's own (saving,
"used in practice", comments, related content found for them, the site header) stays outside.

Each part is keyed by the page, its live revision and the viewer's audience
(`learning.visibility.audience`: the page areas closed to them). A preview is never cached: it
shows a draft under the live page's id.
"""

from cop_site.fragments import CONTENT, Fragment, prefetch
from learning import visibility


class PageFragments:
    """`page_fragments.header`, `.body`, `.breadcrumbs`, `.meta`: a Fragment each, or None (render every time)."""

    def __init__(self, page, request, personal=()):
        self.page = page
        self.request = request
        self.personal = frozenset(personal)  # parts that hold the member's own state on this page type
        self.cached = request is not None and not getattr(request, "is_preview", False)

    def part(self, name, *extra):
        if not self.cached or name in self.personal:
            return None
        page = self.page
        return Fragment(
            f"page:{name}",
            scopes=(CONTENT,),
            audience=visibility.audience(getattr(self.request, "user", None)),
            parts=(page.pk, page.content_type_id, page.live_revision_id, *extra),
        )

    def prefetch(self, *names):
        """Read these parts in one cache read before the template asks for them one by one."""
        prefetch([getattr(self, name) for name in names])

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self.part(name)

    @property
    def meta(self):
        """The page's meta tags hold absolute links, made on the address the request came to."""
        return self.part("meta", self.request.scheme, self.request.get_host())

    @property
    def listing(self):
        """An index's listing, for the filters and page number asked for."""
        return self.part("listing", sorted(self.request.GET.lists()))
