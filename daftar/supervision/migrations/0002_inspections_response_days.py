"""Inspections: the office's response window on a checklist version, and the guards that
freeze adopted checklist versions and submitted reports (daftar/supervision/triggers.py)."""

from django.db import migrations, models


def install_guards(apps, schema_editor):
    from daftar.supervision import triggers

    triggers.dbtriggers.TriggerSet(guards=triggers.INSPECTION_GUARDS).install(
        schema_editor.connection.alias
    )


def remove_guards(apps, schema_editor):
    from daftar.supervision import triggers

    triggers.dbtriggers.TriggerSet(guards=triggers.INSPECTION_GUARDS).remove(
        schema_editor.connection.alias
    )


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="checklistversion",
            name="response_days",
            field=models.PositiveSmallIntegerField(
                default=10, verbose_name="working days for the office to respond"
            ),
        ),
        migrations.RunPython(install_guards, remove_guards),
    ]
