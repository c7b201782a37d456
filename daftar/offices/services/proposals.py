"""An office manager proposes a new staff member for their office; the supervision unit
approves (creating the account and the office post) or rejects with a reason; the manager sees
the outcome (docs/adr/0027-people-and-roles.md). A proposal's status changes only in
`_proposal_decide`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from daftar.accounts.services import user_create_staff
from daftar.audit.services import audit_record, audited, office_stream
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput, validation_error_to_daftar
from daftar.core.identifiers import normalize_mobile, normalize_national_code
from daftar.core.logging import mask_national_code
from daftar.notifications.services import sms_enqueue
from daftar.offices.choices import ProposalStatus, StaffRole
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import OfficeStaff, StaffProposal
from daftar.offices.permissions import managed_office
from daftar.offices.services.certifications import require_training_unit
from daftar.offices.services.people import role_for_staff_role
from daftar.offices.services.registry import office_staff_add, require_operable


def _identifier(normaliser, value, field):
    try:
        return normaliser(value)
    except ValidationError as error:
        raise validation_error_to_daftar(error, field=field) from error


@audited
def staff_proposal_submit(
    *,
    actor: Actor,
    first_name: str,
    last_name: str,
    national_code: str,
    mobile: str,
    staff_role: StaffRole | str,
    certifications_held: str = "",
) -> StaffProposal:
    """The actor, manager of an office, proposes a new member of its staff."""
    office = managed_office(actor.user) if actor.is_user else None
    if office is None:
        raise Forbidden(
            _("Only the manager of an office proposes its staff."),
            code=OfficesErrorCode.PROPOSER_NOT_MANAGER,
        )
    require_operable(office)
    first_name, last_name = first_name.strip(), last_name.strip()
    if not first_name or not last_name:
        raise InvalidInput(
            _("Enter the person's first and last name."),
            code=CoreErrorCode.REQUIRED,
            field="first_name" if not first_name else "last_name",
        )
    code = _identifier(normalize_national_code, national_code, "national_code")
    mobile = _identifier(normalize_mobile, mobile, "mobile")
    if str(staff_role) not in StaffRole.values:
        raise InvalidInput(_("Choose the post."), code=CoreErrorCode.REQUIRED, field="staff_role")
    if StaffProposal.objects.filter(national_code=code, status=ProposalStatus.PENDING).exists():
        raise Conflict(
            _("A proposal for this national code is already waiting for the supervision unit."),
            code=OfficesErrorCode.PROPOSAL_PENDING_EXISTS,
            field="national_code",
        )
    proposal = StaffProposal.objects.create(
        office=office,
        proposed_by=actor.user,
        proposed_at=timezone.now(),
        first_name=first_name[:150],
        last_name=last_name[:150],
        national_code=code,
        mobile=mobile,
        staff_role=str(staff_role),
        certifications_held=certifications_held.strip()[:2000],
    )
    audit_record(
        actor=actor,
        action="office.staff_proposed",
        stream=office_stream(office.code),
        obj=proposal,
        summary=f"{office.code} proposes {mask_national_code(code)} as {staff_role}",
        after={"staff_role": str(staff_role), "national_code": mask_national_code(code)},
    )
    return proposal


def _proposal_decide(
    *, actor: Actor, proposal: StaffProposal, status: ProposalStatus, reason: str, staff_user=None
) -> StaffProposal:
    """The one place a proposal's status changes (pending → approved | rejected)."""
    if proposal.status != ProposalStatus.PENDING:
        raise Conflict(
            _("This proposal has already been decided."),
            code=OfficesErrorCode.PROPOSAL_DECIDED,
        )
    proposal.status = status
    proposal.decided_by = actor.user
    proposal.decided_at = timezone.now()
    proposal.decision_reason = reason
    proposal.staff_user = staff_user
    proposal.save(
        update_fields=["status", "decided_by", "decided_at", "decision_reason", "staff_user"]
    )
    audit_record(
        actor=actor,
        action=f"office.staff_proposal_{status}",
        stream=office_stream(proposal.office.code),
        obj=proposal,
        summary=f"proposal #{proposal.pk} of {proposal.office.code} {status}",
        before={"status": ProposalStatus.PENDING.value},
        after={"status": str(status), "reason": reason[:300]},
    )
    manager_mobile = getattr(proposal.proposed_by, "mobile", "")
    if manager_mobile:
        with translation.override("fa"):
            body = str(
                _("Daftar — your proposal of %(name)s for the office's staff: %(outcome)s.")
            ) % {"name": proposal.full_name, "outcome": ProposalStatus(status).label}
        sms_enqueue(to=manager_mobile, body=body, purpose="staff_proposal")
    return proposal


def _locked(proposal: StaffProposal) -> StaffProposal:
    return (
        StaffProposal.objects.select_for_update()
        .select_related("office", "proposed_by")
        .get(pk=proposal.pk)
    )


@audited
def staff_proposal_approve(
    *, actor: Actor, proposal: StaffProposal, username: str
) -> StaffProposal:
    """Approve: the staff account (without a password: the system administrator issues the
    first one) and its post at the office, hired today."""
    require_training_unit(actor)
    proposal = _locked(proposal)
    if proposal.status != ProposalStatus.PENDING:
        raise Conflict(
            _("This proposal has already been decided."),
            code=OfficesErrorCode.PROPOSAL_DECIDED,
        )
    require_operable(proposal.office)
    employed = StaffProposal.objects.filter(
        national_code=proposal.national_code,
        status=ProposalStatus.APPROVED,
        staff_user__office_posts__left_on__isnull=True,
        staff_user__is_active=True,
    ).exists()
    if employed:
        raise Conflict(
            _("This person already works at an office; the office must record the leave first."),
            code=OfficesErrorCode.ALREADY_EMPLOYED,
        )
    role = StaffRole(proposal.staff_role)
    user = user_create_staff(
        actor=actor,
        username=username,
        password=None,
        roles=[role_for_staff_role(role)],
        first_name=proposal.first_name,
        last_name=proposal.last_name,
        mobile=proposal.mobile,
    )
    office_staff_add(
        actor=actor, office=proposal.office, user=user, role=role, hired_on=timezone.localdate()
    )
    return _proposal_decide(
        actor=actor, proposal=proposal, status=ProposalStatus.APPROVED, reason="", staff_user=user
    )


@audited
def staff_proposal_reject(*, actor: Actor, proposal: StaffProposal, reason: str) -> StaffProposal:
    """Reject with a reason the manager reads."""
    require_training_unit(actor)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            _("Say why the proposal is rejected: the office manager reads it."),
            code=CoreErrorCode.REQUIRED,
            field="reason",
        )
    return _proposal_decide(
        actor=actor, proposal=_locked(proposal), status=ProposalStatus.REJECTED, reason=reason
    )


def staff_still_employed(proposal: StaffProposal) -> bool:
    """Is the account an approved proposal created still working at an office?"""
    return (
        proposal.staff_user_id is not None
        and OfficeStaff.objects.filter(
            user_id=proposal.staff_user_id, left_on__isnull=True
        ).exists()
    )
