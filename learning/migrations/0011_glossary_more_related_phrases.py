"""More everyday phrases for the glossary's entries, and entries for more of what the content covers
(learning.glossary MORE_RELATED, NEWER_TERMS). Phrases an entry lacks are added after the editors' own;
nothing editors wrote is changed, and an entry editors already made is left as it is."""

from django.db import migrations


def add_phrases(apps, schema_editor):
    from learning.glossary import MORE_RELATED, NEWER_TERMS, add_missing_terms, append_related

    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    append_related(GlossaryTerm, MORE_RELATED)
    add_missing_terms(GlossaryTerm, NEWER_TERMS)


class Migration(migrations.Migration):
    dependencies = [("learning", "0010_member_learning_moves_to_mylearning")]

    operations = [migrations.RunPython(add_phrases, migrations.RunPython.noop)]
