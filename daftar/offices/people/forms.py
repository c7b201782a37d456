"""Forms of the people pages. They parse input; the services decide (and refuse)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import STAFF_ROLES
from daftar.catalogue.models import Department
from daftar.catalogue.selectors import departments, service_domains
from daftar.core.fields import MobileFormField, NationalCodeFormField
from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.offices.choices import LeaveReason, OfficeStatus, StaffRole
from daftar.offices.models import Office, OfficeStaff
from daftar.offices.people import selectors
from daftar.offices.services import Placement

ROLE_CHOICES = [(role.value, role.label) for role in STAFF_ROLES]


class OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, office: Office) -> str:
        return f"{office.code} — {office.name}"


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, department: Department) -> str:
        return department.name


class PeopleSearchForm(LocalisedErrorsForm):
    q = forms.CharField(label=_("Name or username"), max_length=100, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All roles")), *ROLE_CHOICES], required=False
    )
    status = forms.ChoiceField(
        label=_("Accounts"),
        choices=[
            ("active", _("Active")),
            ("inactive", _("Deactivated")),
            ("no_password", _("No password yet")),
            ("all", _("All")),
        ],
        required=False,
    )


class StaffMemberForm(LocalisedErrorsForm):
    """A staff member's name, mobile, roles, office post and department place."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        help_text=_("For reminders by SMS, e.g. 09121234567."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr", "autocomplete": "off"}),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    office = OfficeChoiceField(
        label=_("Office"),
        queryset=Office.objects.none(),
        required=False,
        help_text=_("For an office operator or manager only."),
    )
    staff_role = forms.ChoiceField(
        label=_("Post at the office"),
        choices=[("", _("— Choose —")), *StaffRole.choices],
        required=False,
    )
    department = DepartmentChoiceField(
        label=_("Department"),
        queryset=departments(),
        required=False,
        help_text=_("For a department reviewer only."),
    )
    is_head = forms.BooleanField(label=_("Head of the department"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.exclude(
            status__in=[OfficeStatus.REVOKED, OfficeStatus.CLOSED]
        ).order_by("code")

    def placement(self) -> Placement:
        data = self.cleaned_data
        return Placement(
            roles=tuple(data["roles"]),
            office=data.get("office"),
            staff_role=data.get("staff_role") or "",
            department=data.get("department"),
            is_head=bool(data.get("is_head")),
        )


class StaffCreateForm(StaffMemberForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Latin letters, digits and . _ - only, e.g. s.ahmadi. Used to sign in."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    field_order = ["username", "first_name", "last_name", "mobile", "roles"]


class ReasonForm(LocalisedErrorsForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Recorded in the audit log."),
    )


class StaffPostChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, post: OfficeStaff) -> str:
        name = post.user.get_full_name() or post.user.get_username()
        return f"{post.office.code} — {name} ({post.get_role_display()})"


class CertificationForm(LocalisedErrorsForm):
    staff = StaffPostChoiceField(label=_("Staff member"), queryset=OfficeStaff.objects.none())
    domain = forms.ModelChoiceField(label=_("Service domain"), queryset=service_domains())
    course = forms.CharField(label=_("Training course"), max_length=200)
    exam_score = forms.IntegerField(label=_("Exam score (out of 100)"), min_value=0, max_value=100)
    number = forms.CharField(
        label=_("Certificate number"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    issued_on = JalaliDateField(label=_("Issued on"))
    expires_on = JalaliDateField(label=_("Expires on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = selectors.current_posts_for_certification()


class CertificationFilterForm(LocalisedErrorsForm):
    within = forms.ChoiceField(
        label=_("Expiring"),
        choices=[
            ("30", _("within 30 days")),
            ("90", _("within 90 days")),
            ("", _("any time")),
        ],
        required=False,
    )


class ProposalForm(LocalisedErrorsForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    national_code = NationalCodeFormField(label=_("National code"))
    mobile = MobileFormField(label=_("Mobile number"))
    staff_role = forms.ChoiceField(label=_("Post at the office"), choices=StaffRole.choices)
    certifications_held = forms.CharField(
        label=_("Certifications held"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Courses and certificates the person holds, with their dates (if any)."),
    )


class ApproveForm(LocalisedErrorsForm):
    username = forms.CharField(
        label=_("Username for the new account"),
        max_length=150,
        help_text=_("Latin letters, digits and . _ - only, e.g. r.mohammadi."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )


class OfficePostChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, post: OfficeStaff) -> str:
        name = post.user.get_full_name() or post.user.get_username()
        return f"{name} ({post.get_role_display()})"


class LeaveForm(LocalisedErrorsForm):
    """A staff member's leave: who, first and last day (Jalali, inclusive), why."""

    staff = OfficePostChoiceField(
        label=_("Staff member"), queryset=OfficeStaff.objects.none(), empty_label=_("— Choose —")
    )
    first_day = JalaliDateField(label=_("First day of leave"))
    last_day = JalaliDateField(
        label=_("Last day of leave"),
        help_text=_("The last day they are away; the next day they are back at work."),
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", _("— Choose —")), *LeaveReason.choices]
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Optional, for the office's own record (e.g. who covers the counter)."),
    )

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = selectors.office_current_posts(office)
