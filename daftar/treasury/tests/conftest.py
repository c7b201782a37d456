from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.jalali import to_jalali
from daftar.offices import services as offices
from daftar.treasury.models import Account

TREASURY_SHEBA = "IR820540102680020817909002"


@pytest.fixture
def treasury_account(db):
    return Account.objects.create(
        code="bank:treasury",
        name_fa="حساب خزانه واحد",
        name_en="Single treasury account",
        kind="bank",
        sheba=TREASURY_SHEBA,
    )


@pytest.fixture
def paid_office_files(personas, catalogue, counter_ready, treasury_account):
    """Three card payments at office T0101 (today)."""
    from daftar.treasury import services

    terminal, _ = offices.terminal_register(
        actor=Actor.system("x"), office=counter_ready, code="POS-9"
    )
    payments = []
    for n in range(3):
        file = open_file(personas, catalogue, office=counter_ready)
        receipt = services.payment_record_pos(
            actor=Actor.for_user(personas.operator_a),
            file=file,
            terminal=terminal,
            pos_reference=f"P{n}",
            amount=file.amount,
        )
        payments.append(receipt.payment)
    return payments


def statement_csv(
    lines: list[tuple[int, str]],
    *,
    opening: int = 0,
    day: datetime.date | None = None,
    sheba: str = TREASURY_SHEBA,
) -> bytes:
    day = day or timezone.localdate()
    j = to_jalali(day)
    stamp = f"{j.year}/{j.month:02d}/{j.day:02d}"
    closing = opening + sum(amount for amount, _ref in lines)
    rows = [
        f"# account,{sheba}",
        f"# date,{stamp}",
        f"# opening_balance,{opening}",
        f"# closing_balance,{closing}",
        "value_date,amount,reference,bank_reference,description",
    ]
    rows += [f"{stamp},{amount},{ref},B{n},line {n}" for n, (amount, ref) in enumerate(lines, 1)]
    return ("\n".join(rows) + "\n").encode()


@pytest.fixture
def rejected_paid_file(personas, catalogue):
    """A web file paid by bank slip (2,200,000 rials), then rejected by the reviewer."""
    from daftar.cases import services as cases
    from daftar.treasury import services

    file = open_file(personas, catalogue)
    services.payment_record_slip(
        actor=Actor.for_user(personas.treasury), file=file, bank_reference="S-1", amount=file.amount
    )
    return cases.file_apply_action(
        actor=Actor.for_user(personas.reviewer),
        file=file,
        action="reject",
        reason="خارج از طرح تفصیلی",
    )
