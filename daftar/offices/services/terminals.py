"""Terminals: registration with a derived secret, signed replay-safe heartbeats, daily uptime.

Heartbeat signature: hex HMAC-SHA256(secret, "<terminal code>\\n<timestamp ms>\\n" + body).
A heartbeat is accepted only if its timestamp is within TERMINAL_CLOCK_SKEW_SECONDS of the
server's clock and later than the terminal's previous accepted one, so a captured heartbeat
cannot be replayed. Heartbeats are telemetry: they update the terminal row and a five-minute
slot, and are not written to the audit log.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Trunc
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited, office_stream
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import HeartbeatSlot, Office, OfficeHours, OfficeUptimeDay, Terminal
from daftar.offices.services.registry import require_operable

SLOT_MINUTES = 5
TEHRAN = ZoneInfo("Asia/Tehran")


def terminal_secret(terminal: Terminal) -> str:
    if not settings.TERMINAL_KEY:
        raise RuntimeError("TERMINAL_KEY is not configured")
    message = f"terminal:{terminal.pk}:{terminal.key_version}".encode()
    return hmac.new(settings.TERMINAL_KEY.encode(), message, hashlib.sha256).hexdigest()


def sign_heartbeat(secret: str, code: str, timestamp_ms: int, body: bytes) -> str:
    message = f"{code}\n{timestamp_ms}\n".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


@audited
def terminal_register(
    *, actor: Actor, office: Office, code: str, label: str = ""
) -> tuple[Terminal, str]:
    """Register a terminal; returns it and its secret (shown once, never stored)."""
    require_operable(office)
    if not code.strip():
        raise InvalidInput(_("Enter the terminal code."), code=CoreErrorCode.REQUIRED, field="code")
    if Terminal.objects.filter(code=code).exists():
        raise InvalidInput(
            _("Terminal %(code)s is already registered."),
            code=CoreErrorCode.DUPLICATE,
            field="code",
            params={"code": code},
        )
    terminal = Terminal.objects.create(office=office, code=code.strip(), label=label)
    audit_record(
        actor=actor,
        action="terminal.registered",
        stream=office_stream(office.code),
        obj=terminal,
        after={"code": terminal.code, "label": label},
    )
    return terminal, terminal_secret(terminal)


@audited
def terminal_rotate_key(*, actor: Actor, terminal: Terminal) -> str:
    terminal = Terminal.objects.select_for_update().get(pk=terminal.pk)
    terminal.key_version += 1
    terminal.save(update_fields=["key_version"])
    audit_record(
        actor=actor,
        action="terminal.key_rotated",
        stream=office_stream(terminal.office.code),
        obj=terminal,
        after={"key_version": terminal.key_version},
    )
    return terminal_secret(terminal)


def _slot(moment: datetime.datetime) -> datetime.datetime:
    return moment.replace(
        minute=moment.minute - moment.minute % SLOT_MINUTES, second=0, microsecond=0
    )


def heartbeat_accept(
    *,
    code: str,
    timestamp_ms: int,
    signature: str,
    body: bytes = b"",
    now: datetime.datetime | None = None,
) -> Terminal:
    now = now or timezone.now()
    terminal = Terminal.objects.select_related("office").filter(code=code, active=True).first()
    if terminal is None:
        raise Forbidden(_("Unknown or inactive terminal."), code=OfficesErrorCode.UNKNOWN_TERMINAL)
    expected = sign_heartbeat(terminal_secret(terminal), code, timestamp_ms, body)
    if not hmac.compare_digest(expected, signature or ""):
        raise Forbidden(
            _("The heartbeat signature is not valid."), code=CoreErrorCode.BAD_SIGNATURE
        )
    skew = abs(now.timestamp() * 1000 - timestamp_ms) / 1000
    if skew > settings.TERMINAL_CLOCK_SKEW_SECONDS:
        raise InvalidInput(
            _("The heartbeat's clock is off by %(seconds)d seconds."),
            code=OfficesErrorCode.STALE_TIMESTAMP,
            field="timestamp",
            params={"seconds": int(skew)},
        )
    with transaction.atomic():
        terminal = Terminal.objects.select_for_update().get(pk=terminal.pk)
        if timestamp_ms <= terminal.last_timestamp_ms:
            raise Conflict(
                _("This heartbeat was already received (replay refused)."),
                code=OfficesErrorCode.REPLAYED,
            )
        terminal.last_timestamp_ms = timestamp_ms
        terminal.last_seen_at = now
        terminal.save(update_fields=["last_timestamp_ms", "last_seen_at"])
        try:
            with transaction.atomic():
                HeartbeatSlot.objects.create(
                    terminal=terminal, office_id=terminal.office_id, slot=_slot(now)
                )
        except IntegrityError:
            pass  # this five-minute slot is already counted
    return terminal


def _open_slots(hours: OfficeHours, day: datetime.date) -> list[datetime.datetime]:
    start = datetime.datetime.combine(day, hours.opens, tzinfo=TEHRAN)
    end = datetime.datetime.combine(day, hours.closes, tzinfo=TEHRAN)
    slots, moment = [], _slot(start)
    while moment < end:
        slots.append(moment.astimezone(datetime.UTC))
        moment += datetime.timedelta(minutes=SLOT_MINUTES)
    return slots


@transaction.atomic
def uptime_compute_day(*, day: datetime.date) -> int:
    """Aggregate one Tehran day's heartbeats into OfficeUptimeDay rows (idempotent)."""
    rows = 0
    hours_of_day = OfficeHours.objects.filter(weekday=day.weekday()).select_related("office")
    for hours in hours_of_day:
        open_slots = _open_slots(hours, day)
        if not open_slots:
            continue
        up = (
            HeartbeatSlot.objects.filter(
                office=hours.office, slot__gte=open_slots[0], slot__lte=open_slots[-1]
            )
            .annotate(s=Trunc("slot", "minute"))
            .values("slot")
            .distinct()
            .count()
        )
        OfficeUptimeDay.objects.update_or_create(
            office=hours.office,
            day=day,
            defaults={"slots_open": len(open_slots), "slots_up": min(up, len(open_slots))},
        )
        rows += 1
    return rows
