"""The people pages, one module per part (STYLE.md: a module past ~400 lines becomes a
package): `staff` (the system administrator's staff accounts), `certifications` (the training
unit), `proposals` (office managers propose, the supervision unit decides) and `leave` (office
managers record their staff's leave). Thin views: a form
parses, a selector scopes (404 for what the user may not see), one service decides; a service's
refusal is shown on the form and changes nothing."""

from daftar.offices.people.views.certifications import certification_new, certifications
from daftar.offices.people.views.leave import leave, leave_cancel
from daftar.offices.people.views.proposals import (
    proposal,
    proposal_approve,
    proposal_new,
    proposal_reject,
    proposals,
)
from daftar.offices.people.views.staff import (
    people_list,
    person,
    person_create,
    person_deactivate,
    person_password,
    person_reactivate,
    person_second_factor,
)

__all__ = [
    "certification_new",
    "certifications",
    "leave",
    "leave_cancel",
    "people_list",
    "person",
    "person_create",
    "person_deactivate",
    "person_password",
    "person_reactivate",
    "person_second_factor",
    "proposal",
    "proposal_approve",
    "proposal_new",
    "proposal_reject",
    "proposals",
]
