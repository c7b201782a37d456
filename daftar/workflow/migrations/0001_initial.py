"""The workflow definitions, moved here from `cases` (ADR 0013).

The tables already carry this app's names (`cases.0007` renamed them), so this migration only
tells Django's model state that the four models now live here (no SQL), and moves their content
types, keeping their ids, so permissions and generic relations stay attached."""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("workflow", "workflowversion", "workflowstate", "workflowaction")


def content_types_to_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(
        ContentType.objects.filter(app_label="workflow", model__in=MODELS).values_list(
            "model", flat=True
        )
    )
    ContentType.objects.filter(app_label="cases", model__in=set(MODELS) - taken).update(
        app_label="workflow"
    )


def content_types_to_cases(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="workflow", model__in=MODELS).update(app_label="cases")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cases", "0007_workflow_tables_for_the_workflow_app"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Workflow',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                        ('name_fa', models.CharField(max_length=200, verbose_name='name (Persian)')),
                        ('name_en', models.CharField(max_length=200, verbose_name='name (English)')),
                    ],
                    options={
                        'verbose_name': 'workflow',
                        'verbose_name_plural': 'workflows',
                    },
                ),
                migrations.CreateModel(
                    name='WorkflowVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(verbose_name='version')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('workflow', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='workflow.workflow', verbose_name='workflow')),
                    ],
                    options={
                        'verbose_name': 'workflow version',
                        'verbose_name_plural': 'workflow versions',
                    },
                ),
                migrations.CreateModel(
                    name='WorkflowState',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=40, verbose_name='code')),
                        ('name_fa', models.CharField(max_length=200, verbose_name='name (Persian)')),
                        ('name_en', models.CharField(max_length=200, verbose_name='name (English)')),
                        ('sla_days', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='SLA in this state (working days)')),
                        ('is_start', models.BooleanField(default=False, verbose_name='start state')),
                        ('is_terminal', models.BooleanField(default=False, verbose_name='terminal state')),
                        ('citizen_editable', models.BooleanField(default=False, help_text='The citizen may change form data and documents in this state.', verbose_name='citizen may edit')),
                        ('in_department', models.BooleanField(default=False, help_text='Files in this state wait for the deciding department.', verbose_name="in the department's queue")),
                        ('awaiting_payment', models.BooleanField(default=False, verbose_name='awaiting payment')),
                        ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='states', to='workflow.workflowversion', verbose_name='workflow version')),
                    ],
                    options={
                        'verbose_name': 'workflow state',
                        'verbose_name_plural': 'workflow states',
                    },
                ),
                migrations.CreateModel(
                    name='WorkflowAction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=40, verbose_name='code')),
                        ('name_fa', models.CharField(max_length=200, verbose_name='name (Persian)')),
                        ('name_en', models.CharField(max_length=200, verbose_name='name (English)')),
                        ('roles', models.JSONField(default=list, help_text='Role names, e.g. ["department_reviewer"]; "system" for actions only the platform takes (payment).', verbose_name='roles allowed')),
                        ('requires_reason', models.BooleanField(default=False, verbose_name='a reason is required')),
                        ('from_state', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='workflow.workflowstate', verbose_name='from state')),
                        ('to_state', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workflow.workflowstate', verbose_name='to state')),
                        ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='workflow.workflowversion', verbose_name='workflow version')),
                    ],
                    options={
                        'verbose_name': 'workflow action',
                        'verbose_name_plural': 'workflow actions',
                    },
                ),
                migrations.AddConstraint(
                    model_name='workflowversion',
                    constraint=models.UniqueConstraint(fields=('workflow', 'version'), name='workflow_version_unique'),
                ),
                migrations.AddConstraint(
                    model_name='workflowstate',
                    constraint=models.UniqueConstraint(fields=('version', 'code'), name='workflow_state_unique'),
                ),
                migrations.AddConstraint(
                    model_name='workflowstate',
                    constraint=models.UniqueConstraint(condition=models.Q(('is_start', True)), fields=('version',), name='workflow_one_start_state'),
                ),
                migrations.AddConstraint(
                    model_name='workflowaction',
                    constraint=models.UniqueConstraint(fields=('from_state', 'code'), name='workflow_action_unique_per_state'),
                ),

            ],
        ),
        migrations.RunPython(content_types_to_workflow, content_types_to_cases),
    ]
