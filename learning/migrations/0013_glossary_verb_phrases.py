"""Short everyday phrasings for the glossary's entries (learning.glossary VERB_RELATED), appended after the
editors' own phrases, and the names the content uses for an entry migration 0012 made (RENAMED), given only
while editors have written none of their own."""

from django.db import migrations


def add_phrasings(apps, schema_editor):
    from learning.glossary import RENAMED, VERB_RELATED

    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    for entry in GlossaryTerm.objects.filter(term__in=VERB_RELATED):
        have = {line.strip().lower() for line in entry.related.splitlines() if line.strip()}
        missing = [phrase for phrase in VERB_RELATED[entry.term].splitlines() if phrase.lower() not in have]
        if missing:
            entry.related = "\n".join([*(line for line in entry.related.splitlines() if line.strip()), *missing])
            entry.save(update_fields=["related"])
    for entry in GlossaryTerm.objects.filter(term__in=RENAMED, synonyms=""):
        entry.synonyms = RENAMED[entry.term]
        entry.save(update_fields=["synonyms"])


class Migration(migrations.Migration):
    dependencies = [("learning", "0012_glossary_everyday_vocabulary")]

    operations = [migrations.RunPython(add_phrasings, migrations.RunPython.noop)]
