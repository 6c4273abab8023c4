"""Short everyday phrasings for the glossary's entries (learning.glossary VERB_RELATED), appended after the
editors' own phrases, and the names the content uses for an entry migration 0012 made (RENAMED), given only
while editors have written none of their own."""

from django.db import migrations


def add_phrasings(apps, schema_editor):
    from learning.glossary import RENAMED, VERB_RELATED, append_related

    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    append_related(GlossaryTerm, VERB_RELATED)
    for entry in GlossaryTerm.objects.filter(term__in=RENAMED, synonyms=""):
        entry.synonyms = RENAMED[entry.term]
        entry.save(update_fields=["synonyms"])


class Migration(migrations.Migration):
    dependencies = [("learning", "0012_glossary_everyday_vocabulary")]

    operations = [migrations.RunPython(add_phrasings, migrations.RunPython.noop)]
