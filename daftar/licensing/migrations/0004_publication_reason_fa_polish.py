"""Publications store their reason in Persian beside the English one.

On SQLite adding a column rebuilds the table, which drops its triggers: the append-only guards
are removed first and installed again after. Earlier publications keep an empty Persian reason
(they are append-only: nothing rewrites them) and show the English one."""

from django.db import migrations, models


def install_guards(apps, schema_editor):
    from daftar.licensing import triggers

    triggers.install(schema_editor.connection.alias)


def remove_guards(apps, schema_editor):
    from daftar.licensing import triggers

    triggers.remove(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("licensing", "0003_agreement_lapsed"),
    ]

    operations = [
        migrations.RunPython(remove_guards, install_guards),
        migrations.AddField(
            model_name="publication",
            name="reason_fa",
            field=models.CharField(blank=True, max_length=300, verbose_name="reason (Persian)"),
        ),
        migrations.AlterField(
            model_name="publication",
            name="reason",
            field=models.CharField(max_length=300, verbose_name="reason (English)"),
        ),
        migrations.RunPython(install_guards, remove_guards),
    ]
