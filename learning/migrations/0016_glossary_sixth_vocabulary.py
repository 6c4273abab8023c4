"""The glossary's sixth pass of everyday vocabulary, written page by page from the content (learning.glossary
SIXTH_RELATED), appended after the editors' own phrases; entries for carers, social work and waiting times
(SIXTH_TERMS), made only where editors have not made them; and the entries 0015 makes (FIFTH_TERMS) again,
for a database that ran 0015 before its last three entries (complex needs, community justice, budget cuts)
were written: an entry that exists, the editors' or the seed's, is left as it is."""

from django.db import migrations


def add_vocabulary(apps, schema_editor):
    from learning.glossary import FIFTH_TERMS, SIXTH_RELATED, SIXTH_TERMS, add_missing_terms, append_related

    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    add_missing_terms(GlossaryTerm, FIFTH_TERMS)
    add_missing_terms(GlossaryTerm, SIXTH_TERMS)
    append_related(GlossaryTerm, SIXTH_RELATED)


class Migration(migrations.Migration):
    dependencies = [("learning", "0015_glossary_fifth_vocabulary")]

    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
