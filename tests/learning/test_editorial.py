"""The editorial workflow: editors write and submit, reviewers approve or ask for changes, nobody else gets in."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    TaskState,
    Workflow,
    WorkflowState,
)
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from learning.models import PracticeGuidePage, Skill
from tests.factories import (
    CaseStudyFactory,
    EvidenceFactory,
    GuideFactory,
    PathwayFactory,
    UserFactory,
    case_study_index,
    editorial_user,
    evidence_index,
    guide_index,
    pathway_index,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return editorial_user("Editors", username="eilidh")


@pytest.fixture
def reviewer():
    return editorial_user("Reviewers", username="ruaridh")


def root_page_permissions(group_name):
    root = Page.get_first_root_node()
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=root).values_list(
            "permission__codename", flat=True
        )
    )


def add_guide_form(client, parent, **fields):
    """The admin's "add practice guide" form as a browser would post it, with the fields a guide needs."""
    response = client.get(reverse("wagtailadmin_pages:add", args=("learning", "practiceguidepage", parent.pk)))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]
    data.update(
        nested_form_data(
            {
                "title": "Running a community conversation",
                "slug": "running-a-community-conversation",
                "summary": "How to plan and host a conversation where every voice is heard.",
                "purpose": "Plan and host a safe, structured community conversation.",
                "audience": "Community planning officers and their partners.",
                "time_needed": "Two hours, plus preparation",
                "steps": streamfield(
                    [("step", {"title": "Agree ground rules", "body": rich_text("<p>Agree them together.</p>")})]
                ),
                "tips": streamfield([]),
                "resources": streamfield([]),
                **fields,
            }
        )
    )
    data.setlist("skills", [str(Skill.objects.get(slug="facilitation").pk)])
    data.setlist("sectors", [])
    return data


def submit_new_guide(client, editor):
    client.force_login(editor)
    parent = guide_index()
    data = add_guide_form(client, parent)
    data["action-submit"] = "Submit to Reviewer approval"
    response = client.post(reverse("wagtailadmin_pages:add", args=("learning", "practiceguidepage", parent.pk)), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return PracticeGuidePage.objects.get(slug="running-a-community-conversation")


def workflow_action_url(page, action):
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


# --- The groups and the workflow the migration creates -------------------------------------------


def test_editors_add_change_and_lock_pages_but_do_not_publish():
    assert root_page_permissions("Editors") == {"add_page", "change_page", "lock_page"}


def test_reviewers_also_publish_and_unlock():
    assert root_page_permissions("Reviewers") == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}


@pytest.mark.parametrize("group_name", ["Editors", "Reviewers"])
def test_editorial_groups_enter_the_admin_and_use_images_and_documents(group_name):
    group = Group.objects.get(name=group_name)
    assert group.permissions.filter(content_type__app_label="wagtailadmin", codename="access_admin").exists()
    collection_permissions = set(
        GroupCollectionPermission.objects.filter(group=group, collection=Collection.get_first_root_node()).values_list(
            "permission__codename", flat=True
        )
    )
    assert collection_permissions == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }


def test_no_other_group_may_publish_or_enter_the_admin():
    # Wagtail's default "Moderators" group must not hand page publishing to the forum's moderators.
    others = Group.objects.exclude(name__in=["Editors", "Reviewers"])
    assert not GroupPagePermission.objects.filter(group__in=others).exists()
    assert not others.filter(permissions__codename="access_admin").exists()


def test_one_review_workflow_with_a_reviewer_approval_task_covers_every_section():
    workflow = Workflow.objects.get(name="Editorial review")
    assert [task.specific.name for task in workflow.tasks.all()] == ["Reviewer approval"]
    assert list(workflow.tasks.get().specific.groups.values_list("name", flat=True)) == ["Reviewers"]
    assert list(Workflow.objects.filter(active=True)) == [workflow]
    assert Page.get_first_root_node().get_workflow() == workflow
    for section in (case_study_index(), evidence_index(), guide_index(), pathway_index()):
        assert section.get_workflow() == workflow, section
    pages = [CaseStudyFactory(), EvidenceFactory(), GuideFactory()]
    steps = [
        ("step", {"page": page, "why": "It matters.", "reflection_prompt": "What would you try?"}) for page in pages
    ]
    for page in [*pages, PathwayFactory(steps=steps)]:
        assert page.get_workflow() == workflow, page


# --- Permissions, through Wagtail's permission API --------------------------------------------------


def test_an_editor_can_write_and_lock_but_not_publish(editor):
    guide = GuideFactory(live=False)
    permissions = guide.permissions_for_user(editor)
    assert guide_index().permissions_for_user(editor).can_add_subpage()
    assert permissions.can_edit()
    assert permissions.can_lock()
    assert not permissions.can_publish()
    assert not permissions.can_unpublish()
    assert not guide_index().permissions_for_user(editor).can_publish_subpage()


def test_a_reviewer_can_publish(reviewer):
    guide = GuideFactory(live=False)
    permissions = guide.permissions_for_user(reviewer)
    assert permissions.can_edit()
    assert permissions.can_publish()
    assert permissions.can_unlock()


# --- The workflow through the admin ---------------------------------------------------------------


def test_an_editor_submits_a_new_guide_for_review_through_the_admin(client, editor):
    guide = submit_new_guide(client, editor)
    assert not guide.live
    state = guide.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    assert guide.current_workflow_task.name == "Reviewer approval"
    client.logout()
    assert "Running a community conversation" not in client.get(guide_index().url).content.decode()
    assert client.get(guide.url).status_code == 404


