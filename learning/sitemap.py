"""sitemap.xml: Wagtail's sitemap of the site's pages, holding only those a visitor may see (learning.visibility)."""

from wagtail.contrib.sitemaps import Sitemap

from cop_site.addresses import on_this_site
from learning.visibility import visible_pages


class VisiblePagesSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        # Wagtail writes each page on its Site's configured name; the sitemap names the address it was asked from.
        root_url = self.get_wagtail_site().root_url
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = on_this_site(url["location"], root_url, self.request)
        return urls

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return visible_pages(pages).order_by("path").defer_streamfields().specific()
