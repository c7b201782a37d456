"""The auditor's verification page: it runs the verification now and shows it per stream, and
offers the export and the latest checkpoint; nobody else reaches it."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from daftar.audit.models import AuditEntry
from daftar.audit.tests.helpers import record, superuser_sql

pytestmark = pytest.mark.django_db


def _rows(html: str) -> dict[str, str]:
    """stream -> "1" (verifies) or "0", from the table of the page; without the `audit`
    stream, where signing a checkpoint records itself."""
    rows = dict(re.findall(r'data-stream="([^"]+)" data-ok="([01])"', html))
    assert rows.pop("audit", "1") == "1"
    return rows


def test_the_auditor_sees_every_stream_verified_with_its_count_and_checkpoint(
    client, personas, make_checkpoint
):
    record(4, "city")
    record(2, "office:T0101")
    make_checkpoint()
    record(1, "city")  # after the checkpoint: verified, and the checkpoint still holds
    client.force_login(personas.auditor)

    response = client.get(reverse("audit:verify"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="verify-result" data-ok="1"' in html
    assert _rows(html) == {"city": "1", "office:T0101": "1"}
    report = response.context["report"]
    counts = {
        row.name: (row.entries, row.recorded.seq) for row in report.streams if row.name != "audit"
    }
    assert counts == {"city": (5, 4), "office:T0101": (2, 2)}
    assert report.checkpoint.number == 1
    assert reverse("audit:export") in html
    assert reverse("audit:checkpoint_latest") in html


def test_a_tampered_entry_shows_as_the_first_broken_entry_of_its_stream(
    client, personas, make_checkpoint
):
    record(5, "city")
    record(2, "identity")
    make_checkpoint()
    third = AuditEntry.objects.get(stream="city", seq=3)
    superuser_sql(("UPDATE audit_auditentry SET summary = %s WHERE id = %s", ["forged", third.pk]))
    client.force_login(personas.auditor)

    response = client.get(reverse("audit:verify"))

    html = response.content.decode()
    assert 'data-testid="verify-result" data-ok="0"' in html
    assert _rows(html) == {"city": "0", "identity": "1"}
    broken = response.context["report"].broken
    assert [(row.name, row.chain.broken_seq, row.chain.broken_entry_id) for row in broken] == [
        ("city", 3, third.pk)
    ]
    assert broken[0].chain.code == "altered"
    assert html.index('data-stream="city"') < html.index('data-stream="identity"')  # broken first


def test_a_stream_removed_since_the_checkpoint_is_named(client, personas, make_checkpoint):
    record(2, "city")
    record(2, "office:T0101")
    make_checkpoint()
    superuser_sql(
        ("DELETE FROM audit_auditentry WHERE stream = %s", ["office:T0101"]),
        ("DELETE FROM audit_auditstream WHERE name = %s", ["office:T0101"]),
    )
    client.force_login(personas.auditor)

    response = client.get(reverse("audit:verify"))

    assert _rows(response.content.decode()) == {"city": "1", "office:T0101": "0"}
    (row,) = response.context["report"].broken
    assert row.chain is None
    assert row.finding.code == "stream_removed"


def test_with_no_checkpoint_yet_the_page_says_so_and_offers_no_checkpoint_file(client, personas):
    record(1, "city")
    client.force_login(personas.auditor)

    html = client.get(reverse("audit:verify")).content.decode()

    assert 'data-ok="1"' in html
    assert reverse("audit:checkpoint_latest") not in html


@pytest.mark.parametrize("persona", ["citizen", "operator_a", "reviewer", "council", "inspector"])
def test_no_one_but_the_auditor_reaches_the_page_or_the_export(client, personas, persona):
    client.force_login(getattr(personas, persona))

    assert client.get(reverse("audit:verify")).status_code == 404
    assert client.get(reverse("audit:export")).status_code == 404


def test_the_export_is_the_whole_log_with_the_latest_checkpoint_in_its_header(
    client, personas, make_checkpoint
):
    record(3, "city")
    make_checkpoint()
    client.force_login(personas.auditor)

    response = client.get(reverse("audit:export"))

    assert response["Content-Disposition"].startswith('attachment; filename="daftar-audit-export-')
    lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert lines[0]["format"] == "daftar-audit-export/1"
    assert lines[0]["checkpoint"]["checkpoint"]["number"] == 1
    city = [(line["stream"], line["seq"]) for line in lines[1:] if line["stream"] == "city"]
    assert city == [("city", n) for n in (1, 2, 3)]
    assert {line["stream"] for line in lines[1:]} == {"audit", "city"}
    # who took the copy is on the record, and in the copy
    exported = AuditEntry.objects.get(action="audit.exported")
    assert exported.actor_id == personas.auditor.pk
    assert exported.pk in {line["id"] for line in lines[1:]}
