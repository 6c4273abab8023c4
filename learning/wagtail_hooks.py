from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
