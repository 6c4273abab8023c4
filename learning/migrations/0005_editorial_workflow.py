"""The editorial workflow: Editors write and submit, Reviewers approve (publish) or reject with a comment.

Permissions hang off the tree's root page (depth 1) and the root collection, as Wagtail's own initial
migrations do, because the home page and the section index pages are created later by
`load_demo_content`; root permissions and the root workflow cover every page below them.

Wagtail's default groups: its "Editors" group is reused and given exactly the permissions below. Its
"Moderators" group (page publishing) loses every CMS permission: on this site "moderator" is the forum
role, and a forum moderator must never gain the right to publish pages through a name clash. The group
itself is deleted only when nothing else uses it (no members, no permissions left). Wagtail's default
"Moderators approval" workflow is replaced at the root by "Editorial review" and removed when unused.

Reversing removes the Reviewers group and the "Editorial review" workflow; Editors keep their
permissions and Wagtail's default Moderators set-up is not recreated (nothing on this site relies on it).
"""

import swapper
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
REVIEWERS = "Reviewers"
WAGTAIL_MODERATORS = "Moderators"
WORKFLOW = "Editorial review"
TASK = "Reviewer approval"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page", "lock_page"),
    REVIEWERS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add", "change", "choose")),
    ("wagtaildocs", "document", ("add", "change", "choose")),
)
# The controlled vocabularies editors curate as snippets; reviewers may also delete entries.
VOCABULARIES = ("theme", "sector", "councilarea", "country", "skill")
SNIPPET_ACTIONS = {EDITORS: ("add", "change"), REVIEWERS: ("add", "change", "delete")}


def create_model_permissions(apps):
    """Make the permission rows post_migrate would make later, so a fresh database can be set up now."""
    for app_label in ("learning", "wagtailcore", "wagtailimages", "wagtaildocs"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def permission(apps, app_label, model, codename):
    """The permission row (created here only if it is a custom one no model declares)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_", 1)[0]
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
    )
    return perm


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model(*swapper.get_model_name("wagtailcore", "Page").split("."))
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    create_model_permissions(apps)
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    page_model = Page._meta.model_name
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    collection_permissions = [
        permission(apps, app_label, model, f"{action}_{model}")
        for app_label, model, actions in COLLECTION_PERMISSIONS
        for action in actions
    ]

    groups = {}
    for name, page_codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        snippet_permissions = [
            permission(apps, "learning", model, f"{action}_{model}")
            for model in VOCABULARIES
            for action in SNIPPET_ACTIONS[name]
        ]
        group.permissions.set([access_admin, *snippet_permissions])

        wanted = [permission(apps, "wagtailcore", page_model, codename) for codename in page_codenames]
        GroupPagePermission.objects.filter(group=group, page=root_page).exclude(permission__in=wanted).delete()
        for perm in wanted:
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=perm)

        GroupCollectionPermission.objects.filter(group=group, collection=root_collection).exclude(
            permission__in=collection_permissions
        ).delete()
        for perm in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection, permission=perm)

    _assign_workflow(apps, root_page, groups[REVIEWERS])
    _retire_wagtail_moderators(apps, root_page, root_collection)


def _assign_workflow(apps, root_page, reviewers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK, defaults={"content_type": task_type, "active": True})
    task.groups.set([reviewers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # One workflow per page: this replaces Wagtail's default assignment at the root.
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def _retire_wagtail_moderators(apps, root_page, root_collection):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        if workflow.workflow_pages.exists() or WorkflowState.objects.filter(workflow=workflow).exists():
            workflow.active = False
            workflow.save(update_fields=["active"])
        else:
            workflow.delete()
    for task in Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        if TaskState.objects.filter(task=task).exists() or task.workflow_tasks.exists():
            task.active = False
            task.save(update_fields=["active"])
        else:
            task.delete()

    moderators = Group.objects.filter(name=WAGTAIL_MODERATORS).first()
    if moderators is None:
        return
    GroupPagePermission.objects.filter(group=moderators, page=root_page).delete()
    GroupCollectionPermission.objects.filter(group=moderators, collection=root_collection).delete()
    moderators.permissions.remove(
        *moderators.permissions.filter(content_type__app_label__in=["wagtailadmin", "wagtailimages", "wagtaildocs"])
    )
    in_use = (
        moderators.user_set.exists()
        or moderators.permissions.exists()
        or GroupPagePermission.objects.filter(group=moderators).exists()
        or GroupCollectionPermission.objects.filter(group=moderators).exists()
    )
    if not in_use:
        moderators.delete()


def remove_reviewers_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")

    Workflow.objects.filter(name=WORKFLOW).delete()
    Task.objects.filter(name=TASK).delete()
    Group.objects.filter(name=REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0004_glossaryterm"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, remove_reviewers_and_workflow)]
