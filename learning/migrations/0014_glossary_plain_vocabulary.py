"""The glossary's fourth pass of everyday vocabulary (learning.glossary PLAIN_RELATED), appended after the
editors' own phrases, and the abbreviations the pages' subjects are known by that had no entry
(PLAIN_TERMS), made only where editors have not made them."""

from django.db import migrations


def add_vocabulary(apps, schema_editor):
    from learning.glossary import PLAIN_RELATED, PLAIN_TERMS, add_missing_terms, append_related

    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    add_missing_terms(GlossaryTerm, PLAIN_TERMS)
    append_related(GlossaryTerm, PLAIN_RELATED)


class Migration(migrations.Migration):
    dependencies = [("learning", "0013_glossary_verb_phrases")]

    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
