"""Terminals: signed heartbeats, replay and forgery refused, online status and uptime."""

from __future__ import annotations

import datetime
import time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.offices import selectors, services
from daftar.offices.models import HeartbeatSlot, OfficeUptimeDay, Terminal
from daftar.offices.services.terminals import sign_heartbeat

pytestmark = pytest.mark.django_db
TEHRAN = ZoneInfo("Asia/Tehran")


@pytest.fixture
def terminal(licensed_office):
    terminal, secret = services.terminal_register(
        actor=Actor.system("x"), office=licensed_office, code="K1"
    )
    terminal.secret = secret
    return terminal


def _beat(terminal, *, ts=None, body=b"{}", secret=None, now=None):
    ts = ts or int(time.time() * 1000)
    signature = sign_heartbeat(secret or terminal.secret, terminal.code, ts, body)
    return services.heartbeat_accept(
        code=terminal.code, timestamp_ms=ts, signature=signature, body=body, now=now
    )


def test_the_secret_is_derived_and_never_stored(terminal):
    stored = Terminal.objects.filter(pk=terminal.pk).values()[0]
    assert terminal.secret not in {str(v) for v in stored.values()}
    assert services.terminal_secret(terminal) == terminal.secret


def test_a_signed_heartbeat_marks_the_office_online(terminal, licensed_office):
    assert not selectors.office_online_now(licensed_office)
    _beat(terminal)
    assert selectors.office_online_now(licensed_office)
    assert HeartbeatSlot.objects.filter(terminal=terminal).count() == 1


def test_a_replayed_heartbeat_is_rejected(terminal):
    ts = int(time.time() * 1000)
    _beat(terminal, ts=ts)
    with pytest.raises(Conflict) as caught:
        _beat(terminal, ts=ts)
    assert caught.value.code == "replayed"


def test_a_forged_signature_is_rejected(terminal):
    with pytest.raises(Forbidden) as caught:
        _beat(terminal, secret="0" * 64)
    assert caught.value.code == "bad_signature"
    terminal.refresh_from_db()
    assert terminal.last_seen_at is None


def test_a_tampered_body_breaks_the_signature(terminal):
    ts = int(time.time() * 1000)
    signature = sign_heartbeat(terminal.secret, terminal.code, ts, b'{"ok": true}')
    with pytest.raises(Forbidden):
        services.heartbeat_accept(
            code=terminal.code, timestamp_ms=ts, signature=signature, body=b'{"ok": false}'
        )


def test_a_heartbeat_from_a_skewed_clock_is_rejected(terminal):
    with pytest.raises(InvalidInput) as caught:
        _beat(terminal, ts=int(time.time() * 1000) - 3_600_000)
    assert caught.value.code == "stale_timestamp"


def test_an_unknown_or_inactive_terminal_is_rejected(terminal):
    Terminal.objects.filter(pk=terminal.pk).update(active=False)
    with pytest.raises(Forbidden) as caught:
        _beat(terminal)
    assert caught.value.code == "unknown_terminal"


def test_rotating_the_key_invalidates_the_old_secret(terminal):
    new_secret = services.terminal_rotate_key(actor=Actor.system("x"), terminal=terminal)
    with pytest.raises(Forbidden):
        _beat(terminal)
    _beat(terminal, secret=new_secret)


def test_offices_without_a_recent_heartbeat_are_flagged_for_fava(
    terminal, licensed_office, settings
):
    assert licensed_office in selectors.offices_offline()  # never seen
    _beat(terminal)
    assert licensed_office not in selectors.offices_offline()
    later = timezone.now() + datetime.timedelta(minutes=settings.TERMINAL_OFFLINE_MINUTES + 1)
    assert licensed_office in selectors.offices_offline(now=later)


def test_uptime_is_the_share_of_opening_hours_with_a_heartbeat(terminal, licensed_office):
    day = datetime.date(2026, 11, 28)  # a Saturday
    services.office_set_hours(
        actor=Actor.system("x"),
        office=licensed_office,
        hours=[(day.weekday(), datetime.time(8, 0), datetime.time(9, 0))],
    )
    for minute in (0, 5, 10, 30, 55):  # 5 of the 12 five-minute slots
        moment = datetime.datetime(2026, 11, 28, 8, minute, 30, tzinfo=TEHRAN)
        HeartbeatSlot.objects.create(
            terminal=terminal, office=licensed_office, slot=moment.replace(second=0)
        )
    HeartbeatSlot.objects.create(
        terminal=terminal,
        office=licensed_office,  # after closing
        slot=datetime.datetime(2026, 11, 28, 10, 0, tzinfo=TEHRAN),
    )
    assert services.uptime_compute_day(day=day) == 1
    uptime = OfficeUptimeDay.objects.get(office=licensed_office, day=day)
    assert (uptime.slots_up, uptime.slots_open) == (5, 12)
    assert uptime.percent == 41.7
    services.uptime_compute_day(day=day)  # idempotent
    assert OfficeUptimeDay.objects.count() == 1
