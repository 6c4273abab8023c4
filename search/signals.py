"""Changes that queue index updates: page publishing, moves, deletions and view restrictions, saves
and deletions of any other searchable model, and changes to what other documents are built from (a
community's visibility). Apps never call search/: it listens."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from learning.abbreviations import forget_abbreviations
from search.registry import is_indexable
from search.service import forget_glossary, forget_vocabulary
from search.tasks import schedule_dependents_sync, schedule_sync


def _sync_tree(page):
    forget_vocabulary()  # the themes suggestions offer come from the pages a visitor may see
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        if is_indexable(descendant):
            schedule_sync(descendant)


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    _sync_tree(instance)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    _sync_tree(instance)


@receiver(post_delete)
def indexable_deleted(sender, instance, **kwargs):
    if is_indexable(instance):
        schedule_sync(instance)
        _sync_dependents(instance)
    elif _part_of_a_document(instance) and not isinstance(instance, Page):
        _sync_dependents(instance)


def _sync_dependents(instance):
    """Documents built partly from this one (a thread's document holds its posts' words)."""
    for dependent in getattr(instance, "search_dependents", lambda: [])():
        if dependent is not None and dependent.pk is not None and is_indexable(dependent):
            schedule_sync(dependent)


@receiver(post_save)
def indexable_saved(sender, instance, raw=False, **kwargs):
    """Any other searchable model (forum threads and posts) is synced whenever it is saved: created,
    edited, hidden or restored. Pages are left to the publishing signals, since saving a draft must
    not change what search shows."""
    if raw or isinstance(instance, Page):
        return
    if is_indexable(instance):
        schedule_sync(instance)
        _sync_dependents(instance)  # a post's thread holds its words
    elif _part_of_a_document(instance):
        _sync_dependents(instance)  # an inquiry's cycle or entry: the inquiry's document holds its words
    elif _dependency_changed(instance):
        schedule_dependents_sync(instance)


def _part_of_a_document(instance):
    """A model that is not searchable itself but whose every change is part of other documents names them in
    `search_dependents()` and no `search_dependent_fields` (an inquiry's entries)."""
    model = type(instance)
    return hasattr(model, "search_dependents") and not hasattr(model, "search_dependent_fields")


# Models whose fields other documents are built from name them in `search_dependent_fields` and name
# those documents in `search_dependents()` (a community: its visibility is its threads' and posts'
# access). Their values before a save are read here, so a save that changes one re-syncs the lot.
_BEFORE_SAVE = "_search_values_before_save"


@receiver(pre_save)
def dependency_saving(sender, instance, raw=False, **kwargs):
    fields = getattr(sender, "search_dependent_fields", None)
    if raw or not fields or instance.pk is None or isinstance(instance, Page) or is_indexable(instance):
        return
    before = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    instance.__dict__[_BEFORE_SAVE] = before


def _dependency_changed(instance):
    fields = getattr(type(instance), "search_dependent_fields", None)
    if not fields or not hasattr(instance, "search_dependents"):
        return False
    before = instance.__dict__.pop(_BEFORE_SAVE, None)
    if before is None:
        return False  # created just now: nothing was built from it yet
    return any(before[name] != getattr(instance, _attname(type(instance), name)) for name in fields)


def _attname(model, name):
    return model._meta.get_field(name).attname


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _sync_tree(page)
        for alias in Page.objects.filter(alias_of=page):  # served with its source's restrictions (learning.visibility)
            _sync_tree(alias)


@receiver(post_save, sender="learning.GlossaryTerm")
@receiver(post_delete, sender="learning.GlossaryTerm")
def glossary_changed(sender, **kwargs):
    forget_glossary()
    forget_abbreviations()


@receiver(post_save, sender="learning.Theme")
@receiver(post_delete, sender="learning.Theme")
def theme_changed(sender, **kwargs):
    forget_glossary()  # a theme's description describes the glossary entry that names it
