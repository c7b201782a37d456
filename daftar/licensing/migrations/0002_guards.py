"""Install the licensing guards: rules freeze when a call opens; publications are append-only."""

from django.db import migrations


def install_guards(apps, schema_editor):
    from daftar.licensing import triggers

    triggers.install(schema_editor.connection.alias)


def remove_guards(apps, schema_editor):
    from daftar.licensing import triggers

    triggers.remove(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("licensing", "0001_initial")]
    operations = [
        migrations.RunPython(install_guards, remove_guards),
    ]
