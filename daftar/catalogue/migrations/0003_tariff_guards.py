"""Install the tariff guards (no overlapping periods; set versions never change)."""

from django.db import migrations


def install(apps, schema_editor):
    from daftar.catalogue import triggers

    triggers.install(schema_editor.connection.alias)


def remove(apps, schema_editor):
    from daftar.catalogue import triggers

    triggers.remove(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_departmentmember_service_requireddocument_formfield_and_more")]
    operations = [migrations.RunPython(install, remove)]
