"""Writes to the office registry. Each is one audited transaction on the office's stream.

Office and licence statuses change only in `lifecycle._office_move` / `lifecycle._licence_move`.
"""

from daftar.offices.services.authorisations import authorisation_grant, authorisation_withdraw
from daftar.offices.services.calendar import (
    holiday_add,
    holiday_remove,
    holidays_load,
    office_closure_add,
    office_closure_remove,
    office_hours_set,
)
from daftar.offices.services.certifications import (
    certification_record,
    certification_reminders_send,
)
from daftar.offices.services.leave import staff_leave_cancel, staff_leave_record
from daftar.offices.services.licences import (
    licence_issue,
    licence_renew,
    licence_transfer,
    licences_expire_due,
)
from daftar.offices.services.lifecycle import (
    office_activate,
    office_close,
    office_reinstate,
    office_relocate,
    office_revoke,
    office_suspend,
)
from daftar.offices.services.people import (
    Placement,
    office_staff_set_role,
    staff_member_create,
    staff_member_deactivate,
    staff_member_reactivate,
    staff_member_update,
)
from daftar.offices.services.proposals import (
    staff_proposal_approve,
    staff_proposal_reject,
    staff_proposal_submit,
)
from daftar.offices.services.registry import (
    certification_grant,
    licensee_for_entity,
    licensee_for_person,
    office_register,
    office_set_hours,
    office_set_sub_district,
    office_staff_add,
    office_staff_leave,
    person_upsert,
)
from daftar.offices.services.terminals import (
    heartbeat_accept,
    terminal_register,
    terminal_rotate_key,
    terminal_secret,
    uptime_compute_day,
)

__all__ = [
    "Placement",
    "authorisation_grant",
    "authorisation_withdraw",
    "certification_grant",
    "certification_record",
    "certification_reminders_send",
    "heartbeat_accept",
    "holiday_add",
    "holiday_remove",
    "holidays_load",
    "licence_issue",
    "licence_renew",
    "licence_transfer",
    "licences_expire_due",
    "licensee_for_entity",
    "licensee_for_person",
    "office_activate",
    "office_close",
    "office_closure_add",
    "office_closure_remove",
    "office_hours_set",
    "office_register",
    "office_reinstate",
    "office_relocate",
    "office_revoke",
    "office_set_hours",
    "office_set_sub_district",
    "office_staff_add",
    "office_staff_leave",
    "office_staff_set_role",
    "office_suspend",
    "person_upsert",
    "staff_leave_cancel",
    "staff_leave_record",
    "staff_member_create",
    "staff_member_deactivate",
    "staff_member_reactivate",
    "staff_member_update",
    "staff_proposal_approve",
    "staff_proposal_reject",
    "staff_proposal_submit",
    "terminal_register",
    "terminal_rotate_key",
    "terminal_secret",
    "uptime_compute_day",
]
