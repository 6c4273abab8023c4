"""Member learning moved from `learning` to its own app without losing a row (mylearning/migrations/0001).

The database is taken back to the schema before the move, filled through the models as they were
then, and migrated forward: every bookmark, enrolment, step with its reflection, use in practice
and read is still there, readable through the `mylearning` app, with the content types moved rather
than duplicated.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("learning", "0009_editors_curate_the_glossary"), ("mylearning", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([target for target in targets if target[1]]).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_member_learning_and_its_rows_survive_the_move_to_its_own_app():
    old = _migrate(BEFORE)
    User = old.get_model(*settings.AUTH_USER_MODEL.split("."))
    ContentType = old.get_model("contenttypes", "ContentType")
    PathwayIndexPage = old.get_model("learning", "PathwayIndexPage")
    LearningPathwayPage = old.get_model("learning", "LearningPathwayPage")
    Bookmark = old.get_model("learning", "Bookmark")
    PathwayEnrolment = old.get_model("learning", "PathwayEnrolment")
    StepProgress = old.get_model("learning", "StepProgress")
    PracticeUse = old.get_model("learning", "PracticeUse")
    PageReadDay = old.get_model("learning", "PageReadDay")
    MemberRead = old.get_model("learning", "MemberRead")
    ContentType.objects.get_or_create(app_label="learning", model="bookmark")

    ailsa = User.objects.create(username="ailsa-move")
    Locale = old.get_model("wagtailcore", "Locale")
    locale = Locale.objects.first() or Locale.objects.create(language_code="en")  # a flushed database has none
    index_type, _ = ContentType.objects.get_or_create(app_label="learning", model="pathwayindexpage")
    pathway_type, _ = ContentType.objects.get_or_create(app_label="learning", model="learningpathwaypage")
    index = PathwayIndexPage.objects.create(
        title="Pathways",
        slug="moving-pathways",
        path="ZZZY",  # a tree of its own: a flushed database has no root page
        depth=1,
        content_type=index_type,
        locale=locale,
    )
    pathway = LearningPathwayPage.objects.create(
        title="Moving",
        slug="moving",
        path=f"{index.path}0001",
        depth=2,
        content_type=pathway_type,
        locale=locale,
        summary="s",
        steps=[],
    )
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    Bookmark.objects.create(user=ailsa, content_type=page_type, object_id=pathway.pk)
    enrolment = PathwayEnrolment.objects.create(user=ailsa, pathway=pathway)
    StepProgress.objects.create(enrolment=enrolment, step_id="step-1", reflect="What I learned")
    PracticeUse.objects.create(user=ailsa, page=pathway, note="Used it on Tuesday")
    PageReadDay.objects.create(page_id=pathway.pk, day="2026-12-01", reads=7)
    MemberRead.objects.create(user=ailsa, page_id=pathway.pk, reads=3)

    _migrate(_latest())

    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    from mylearning.models import Bookmark as NewBookmark
    from mylearning.models import MemberRead as NewMemberRead
    from mylearning.models import PageReadDay as NewPageReadDay
    from mylearning.models import PathwayEnrolment as NewEnrolment
    from mylearning.models import PracticeUse as NewPracticeUse
    from mylearning.models import StepProgress as NewStepProgress

    assert NewBookmark.objects.get(user_id=ailsa.pk).object_id == pathway.pk
    moved = NewEnrolment.objects.get(user_id=ailsa.pk, pathway_id=pathway.pk)
    assert NewStepProgress.objects.get(enrolment=moved).reflect == "What I learned"
    assert NewPracticeUse.objects.get(user_id=ailsa.pk).note == "Used it on Tuesday"
    assert NewPageReadDay.objects.get(page_id=pathway.pk).reads == 7
    assert NewMemberRead.objects.get(user_id=ailsa.pk).reads == 3
    assert CurrentContentType.objects.filter(app_label="mylearning", model="bookmark").count() == 1
    assert not CurrentContentType.objects.filter(app_label="learning", model="bookmark").exists()
