"""A service's workflow is a `workflow.WorkflowVersion` now (ADR 0013). State only: the column
and its foreign key already point at the renamed table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0003_tariff_guards"),
        ("workflow", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="service",
                    name="workflow",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="services",
                        to="workflow.workflowversion",
                        verbose_name="workflow",
                    ),
                ),
            ],
        ),
    ]
