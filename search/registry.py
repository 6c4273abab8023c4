"""Which models are searchable, found through the app registry, never imported by name.

A model takes part by defining `search_type` (one of documents.TYPES), a `search_queryset()`
classmethod (everything that belongs in the index: public, live, not hidden) and a
`search_document()` method returning a SearchDocument. Subclasses that inherit the methods but
not a type of their own (a multi-table base class) are skipped. A model may also define a
`search_documents(objects)` classmethod: the same documents for a batch, built with what they read
fetched once per batch (rebuilds and batched syncs use it).
"""

from functools import cache

from django.apps import apps

from search.documents import TYPES


@cache
def indexable_models():
    """Searchable models (computed once: the app registry does not change after start-up)."""
    found = []
    for model in apps.get_models():
        search_type = model.__dict__.get("search_type") or model.__dict__.get("content_type_key")
        if search_type in TYPES and hasattr(model, "search_document") and hasattr(model, "search_queryset"):
            found.append(model)
    return tuple(found)


def model_for_label(label):
    model = apps.get_model(label)
    if model not in indexable_models():
        raise LookupError(f"{label} is not searchable")
    return model


def is_indexable(instance):
    return type(instance) in indexable_models()


def document_or_none(instance):
    """The instance's document if it belongs in the index now, else None (draft, private, hidden...)."""
    model = type(instance)
    if not model.search_queryset().filter(pk=instance.pk).exists():
        return None
    return instance.search_document()


def documents_for(model, objects):
    """search_document() of each object (all of `model`, in the index's queryset), batched when the model can."""
    batch = getattr(model, "search_documents", None)
    if batch is not None:
        return batch(objects)
    return [obj.search_document() for obj in objects]


def all_documents(batch_size=500):
    """Every document the index should hold, model by model, in batches (for rebuilds)."""
    for model in indexable_models():
        queryset = model.search_queryset().order_by("pk")
        last_pk = None
        while True:
            batch = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
            batch = list(batch[:batch_size])
            if not batch:
                break
            yield documents_for(model, batch)
            last_pk = batch[-1].pk


def expected_count():
    return sum(model.search_queryset().count() for model in indexable_models())
