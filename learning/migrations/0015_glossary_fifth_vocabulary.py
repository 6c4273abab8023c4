"""The glossary's fifth pass of everyday vocabulary (learning.glossary FIFTH_RELATED), appended after the
editors' own phrases; the names the pages use for an entry whose own names they never use
(CONTENT_NAMES), given only while its synonyms are still the seed's; and an entry for value for money
(FIFTH_TERMS), made only where editors have not made it."""

from django.db import migrations


def add_vocabulary(apps, schema_editor):
    from learning.glossary import (
        CONTENT_NAMES,
        FIFTH_RELATED,
        FIFTH_TERMS,
        add_content_names,
        add_missing_terms,
        append_related,
    )

    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    add_missing_terms(GlossaryTerm, FIFTH_TERMS)
    append_related(GlossaryTerm, FIFTH_RELATED)
    add_content_names(GlossaryTerm, CONTENT_NAMES)


class Migration(migrations.Migration):
    dependencies = [("learning", "0014_glossary_plain_vocabulary")]

    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
