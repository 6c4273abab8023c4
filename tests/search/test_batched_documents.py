"""Documents built a batch at a time (rebuilds, batched syncs) are the ones built one object at a time,
with a number of queries that does not grow with the batch."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.site import load_demo_content
from search.indexing import build_document
from search.registry import all_documents, documents_for, indexable_models

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.ELASTICSEARCH_URL = ""
    load_demo_content()


def one_by_one(model):
    """What sync() writes for each object: a fresh instance, search_document() alone."""
    documents = []
    for pk in model.search_queryset().order_by("pk").values_list("pk", flat=True):
        instance = model.search_queryset().get(pk=pk)
        documents.append(build_document(instance.search_document()))
    return documents


def test_batched_documents_equal_the_one_by_one_documents_for_the_demo_content(demo):
    models = indexable_models()
    assert len(models) == 7  # case studies, evidence summaries, guides, pathways, threads, posts, inquiries
    for model in models:
        batched = [build_document(data) for data in documents_for(model, list(model.search_queryset().order_by("pk")))]
        expected = one_by_one(model)
        assert expected, f"the demo has no {model.__name__}"
        assert batched == expected, model.__name__
    rebuilt = [document for batch in all_documents(batch_size=7) for document in map(build_document, batch)]
    assert rebuilt == [document for model in models for document in one_by_one(model)]


def test_documents_cost_a_few_queries_a_batch_not_a_few_an_object(demo):
    """Per model and batch: the rows, then one query per relation the documents read."""
    with CaptureQueriesContext(connection) as captured:
        documents = sum(len(batch) for batch in all_documents())
    assert documents > 50
    assert len(captured) <= 8 * len(indexable_models()), [query["sql"][:80] for query in captured]


def test_stream_text_read_from_the_stored_form_equals_the_text_of_the_built_value(demo):
    """Body text is read from StreamField's stored JSON (choosers unread): the same text as walking the
    value Wagtail builds, block by block, for every StreamField of the demo pages."""
    from wagtail.blocks import StreamValue

    from learning.models import ContentPage
    from search.documents import stream_text

    compared = 0
    for page in ContentPage.objects.live().specific():
        for name in page.search_body_fields:
            value = getattr(page, name)
            if not isinstance(value, StreamValue):
                continue
            built = StreamValue(value.stream_block, [(c.block_type, c.value, c.id) for c in value], is_lazy=False)
            assert stream_text(value) == stream_text(built), (page.title, name)
            compared += 1
    assert compared > 50


def test_key_points_and_bullet_lists_are_searchable_text(demo):
    """What a page says in a list (key points, bullets) is in its document, read either way: the
    Highland case study's key point "A volunteer driving scheme with eighteen drivers" is nowhere else."""
    from wagtail.blocks import StreamValue

    from casestudies.models import CaseStudyPage
    from search.documents import stream_text

    page = CaseStudyPage.objects.get(slug="achbeag-community-action-plan")
    document = build_document(page.search_document())
    assert "A volunteer driving scheme with eighteen drivers." in document.body
    assert "four let to families with children" in document.body
    value = page.what_changed
    built = StreamValue(value.stream_block, [(c.block_type, c.value, c.id) for c in value], is_lazy=False)
    assert "eighteen drivers" in stream_text(built)
