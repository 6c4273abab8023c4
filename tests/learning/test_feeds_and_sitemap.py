"""What crawlers and feed readers see: only live pages anyone may read, as valid XML."""

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.utils.dateparse import parse_datetime

from learning.models import Skill
from tests.factories import (
    CaseStudyFactory,
    EvidenceFactory,
    GuideFactory,
    PathwayFactory,
    guide_index,
    restrict_view,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_xml(content):
    """Parse our own server's output; raises if it is not well-formed XML."""
    return ET.fromstring(content)  # noqa: S314 (trusted: the response under test)


@pytest.fixture
def content():
    """One published page of each feed type, and the pages that must never appear."""
    case_study = CaseStudyFactory(title="Fife tenants redesign repairs", themes=["co-production"])
    evidence = EvidenceFactory(title="Deliberation in Irish citizens' assemblies", themes=["evidence use"])
    guide = GuideFactory(title="Hosting a world cafe", themes=["facilitation", "partnership working"])
    draft = GuideFactory(title="A guide still in draft", live=False)
    password_protected = GuideFactory(title="A guide behind a password")
    restrict_view(password_protected)
    members_only = EvidenceFactory(title="Evidence for signed-in members only")
    restrict_view(members_only, "login")
    pathway = PathwayFactory(
        title="Starting with co-production",
        steps=[
            ("step", {"page": page, "why": "It shows the approach.", "reflection_prompt": "What would you change?"})
            for page in (case_study, guide)
        ],
    )
    # A live page whose newer draft must not leak: the feed shows what is published.
    guide.title = "Hosting a world cafe: unpublished rewrite"
    guide.save_revision()
    for page in (case_study, evidence, guide):
        page.refresh_from_db()  # the published state, with its dates
    return {
        "published": [case_study, evidence, guide],
        "hidden": [draft, password_protected, members_only, pathway],
    }


def atom_entries(client):
    response = client.get("/feeds/latest.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    assert feed.tag == f"{ATOM}feed"
    return feed, feed.findall(f"{ATOM}entry")


def rss_items(client):
    response = client.get("/feeds/latest.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    rss = parse_xml(response.content)
    assert rss.tag == "rss"
    return rss.find("channel"), rss.findall("channel/item")


# --- Atom and RSS ---------------------------------------------------------------------------------


def test_atom_feed_lists_published_case_studies_evidence_and_guides(client, content):
    feed, entries = atom_entries(client)
    assert feed.findtext(f"{ATOM}title").startswith("Communities of Practice Scotland")
    assert {entry.findtext(f"{ATOM}title") for entry in entries} == {
        "Fife tenants redesign repairs",
        "Deliberation in Irish citizens' assemblies",
        "Hosting a world cafe",
    }


def test_atom_entries_carry_summary_link_dates_themes_and_a_stable_id(client, content):
    guide = content["published"][2]
    _, entries = atom_entries(client)
    entry = next(e for e in entries if e.findtext(f"{ATOM}title") == "Hosting a world cafe")
    assert entry.findtext(f"{ATOM}summary") == guide.summary
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{guide.url}"
    assert entry.findtext(f"{ATOM}id") == f"urn:uuid:{guide.translation_key}"
    assert parse_datetime(entry.findtext(f"{ATOM}published")) == guide.first_published_at
    assert parse_datetime(entry.findtext(f"{ATOM}updated")) == guide.last_published_at
    assert sorted(c.get("term") for c in entry.findall(f"{ATOM}category")) == ["facilitation", "partnership working"]


def test_rss_feed_lists_the_same_pages_with_guids_dates_and_categories(client, content):
    channel, items = rss_items(client)
    assert channel.findtext("link") == "http://testserver/"
    titles = {item.findtext("title") for item in items}
    assert titles == {
        "Fife tenants redesign repairs",
        "Deliberation in Irish citizens' assemblies",
        "Hosting a world cafe",
    }
    case_study = content["published"][0]
    item = next(i for i in items if i.findtext("title") == case_study.title)
    assert item.findtext("description") == case_study.summary
    assert item.findtext("link") == f"http://testserver{case_study.url}"
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("guid") == f"urn:uuid:{case_study.translation_key}"
    assert parsedate_to_datetime(item.findtext("pubDate")) == case_study.first_published_at.replace(microsecond=0)
    assert [c.text for c in item.findall("category")] == ["co-production"]


@pytest.mark.parametrize("path", ["/feeds/latest.atom", "/feeds/latest.rss"])
def test_feeds_never_carry_drafts_restricted_pages_or_pathways(client, content, path):
    body = client.get(path).content.decode()
    for page in content["hidden"]:
        assert page.title not in body, page.title
        assert page.url not in body, page.url
    assert "unpublished rewrite" not in body


def test_feeds_hold_the_twenty_newest_pages_newest_first(client):
    skills = list(Skill.objects.filter(slug="facilitation"))
    index = guide_index()
    for number in range(22):
        GuideFactory(title=f"Guide number {number:02d}", parent=index, skills=skills)
    _, entries = atom_entries(client)
    assert [e.findtext(f"{ATOM}title") for e in entries] == [f"Guide number {n:02d}" for n in range(21, 1, -1)]
    _, items = rss_items(client)
    assert len(items) == 20


def test_unpublishing_takes_a_page_out_of_the_feeds(client, content):
    evidence = content["published"][1]
    evidence.unpublish()
    _, entries = atom_entries(client)
    assert evidence.title not in {e.findtext(f"{ATOM}title") for e in entries}


def test_feeds_are_valid_and_empty_on_an_empty_site(client):
    _, entries = atom_entries(client)
    assert entries == []
    _, items = rss_items(client)
    assert items == []


# --- sitemap.xml ----------------------------------------------------------------------------------


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urlset = parse_xml(response.content)
    assert urlset.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in urlset.findall(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        entries["/" + loc.split("://", 1)[1].split("/", 1)[1]] = url.findtext(f"{SITEMAP}lastmod")
    return entries


def test_sitemap_lists_live_public_pages_with_lastmod(client, content):
    entries = sitemap_paths(client)
    for page in [*content["published"], guide_index()]:
        assert page.url in entries, page.url
    guide = content["published"][2]
    assert entries[guide.url] == guide.last_published_at.date().isoformat()
    assert "/" in entries  # the home page


def test_sitemap_leaves_out_drafts_and_restricted_pages(client, content):
    entries = sitemap_paths(client)
    for page in content["hidden"][:3]:
        assert page.url not in entries, page.url


def test_sitemap_leaves_out_everything_under_a_restricted_section(client, content):
    restrict_view(guide_index(), "login")
    entries = sitemap_paths(client)
    assert guide_index().url not in entries
    assert content["published"][2].url not in entries
    assert content["published"][0].url in entries


# --- robots.txt -------------------------------------------------------------------------------------


def test_robots_txt_allows_the_site_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /django-admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
