"""The field's everyday vocabulary for the glossary (learning.glossary EVERYDAY_RELATED, EVERYDAY_TERMS):
phrases an entry lacks are added after the editors' own, nothing editors wrote is changed, and an entry
editors already made is left as it is."""

from django.db import migrations


def add_vocabulary(apps, schema_editor):
    from learning.glossary import EVERYDAY_RELATED, EVERYDAY_TERMS

    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    for entry in GlossaryTerm.objects.filter(term__in=EVERYDAY_RELATED):
        have = {line.strip().lower() for line in entry.related.splitlines() if line.strip()}
        missing = [phrase for phrase in EVERYDAY_RELATED[entry.term].splitlines() if phrase.lower() not in have]
        if missing:
            entry.related = "\n".join([*(line for line in entry.related.splitlines() if line.strip()), *missing])
            entry.save(update_fields=["related"])
    for term, expansion, synonyms, description, related in EVERYDAY_TERMS:
        GlossaryTerm.objects.get_or_create(
            term=term,
            defaults={"expansion": expansion, "synonyms": synonyms, "description": description, "related": related},
        )


class Migration(migrations.Migration):
    dependencies = [("learning", "0011_glossary_more_related_phrases")]

    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
