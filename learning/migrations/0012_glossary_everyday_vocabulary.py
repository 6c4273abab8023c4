"""The field's everyday vocabulary for the glossary (learning.glossary EVERYDAY_RELATED, EVERYDAY_TERMS):
phrases an entry lacks are added after the editors' own, nothing editors wrote is changed, and an entry
editors already made is left as it is."""

from django.db import migrations


def add_vocabulary(apps, schema_editor):
    from learning.glossary import EVERYDAY_RELATED, EVERYDAY_TERMS, add_missing_terms, append_related

    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    append_related(GlossaryTerm, EVERYDAY_RELATED)
    add_missing_terms(GlossaryTerm, EVERYDAY_TERMS)


class Migration(migrations.Migration):
    dependencies = [("learning", "0011_glossary_more_related_phrases")]

    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
