"""Office and licence lifecycles, bound to committee decisions of the right kind."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.core.identifiers import legal_id_check_digit
from daftar.governance.choices import DecisionKind
from daftar.governance.models import DecisionEffect
from daftar.offices import selectors, services
from daftar.offices.choices import LicenceStatus, OfficeStatus
from daftar.offices.models import Licence, Office
from daftar.offices.tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


def test_a_registered_office_is_pending_with_a_canonical_postal_code(licensed_office):
    office = Office.objects.get(code="T2201")
    assert office.postal_code == "1495783611"
    assert AuditEntry.objects.filter(stream="office:T2201", action="office.registered").exists()


def test_a_bad_postal_code_is_refused_naming_the_field():
    with pytest.raises(InvalidInput) as caught:
        services.office_register(
            actor=Actor.system("x"),
            code="T0999",
            name="x",
            district=DistrictFactory(number=9),
            postal_code="0123456789",
        )
    assert caught.value.field == "postal_code"
    assert not Office.objects.filter(code="T0999").exists()


def test_an_office_cannot_open_without_a_licence():
    office = services.office_register(
        actor=Actor.system("x"), code="T0998", name="x", district=DistrictFactory(number=9)
    )
    with pytest.raises(Conflict) as caught:
        services.office_activate(actor=Actor.system("x"), office=office)
    assert caught.value.code == "no_licence"
    office.refresh_from_db()
    assert office.status == OfficeStatus.PENDING


def test_suspension_without_a_decision_is_refused(licensed_office):
    with pytest.raises(InvalidInput) as caught:
        services.office_suspend(
            actor=Actor.system("x"), office=licensed_office, decision=None, reason="r"
        )
    assert caught.value.code == "decision_required"
    licensed_office.refresh_from_db()
    assert licensed_office.status == OfficeStatus.ACTIVE


def test_suspension_with_a_decision_of_the_wrong_kind_is_refused(licensed_office, adopt_decision):
    with pytest.raises(InvalidInput) as caught:
        services.office_suspend(
            actor=Actor.system("x"),
            office=licensed_office,
            decision=adopt_decision(DecisionKind.TARIFF),
            reason="r",
        )
    assert caught.value.code == "decision_wrong_kind"


def test_suspension_and_reinstatement_by_sanction_decisions_are_recorded_on_the_decision(
    licensed_office, adopt_decision
):
    suspension = adopt_decision(DecisionKind.SANCTION, "تعلیق")
    services.office_suspend(
        actor=Actor.system("x"),
        office=licensed_office,
        decision=suspension,
        reason="تخلف در وصول وجه",
    )
    licensed_office.refresh_from_db()
    assert licensed_office.status == OfficeStatus.SUSPENDED
    effect = DecisionEffect.objects.get(decision=suspension)
    assert effect.summary == "office T2201: Active → Suspended"
    assert effect.summary_fa == "دفتر T2201: از «فعال» به «تعلیق‌شده»"
    services.office_reinstate(
        actor=Actor.system("x"),
        office=licensed_office,
        decision=adopt_decision(DecisionKind.SANCTION, "رفع تعلیق"),
        reason="r",
    )
    licensed_office.refresh_from_db()
    assert licensed_office.status == OfficeStatus.ACTIVE


def test_revocation_ends_the_licence_and_nothing_can_change_afterwards(
    licensed_office, adopt_decision, domain
):
    services.office_revoke(
        actor=Actor.system("x"),
        office=licensed_office,
        decision=adopt_decision(DecisionKind.SANCTION),
        reason="لغو",
    )
    licensed_office.refresh_from_db()
    assert licensed_office.status == OfficeStatus.REVOKED
    assert licensed_office.licences.get().status == LicenceStatus.REVOKED
    with pytest.raises(Conflict) as caught:
        services.office_reinstate(
            actor=Actor.system("x"),
            office=licensed_office,
            decision=adopt_decision(DecisionKind.SANCTION),
            reason="r",
        )
    assert caught.value.code == "office_terminated"
    with pytest.raises(Conflict):
        services.office_set_hours(actor=Actor.system("x"), office=licensed_office, hours=[])


def test_a_natural_person_holds_at_most_one_licence(licensed_office, adopt_decision):
    other = services.office_register(
        actor=Actor.system("x"), code="T2202", name="x", district=licensed_office.district
    )
    licensee = licensed_office.licences.get().licensee
    with pytest.raises(Conflict) as caught:
        services.licence_issue(
            actor=Actor.system("x"),
            office=other,
            licensee=licensee,
            decision=adopt_decision(DecisionKind.LICENCE),
            issued_on=datetime.date(2025, 6, 1),
            term_years=3,
        )
    assert caught.value.code == "one_licence_per_person"
    assert not other.licences.exists()


def test_a_legal_entity_holds_several_licences_only_with_a_decision(adopt_decision):
    district = DistrictFactory(number=5)
    body = "1010123456"
    entity = services.licensee_for_entity(
        actor=Actor.system("x"),
        legal_id=body + str(legal_id_check_digit(body)),
        name="شرکت خدمات شهری نوین",
    )
    licence_decision = adopt_decision(DecisionKind.LICENCE)
    first, second = (
        services.office_register(
            actor=Actor.system("x"), code=f"T05{n}", name="x", district=district
        )
        for n in ("01", "02")
    )
    services.licence_issue(
        actor=Actor.system("x"),
        office=first,
        licensee=entity,
        decision=licence_decision,
        issued_on=datetime.date(2025, 6, 1),
        term_years=3,
    )
    with pytest.raises(Conflict) as caught:
        services.licence_issue(
            actor=Actor.system("x"),
            office=second,
            licensee=entity,
            decision=licence_decision,
            issued_on=datetime.date(2025, 6, 1),
            term_years=3,
        )
    assert caught.value.code == "multi_licence_not_allowed"
    entity.multi_licence_decision = adopt_decision(DecisionKind.LICENCE, "اجازه چند پروانه")
    entity.save()
    services.licence_issue(
        actor=Actor.system("x"),
        office=second,
        licensee=entity,
        decision=licence_decision,
        issued_on=datetime.date(2025, 6, 1),
        term_years=3,
    )
    assert entity.licences.filter(status=LicenceStatus.ACTIVE).count() == 2


def test_an_office_has_one_active_licence_in_the_database(licensed_office):
    licence = licensed_office.licences.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Licence.objects.create(
            number="X-1",
            office=licensed_office,
            licensee=licence.licensee,
            issued_on=licence.issued_on,
            expires_on=licence.expires_on,
            decision=licence.decision,
            verification_code="ABC",
        )


def test_renewal_needs_a_licence_decision_and_extends_the_term(licensed_office, adopt_decision):
    licence = licensed_office.licences.get()
    before = licence.expires_on
    with pytest.raises(InvalidInput):
        services.licence_renew(
            actor=Actor.system("x"),
            licence=licence,
            decision=adopt_decision(DecisionKind.POLICY),
            years=2,
        )
    renewed = services.licence_renew(
        actor=Actor.system("x"),
        licence=licence,
        decision=adopt_decision(DecisionKind.LICENCE),
        years=2,
    )
    assert renewed.expires_on == before.replace(year=before.year + 2)


def test_a_lapsed_licence_expires_automatically_and_the_office_cannot_deliver(
    licensed_office, certified, domain
):
    licence = licensed_office.licences.get()
    assert services.licences_expire_due(today=licence.expires_on) == 0
    assert services.licences_expire_due(today=licence.expires_on + datetime.timedelta(days=1)) == 1
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.EXPIRED
    problems = selectors.office_delivery_problems(
        licensed_office, domain, check_authorisation=False
    )
    assert "no_licence" in [p.code for p in problems]


def test_a_transfer_moves_the_licence_to_the_new_licensee(licensed_office, adopt_decision):
    licence = licensed_office.licences.get()
    person = services.person_upsert(
        actor=Actor.system("x"), national_code="1234567891", first_name="مینا", last_name="نوری"
    )
    new = services.licensee_for_person(actor=Actor.system("x"), person=person)
    successor = services.licence_transfer(
        actor=Actor.system("x"),
        licence=licence,
        to=new,
        decision=adopt_decision(DecisionKind.LICENCE),
    )
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.TRANSFERRED
    assert successor.licensee == new
    assert successor.expires_on == licence.expires_on


def test_relocation_needs_a_licence_decision(licensed_office, adopt_decision):
    with pytest.raises(InvalidInput):
        services.office_relocate(
            actor=Actor.system("x"),
            office=licensed_office,
            decision=None,
            district=DistrictFactory(number=21),
            address="تهرانسر",
        )
    services.office_relocate(
        actor=Actor.system("x"),
        office=licensed_office,
        decision=adopt_decision(DecisionKind.LICENCE),
        district=DistrictFactory(number=21),
        address="تهرانسر، بلوار اصلی",
    )
    licensed_office.refresh_from_db()
    assert licensed_office.district.number == 21


def test_closing_voluntarily_surrenders_the_licence(licensed_office):
    services.office_close(
        actor=Actor.system("x"), office=licensed_office, reason="بازنشستگی دارنده"
    )
    assert licensed_office.licences.get().status == LicenceStatus.SURRENDERED


def test_a_suspension_by_a_bare_user_or_label_is_refused_before_anything_changes(
    licensed_office, adopt_decision, personas
):
    suspension = adopt_decision(DecisionKind.SANCTION, "تعلیق")
    entries = AuditEntry.objects.count()
    for untyped in (personas.admin, "system:x", None):
        with pytest.raises(TypeError, match="expected an Actor"):
            services.office_suspend(
                actor=untyped, office=licensed_office, decision=suspension, reason="تخلف"
            )
    licensed_office.refresh_from_db()
    assert licensed_office.status == OfficeStatus.ACTIVE
    assert AuditEntry.objects.count() == entries
