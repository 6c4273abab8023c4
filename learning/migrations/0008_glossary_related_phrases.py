from django.db import migrations, models


def add_related(apps, schema_editor):
    from learning.glossary import MORE_TERMS, RELATED

    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    for term, related in RELATED.items():
        GlossaryTerm.objects.filter(term=term, related="").update(related=related)
    for term, expansion, synonyms, description, related in MORE_TERMS:
        GlossaryTerm.objects.get_or_create(
            term=term,
            defaults={"expansion": expansion, "synonyms": synonyms, "description": description, "related": related},
        )


class Migration(migrations.Migration):
    dependencies = [("learning", "0007_member_learning")]

    operations = [
        migrations.AddField(
            model_name="glossaryterm",
            name="related",
            field=models.TextField(
                blank=True,
                help_text="Everyday phrases people use for this, one per line (for example: a say over money). "
                "Search finds this term's pages for them too, ranked below pages that use the words typed.",
            ),
        ),
        migrations.RunPython(add_related, migrations.RunPython.noop),
    ]