def test_an_editor_cannot_publish_through_the_edit_form(client, editor):
    client.force_login(editor)
    parent = guide_index()
    add_url = reverse("wagtailadmin_pages:add", args=("learning", "practiceguidepage", parent.pk))
    assert client.post(add_url, add_guide_form(client, parent)).status_code == 302  # "Save draft"
    guide = PracticeGuidePage.objects.get(slug="running-a-community-conversation")
    edit_url = reverse("wagtailadmin_pages:edit", args=(guide.pk,))
    html = client.get(edit_url).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html

    data = add_guide_form(client, parent, title="Running a community conversation, second draft")
    data["action-publish"] = "Publish"  # a hand-made request: the button is not offered
    response = client.post(edit_url, data)
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.get_latest_revision_as_object().title == "Running a community conversation, second draft"
    assert not guide.live
    assert guide.first_published_at is None


def test_an_editor_cannot_approve(client, editor):
    guide = submit_new_guide(client, editor)
    response = client.post(workflow_action_url(guide, "approve"), {"comment": ""})
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with an error message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    guide.refresh_from_db()
    assert not guide.live
    assert guide.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_reviewer_approves_through_the_admin_and_the_guide_goes_live(client, editor, reviewer):
    guide = submit_new_guide(client, editor)
    client.force_login(reviewer)
    response = client.post(workflow_action_url(guide, "approve"), {"comment": "Clear and useful."})
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.live
    assert WorkflowState.objects.for_instance(guide).get().status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert client.get(guide.url).status_code == 200
    assert "Running a community conversation" in client.get(guide_index().url).content.decode()


def test_a_reviewer_asks_for_changes_with_a_comment_and_the_guide_stays_unpublished(client, editor, reviewer):
    guide = submit_new_guide(client, editor)
    client.force_login(reviewer)
    client.post(workflow_action_url(guide, "reject"), {"comment": "Add a step on closing the conversation."})
    guide.refresh_from_db()
    assert not guide.live
    state = WorkflowState.objects.for_instance(guide).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = TaskState.objects.get(workflow_state=state)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Add a step on closing the conversation."
    # Back with the editor: they can edit and resubmit, still without publishing.
    assert guide.permissions_for_user(editor).can_edit()
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(guide.pk,))).status_code == 200
    client.logout()
    assert client.get(guide.url).status_code == 404


def test_the_task_approves_and_rejects_through_its_own_api(editor, reviewer):
    guide = GuideFactory(live=False, title="Mapping local assets")
    workflow = guide.get_workflow()
    workflow.start(guide, editor)
    task_state = guide.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment="Say who it is for.")
    guide.refresh_from_db()
    assert not guide.live
    assert guide.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    guide.save_revision(user=editor)
    guide.current_workflow_state.resume(editor)  # what "Resubmit" in the admin does
    task_state = guide.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    guide.refresh_from_db()
    assert guide.live


# --- Who gets into /admin/ ----------------------------------------------------------------------------


def test_a_practitioner_is_sent_away_from_the_admin(client):
    client.force_login(UserFactory(username="priya"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_visitor_is_sent_to_sign_in(client):
    assert client.get("/admin/").status_code == 302


def test_demo_editor_and_reviewer_are_in_their_groups_and_nobody_else_enters_the_admin(client, settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    users = {user.username: user for user in get_user_model().objects.all()}
    assert list(users["editor"].groups.values_list("name", flat=True)) == ["Editors"]
    assert list(users["reviewer"].groups.values_list("name", flat=True)) == ["Reviewers"]
    for name in ("facilitator", "moderator", "practitioner", "frontline"):
        assert not users[name].has_perm("wagtailadmin.access_admin"), name
        client.force_login(users[name])
        assert client.get("/admin/").status_code == 302, name
    assert not users["editor"].user_permissions.exists()
    client.force_login(users["editor"])
    assert client.get("/admin/").status_code == 200


# --- Scheduled publishing and revisions ------------------------------------------------------------------


def test_a_scheduled_page_is_published_by_publish_scheduled_when_its_time_comes(reviewer):
    guide = GuideFactory(live=False, title="Evaluating a participatory budget")
    go_live_at = timezone.now() + timedelta(hours=2)
    guide.go_live_at = go_live_at
    guide.save_revision(user=reviewer).publish(user=reviewer)
    guide.refresh_from_db()
    assert not guide.live
    assert guide.get_latest_revision().approved_go_live_at == go_live_at

    call_command("publish_scheduled")
    guide.refresh_from_db()
    assert not guide.live, "published before its time"

    with mock.patch("django.utils.timezone.now", return_value=go_live_at + timedelta(minutes=1)):
        call_command("publish_scheduled")
    guide.refresh_from_db()
    assert guide.live
    assert guide.title == "Evaluating a participatory budget"


def test_revisions_are_kept_and_an_earlier_one_can_be_restored(client, reviewer):
    guide = GuideFactory(title="Running a world cafe")
    first = guide.get_latest_revision()
    guide.title = "Running a world café, revised"
    guide.save_revision(user=reviewer).publish(user=reviewer)
    assert guide.revisions.count() == 2

    # The admin offers the earlier revision for restoring ...
    client.force_login(reviewer)
    response = client.get(reverse("wagtailadmin_pages:revisions_revert", args=(guide.pk, first.pk)))
    assert response.status_code == 200
    assert "Running a world cafe" in response.content.decode()

    # ... and restoring it makes a new revision from the old content: history is kept, not rewritten.
    first.as_object().save_revision(user=reviewer, log_action="wagtail.revert", previous_revision=first).publish(
        user=reviewer
    )
    guide.refresh_from_db()
    assert guide.title == "Running a world cafe"
    assert guide.revisions.count() == 3
