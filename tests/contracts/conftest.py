"""The same behaviour suite for every search backend: the database always, Elasticsearch when set."""

import uuid

import pytest
from wagtail.models import PageViewRestriction

from learning.models import GlossaryTerm
from search.backends.database import DatabaseBackend
from search.indexing import build_document
from search.registry import all_documents
from search.service import forget_glossary
from tests.factories import CaseStudyFactory, EvidenceFactory, GuideFactory, PathwayFactory
from tests.services import service_url


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, settings):
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
        yield DatabaseBackend()
        return
    from search.backends.elasticsearch import ElasticsearchBackend

    settings.ELASTICSEARCH_URL = service_url("elasticsearch")
    settings.SEARCH_INDEX_PREFIX = f"cop-test-{uuid.uuid4().hex[:10]}"
    backend = ElasticsearchBackend()
    yield backend
    backend.drop()


def index_everything(backend):
    backend.clear()
    for batch in all_documents():
        backend.upsert([build_document(data) for data in batch])
    if hasattr(backend, "refresh"):
        backend.refresh()


@pytest.fixture
def corpus(db, backend):
    """A small corpus with public, draft and restricted pages, indexed into the backend under test."""
    # The glossary migration seeds these; the corpus relies on them.
    GlossaryTerm.objects.get_or_create(term="SDS", defaults={"expansion": "self-directed support"})
    GlossaryTerm.objects.get_or_create(term="CAR", defaults={"expansion": "collaborative action research"})
    forget_glossary()
    pages = {
        "sds": CaseStudyFactory(
            title="Self-directed support in Highland",
            summary="Disabled people and care providers co-designed self-directed support.",
            themes=["self-directed support", "co-production"],
            sectors=["public-sector", "third-sector"],
            council_area=_area("highland"),
        ),
        "pb": CaseStudyFactory(
            title="Participatory budgeting in Dundee",
            summary="Residents decided how to spend a community budget.",
            themes=["participatory budgeting"],
            sectors=["community-sector"],
            council_area=_area("dundee-city"),
        ),
        "car": GuideFactory(
            title="Running a collaborative action research group",
            summary="How to bring frontline officers and managers into one inquiry group.",
            themes=["collaborative action research", "facilitation"],
            sectors=["public-sector"],
        ),
        "evidence": EvidenceFactory(
            title="Mini-publics and deliberation",
            summary="What deliberative mini-publics achieve in Denmark and Scotland.",
            themes=["co-production"],
            countries=_countries("denmark", "scotland"),
        ),
        "draft": CaseStudyFactory(
            title="Unpublished budgeting pilot",
            summary="A confidential draft about participatory budgeting.",
            themes=["participatory budgeting"],
            live=False,
        ),
        "restricted": CaseStudyFactory(
            title="Restricted budgeting review",
            summary="A members-only review of participatory budgeting.",
            themes=["participatory budgeting"],
        ),
    }
    pages["pathway"] = PathwayFactory(
        title="Starting with co-production",
        summary="A route through co-production for new community planning officers.",
        themes=["co-production"],
        steps=[
            ("step", {"page": pages[key], "why": "It shows the approach at work.", "reflection_prompt": "What fits?"})
            for key in ("sds", "evidence")
        ],
    )
    PageViewRestriction.objects.create(page=pages["restricted"], restriction_type=PageViewRestriction.LOGIN)
    index_everything(backend)
    return pages


def _area(slug):
    from learning.models import CouncilArea

    return CouncilArea.objects.get(slug=slug)


def _countries(*slugs):
    from learning.models import Country

    return list(Country.objects.filter(slug__in=slugs))
