"""Last step of moving the workflow definitions out of cases (ADR 0013): a file's workflow
version and state point at the `workflow` app's models, and cases forgets its own copies.
State only: the tables were renamed (0007) and now belong to `workflow`; nothing is dropped."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_workflow_tables_for_the_workflow_app"),
        ("catalogue", "0004_service_workflow_in_the_workflow_app"),
        ("workflow", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="file",
                    name="state",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="files",
                        to="workflow.workflowstate",
                        verbose_name="status",
                    ),
                ),
                migrations.AlterField(
                    model_name="file",
                    name="workflow_version",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="files",
                        to="workflow.workflowversion",
                        verbose_name="workflow",
                    ),
                ),
                migrations.DeleteModel(name="WorkflowAction"),
                migrations.DeleteModel(name="WorkflowState"),
                migrations.DeleteModel(name="WorkflowVersion"),
                migrations.DeleteModel(name="Workflow"),
            ],
        ),
    ]
