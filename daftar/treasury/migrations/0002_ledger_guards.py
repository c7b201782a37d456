"""Install the ledger guards (append-only; balanced entries on PostgreSQL)."""

from django.db import migrations


def install(apps, schema_editor):
    from daftar.treasury import triggers

    triggers.install(schema_editor.connection.alias)


def remove(apps, schema_editor):
    from daftar.treasury import triggers

    triggers.remove(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("treasury", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
