"""Decision effects store what changed in Persian beside the English text.

Effects recorded earlier keep an empty Persian text: they were written as free English
sentences that cannot be translated back reliably, so their pages show the English marked
lang="en" (new effects are written in both languages by `decision_record_effect`)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0002_guards'),
    ]

    operations = [
        migrations.AddField(
            model_name='decisioneffect',
            name='summary_fa',
            field=models.CharField(blank=True, max_length=300, verbose_name='what changed (Persian)'),
        ),
        migrations.AlterField(
            model_name='decisioneffect',
            name='summary',
            field=models.CharField(max_length=300, verbose_name='what changed (English)'),
        ),
    ]
