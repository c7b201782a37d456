"""First step of moving the workflow definitions to the `workflow` app (ADR 0013): the four
tables are renamed to the names that app gives them. Nothing is copied: a rename keeps every
row, id and foreign key (the keys follow the table on both engines)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_sla_overall_deadline"),
        ("catalogue", "0003_tariff_guards"),
    ]

    operations = [
        migrations.AlterModelTable(name="workflow", table="workflow_workflow"),
        migrations.AlterModelTable(name="workflowversion", table="workflow_workflowversion"),
        migrations.AlterModelTable(name="workflowstate", table="workflow_workflowstate"),
        migrations.AlterModelTable(name="workflowaction", table="workflow_workflowaction"),
    ]
