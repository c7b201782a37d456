"""Install the immutability guards (the default quorum rule comes from post_migrate)."""

from django.db import migrations


def install_guards(apps, schema_editor):
    from daftar.governance import triggers

    triggers.install(schema_editor.connection.alias)


def remove_guards(apps, schema_editor):
    from daftar.governance import triggers

    triggers.remove(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [
        migrations.RunPython(install_guards, remove_guards),
    ]
