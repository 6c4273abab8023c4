"""sitemap.xml: Wagtail's sitemap of the site's pages, holding only those a visitor may see (learning.visibility)."""

from wagtail.contrib.sitemaps import Sitemap

from learning.visibility import visible_pages


class VisiblePagesSitemap(Sitemap):
    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return visible_pages(pages).order_by("path").defer_streamfields().specific()
