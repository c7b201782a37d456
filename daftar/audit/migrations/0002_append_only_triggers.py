"""Install the triggers that make audit entries append-only (SQLite and PostgreSQL)."""

from django.db import migrations


def install(apps, schema_editor):
    from daftar.audit import triggers

    triggers.install(schema_editor.connection.alias, parts=["entries"])


def remove(apps, schema_editor):
    from daftar.audit import triggers

    triggers.remove(schema_editor.connection.alias, parts=["entries"])


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
