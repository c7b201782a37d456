"""Moving the workflow tables from cases to the workflow app keeps every row, id and key
(ADR 0013). Runs on the engine of the test database: SQLite here, PostgreSQL with
DATABASE_URL (scripts/check_workflow_migration.py repeats it on a copy of the demo data)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0006_sla_overall_deadline"), ("catalogue", "0003_tariff_guards")]
AFTER = [("cases", "0008_workflow_models_leave_cases")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_every_workflow_row_its_id_and_its_keys_and_can_be_undone():
    try:
        old = _migrate(BEFORE)
        workflow = old.get_model("cases", "Workflow").objects.create(
            code="permit", name_fa="پروانه", name_en="Permit"
        )
        version = old.get_model("cases", "WorkflowVersion").objects.create(
            workflow=workflow, version=3
        )
        State = old.get_model("cases", "WorkflowState")
        draft = State.objects.create(
            version=version, code="draft", name_fa="پیش‌نویس", name_en="Draft", is_start=True
        )
        review = State.objects.create(
            version=version, code="in_review", name_fa="بررسی", name_en="Review", sla_days=5
        )
        action = old.get_model("cases", "WorkflowAction").objects.create(
            version=version,
            code="submit",
            name_fa="ثبت",
            name_en="Submit",
            from_state=draft,
            to_state=review,
            roles=["citizen"],
        )

        new = _migrate(AFTER)

        moved = new.get_model("workflow", "WorkflowAction").objects.get(pk=action.pk)
        assert (moved.code, moved.roles, moved.version_id) == ("submit", ["citizen"], version.pk)
        assert (moved.from_state.code, moved.to_state.code) == ("draft", "in_review")
        assert moved.to_state.sla_days == 5
        assert moved.version.workflow.code == "permit"
        assert moved.version.workflow.pk == workflow.pk
        tables = connection.introspection.table_names()
        assert "workflow_workflowstate" in tables
        assert not [name for name in tables if name.startswith("cases_workflow")]
        # The keys still hold: a state of the moved version refuses a second start state.
        NewState = new.get_model("workflow", "WorkflowState")
        with pytest.raises(IntegrityError):
            NewState.objects.create(
                version_id=version.pk, code="other", name_fa="x", name_en="x", is_start=True
            )

        # And back: undoing the move renames the tables again, rows and all.
        undone = _migrate(BEFORE)
        assert (
            undone.get_model("cases", "WorkflowAction").objects.get(pk=action.pk).code == "submit"
        )
    finally:
        _migrate(_latest())
