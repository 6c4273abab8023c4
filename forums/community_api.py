"""Communities over JSON (/api/v1/communities): the ones the caller may see, through forums/visibility.py.

A private community is listed, counted and answered only to its members and site moderators; to anyone
else its address is a 404 like a missing one. What is inside a community (its rooms and their sessions:
rooms/api.py) follows the reading rule. Answers are conditional by ETag (learning/open_data.py); they
carry no Last-Modified, since a community's changes have no dated log.
"""

from ninja import Field, Query, Router, Schema

from cop_site.addresses import absolute
from cop_site.errors import DomainError, ErrorOut
from forums import markdown
from forums.models import Community
from forums.visibility import reading, seeing
from learning import open_data
from learning.open_data import example
from learning.visibility import visible_pages

router = Router(tags=["communities"])


class ThemeOut(Schema):
    slug: str
    name: str


class CommunityOut(Schema):
    slug: str
    name: str
    summary: str
    visibility: str = Field(description="open, restricted (anyone may ask to join) or private (by invitation)")
    readable: bool = Field(description="Whether the caller may read its threads and rooms.")
    themes: list[ThemeOut]
    url: str = Field(description="The community's page.")
    api_url: str
    rooms_url: str = Field(description="Its rooms and their upcoming sessions in this API.")


class CommunityList(Schema):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[CommunityOut]


class ResourceOut(Schema):
    id: int
    title: str
    url: str


class CommunityDetail(CommunityOut):
    about: str = Field(description="Who the community is for and how it works, as Markdown.")
    about_html: str = Field(description="The same, rendered and sanitised.")
    resources: list[ResourceOut] = Field(description="Linked guides, case studies and evidence the caller may see.")


class CommunityPaging(Schema):
    page: int = Field(1, ge=1, le=2**31 - 1)
    page_size: int = Field(open_data.PAGE_SIZE, ge=1, le=open_data.MAX_PAGE_SIZE)


COMMUNITY_EXAMPLE = {
    "slug": "community-planning",
    "name": "Community planning",
    "summary": "Practitioners in community planning partnerships sharing what works.",
    "visibility": "open",
    "readable": True,
    "themes": [{"slug": "partnership-working", "name": "partnership working"}],
    "url": "https://example.org/communities/community-planning/",
    "api_url": "https://example.org/api/v1/communities/community-planning",
    "rooms_url": "https://example.org/api/v1/rooms?community=community-planning",
}


def community_item(request, community, readable):
    return {
        "slug": community.slug,
        "name": community.name,
        "summary": community.summary,
        "visibility": community.visibility,
        "readable": readable,
        "themes": [{"slug": theme.slug, "name": theme.name} for theme in community.themes.all()],
        "url": absolute(community.get_absolute_url(), request),
        "api_url": absolute(f"/api/v1/communities/{community.slug}", request),
        "rooms_url": absolute(f"/api/v1/rooms?community={community.slug}", request),
    }


@router.get(
    "/communities",
    response={200: CommunityList, 304: None, 400: ErrorOut, 422: ErrorOut},
    summary="Communities",
    url_name="api-community-list",
    openapi_extra=example(
        {"count": 1, "page": 1, "page_size": 20, "next": None, "previous": None, "results": [COMMUNITY_EXAMPLE]}
    ),
)
def community_list(request, paging: Query[CommunityPaging]):
    """The communities the caller may see, by name: private ones only to their members."""
    communities = seeing(request.user).filter(Community.objects.all()).prefetch_related("themes").order_by("name", "pk")
    readable = set(reading(request.user).filter(Community.objects.all()).values_list("pk", flat=True))
    items, links = open_data.page_of(request, communities, paging.page, paging.page_size)
    data = {**links, "results": [community_item(request, each, each.pk in readable) for each in items]}
    return open_data.conditional_json(request, data, dated=False)


@router.get(
    "/communities/{slug}",
    response={200: CommunityDetail, 304: None, 400: ErrorOut, 404: ErrorOut},
    summary="A community",
    openapi_extra=example(
        {
            **COMMUNITY_EXAMPLE,
            "about": "For anyone working in a **community planning partnership**.",
            "about_html": "<p>For anyone working in a <strong>community planning partnership</strong>.</p>",
            "resources": [{"id": 41, "title": "Deliberative mini-publics", "url": "https://example.org/evidence/x/"}],
        }
    ),
)
def community_detail(request, slug: str):
    community = Community.objects.filter(slug=slug).first()
    if community is None or not community.can_see(request.user):
        raise DomainError("not_found", "There is no such community, or you cannot see it.")
    resources = visible_pages(community.resources.all(), request.user).order_by("title", "pk")
    data = {
        **community_item(request, community, community.can_read(request.user)),
        "about": community.about,
        "about_html": markdown.render(community.about),
        "resources": [
            {
                "id": page.pk,
                "title": page.title,
                "url": absolute(page.get_url(request=request) or "/", request),
            }
            for page in resources
        ],
    }
    return open_data.conditional_json(request, data, dated=False)
