"""The form of the catalogue team's Open311 page: one mapping (every field of the management
command). It only type-checks what was typed (Persian digits folded); the rules — which
catalogue service can take reports, the code's letters, one target — are the service's."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.core.digits import to_ascii_digits
from daftar.core.forms import LocalisedErrorsForm
from daftar.core.numbers import local_digits
from daftar.open311.choices import Target
from daftar.open311.services.mapping import ORDER_MAX
from daftar.supervision.choices import ComplaintCategory

_LTR = {"dir": "ltr", "autocomplete": "off"}


class LocalDigitsInput(forms.TextInput):
    """A number shown in the page's digits (۳ in Persian), read back by `LocalIntegerField`."""

    def format_value(self, value):
        value = super().format_value(value)
        return local_digits(value) if value is not None else None


class LocalIntegerField(forms.IntegerField):
    """A whole number typed with Persian or Latin digits."""

    def to_python(self, value):
        return super().to_python(to_ascii_digits(str(value)) if value is not None else value)


class MappingForm(LocalisedErrorsForm):
    service_code = forms.CharField(
        label=_("Open311 service code"),
        max_length=40,
        help_text=_(
            "Latin letters, digits and dashes, e.g. bulky-waste. Apps send it with every "
            "report, so it never changes."
        ),
        widget=forms.TextInput(attrs=_LTR),
    )
    name_fa = forms.CharField(label=_("name (Persian)"), max_length=200)
    name_en = forms.CharField(
        label=_("name (English)"), max_length=200, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    target = forms.ChoiceField(
        label=_("a report becomes"), choices=Target.choices, widget=forms.RadioSelect
    )
    catalogue_service = forms.ChoiceField(
        label=_("catalogue service"),
        required=False,
        help_text=_(
            "Only a service open to partner apps that needs no document can take reports; its "
            "form fields become the report's questions."
        ),
    )
    complaint_category = forms.ChoiceField(
        label=_("complaint category"),
        required=False,
        choices=[("", ""), *ComplaintCategory.choices],
        help_text=_(
            "Reports are anonymous complaints about an office: the category's rule must allow "
            "anonymous complaints."
        ),
    )
    description_fa = forms.CharField(
        label=_("description (Persian)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description_en = forms.CharField(
        label=_("description (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
    )
    group = forms.CharField(label=_("group"), required=False, max_length=100)
    keywords = forms.CharField(
        label=_("keywords"),
        required=False,
        max_length=200,
        help_text=_("Separated by commas; apps use them to search."),
    )
    notice_fa = forms.CharField(
        label=_("notice to the reporter (Persian)"), required=False, max_length=300
    )
    notice_en = forms.CharField(
        label=_("notice to the reporter (English)"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    order = LocalIntegerField(
        label=_("order"),
        min_value=0,
        max_value=ORDER_MAX,
        initial=0,
        help_text=_("Smaller numbers come first in the apps' list."),
        widget=LocalDigitsInput(attrs={**_LTR, "inputmode": "numeric"}),
    )
    active = forms.BooleanField(
        label=_("Listed: apps see it and may send reports"), required=False, initial=True
    )

    def __init__(self, *args, catalogue_services=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue_service"].choices = [
            ("", ""),
            *(
                (service.code, f"{service.title} ({service.code})")
                for service in catalogue_services
            ),
        ]
        if editing:
            # The code names the mapping in the URL; the service keeps it as it is.
            self.fields["service_code"].disabled = True

    def clean(self):
        data = super().clean()
        target = data.get("target")
        if target == Target.FILE and not data.get("catalogue_service"):
            self.add_error("catalogue_service", _("Choose the catalogue service."))
        if target == Target.COMPLAINT and not data.get("complaint_category"):
            self.add_error("complaint_category", _("Choose a complaint category."))
        return data

    def service_arguments(self) -> dict:
        """The keyword arguments of `open311_service_define` from the cleaned data."""
        data = self.cleaned_data
        is_file = data["target"] == Target.FILE
        return {
            "service_code": data["service_code"].strip(),
            "name_fa": data["name_fa"],
            "name_en": data["name_en"],
            "catalogue_service_code": data["catalogue_service"] if is_file else "",
            "complaint_category": "" if is_file else data["complaint_category"],
            "description_fa": data["description_fa"],
            "description_en": data["description_en"],
            "group": data["group"],
            "keywords": data["keywords"],
            "notice_fa": data["notice_fa"],
            "notice_en": data["notice_en"],
            "order": data["order"],
            "active": data["active"],
        }

    @staticmethod
    def initial_of(service) -> dict:
        return {
            "service_code": service.service_code,
            "name_fa": service.name_fa,
            "name_en": service.name_en,
            "target": service.target,
            "catalogue_service": service.catalogue_service.code
            if service.catalogue_service
            else "",
            "complaint_category": service.complaint_category,
            "description_fa": service.description_fa,
            "description_en": service.description_en,
            "group": service.group,
            "keywords": service.keywords,
            "notice_fa": service.notice_fa,
            "notice_en": service.notice_en,
            "order": service.order,
            "active": service.active,
        }
