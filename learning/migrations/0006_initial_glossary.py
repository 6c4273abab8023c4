from django.db import migrations


def add_glossary(apps, schema_editor):
    from learning.glossary import GLOSSARY

    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    for term, expansion, synonyms, description in GLOSSARY:
        GlossaryTerm.objects.get_or_create(
            term=term, defaults={"expansion": expansion, "synonyms": synonyms, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("learning", "0005_editorial_workflow")]

    operations = [migrations.RunPython(add_glossary, migrations.RunPython.noop)]
