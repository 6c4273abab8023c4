from django.db import migrations
from django.utils.text import slugify


def add_vocabularies(apps, schema_editor):
    from learning.vocabularies import COUNCIL_AREAS, COUNTRIES, SECTORS, SKILLS

    for model_name, entries in [
        ("Sector", SECTORS),
        ("CouncilArea", [(name, "") for name in COUNCIL_AREAS]),
        ("Country", [(name, "") for name in COUNTRIES]),
        ("Skill", SKILLS),
    ]:
        model = apps.get_model("learning", model_name)
        for name, description in entries:
            model.objects.get_or_create(slug=slugify(name), defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_contentpage_councilarea_country_evidenceindexpage_and_more")]

    operations = [migrations.RunPython(add_vocabularies, migrations.RunPython.noop)]
