import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from daftar.audit import triggers
from daftar.audit.services import audit_record
from daftar.core.actors import Actor

pytestmark = pytest.mark.django_db


def test_audit_verify_reports_ok_for_intact_chains(capsys):
    with transaction.atomic():
        audit_record(actor=Actor.system(), action="a", stream="city")
        audit_record(actor=Actor.system(), action="b", stream="office:T1")
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert "OK      city: 1 entries" in out
    assert "OK      office:T1: 1 entries" in out


def test_audit_verify_names_the_broken_entry_and_fails(capsys):
    with transaction.atomic():
        audit_record(actor=Actor.system(), action="a", stream="city")
        second = audit_record(actor=Actor.system(), action="b", stream="city")
    triggers.remove()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'forged' WHERE id = %s", [second.pk])
    triggers.install()
    with pytest.raises(CommandError, match="1 of 1 audit streams are broken"):
        call_command("audit_verify")
    out = capsys.readouterr().out
    assert f"BROKEN  city: seq 2 (entry id {second.pk})" in out


def test_triggers_are_installed_by_the_migrations():
    assert triggers.installed()
