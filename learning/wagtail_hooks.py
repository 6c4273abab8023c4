from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cop_site import page_cache
from learning import reading
from learning.models import CouncilArea, Country, GlossaryTerm, Sector, Skill, Theme


class VocabularyViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ThemeViewSet(VocabularyViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "description"]


class SectorViewSet(VocabularyViewSet):
    model = Sector
    icon = "group"


class CouncilAreaViewSet(VocabularyViewSet):
    model = CouncilArea
    icon = "site"


class CountryViewSet(VocabularyViewSet):
    model = Country
    icon = "globe"


class SkillViewSet(VocabularyViewSet):
    model = Skill
    icon = "pick"


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    list_display = ["term", "expansion"]
    search_fields = ["term", "expansion", "synonyms"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomy"
    menu_icon = "tag"
    menu_order = 300
    items = (ThemeViewSet, SectorViewSet, CouncilAreaViewSet, CountryViewSet, SkillViewSet, GlossaryViewSet)


register_snippet(TaxonomyGroup)


# --- Reads: what members read, and what is most read (learning/reading.py) ------------------------
@hooks.register("on_serve_page", order=100)  # innermost: after Wagtail's view restriction check
def count_reads(next_serve_page):
    """Count a read once the page itself answered a GET with 200 (previews never come here).

    Wrapped inside Wagtail's own view restriction check, so a password or sign-in prompt for a
    restricted page is not a read.
    """

    def serve_and_count(page, request, serve_args, serve_kwargs):
        response = next_serve_page(page, request, serve_args, serve_kwargs)
        reading.record_request_read(page, request, response.status_code)
        return response

    return serve_and_count


@hooks.register(page_cache.HIT_HOOK)
def count_cached_reads(page, request):
    """Anonymous visitors served from the page cache never reach Wagtail's serve: count them here."""
    if reading.is_countable_request(request):
        reading.record_cached_read(page)
