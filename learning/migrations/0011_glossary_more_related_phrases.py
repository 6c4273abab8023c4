"""More everyday phrases for the glossary's entries, and entries for more of what the content covers
(learning.glossary MORE_RELATED, NEWER_TERMS). Phrases an entry lacks are added after the editors' own;
nothing editors wrote is changed, and an entry editors already made is left as it is."""

from django.db import migrations


def add_phrases(apps, schema_editor):
    from learning.glossary import MORE_RELATED, NEWER_TERMS

    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    for entry in GlossaryTerm.objects.filter(term__in=MORE_RELATED):
        have = {line.strip().lower() for line in entry.related.splitlines() if line.strip()}
        missing = [phrase for phrase in MORE_RELATED[entry.term].splitlines() if phrase.lower() not in have]
        if missing:
            entry.related = "\n".join([*(line for line in entry.related.splitlines() if line.strip()), *missing])
            entry.save(update_fields=["related"])
    for term, expansion, synonyms, description, related in NEWER_TERMS:
        GlossaryTerm.objects.get_or_create(
            term=term,
            defaults={"expansion": expansion, "synonyms": synonyms, "description": description, "related": related},
        )


class Migration(migrations.Migration):
    dependencies = [("learning", "0010_member_learning_moves_to_mylearning")]

    operations = [migrations.RunPython(add_phrases, migrations.RunPython.noop)]
