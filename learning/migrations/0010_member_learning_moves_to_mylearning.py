"""Member learning moved to the `mylearning` app: learning forgets its models; the tables stay (mylearning/migrations/0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0009_editors_curate_the_glossary"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="StepProgress"),
                migrations.DeleteModel(name="PathwayEnrolment"),
                migrations.DeleteModel(name="PracticeUse"),
                migrations.DeleteModel(name="Bookmark"),
                migrations.DeleteModel(name="MemberRead"),
                migrations.DeleteModel(name="PageReadDay"),
            ],
            database_operations=[],
        ),
    ]
