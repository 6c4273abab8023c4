"""Editors curate the glossary as they curate the other vocabularies (0005): its related phrases steer
search, so the people who write the content must be able to reach them. Same actions as 0005 gives."""

import importlib

from django.db import migrations

workflow = importlib.import_module("learning.migrations.0005_editorial_workflow")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, actions in workflow.SNIPPET_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for action in actions:
            group.permissions.add(workflow.permission(apps, "learning", "glossaryterm", f"{action}_glossaryterm"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    glossary = Permission.objects.filter(content_type__app_label="learning", content_type__model="glossaryterm")
    for group in Group.objects.filter(name__in=workflow.SNIPPET_ACTIONS):
        group.permissions.remove(*glossary)


class Migration(migrations.Migration):
    dependencies = [("learning", "0008_glossary_related_phrases")]

    operations = [migrations.RunPython(grant, revoke)]
