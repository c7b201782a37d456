"""The portal's filter: a Jalali period and a district, read from the query string, validated
by the aggregates' `portal_filter`, and written back into links so that every page keeps it."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from daftar.core import numbers
from daftar.core.errors import DaftarError
from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.core.jalali import to_jalali
from daftar.transparency.selectors import aggregates as selectors

FILTER_FIELDS = ("start", "end", "district")
DISTRICTS = range(1, 23)  # Tehran's 22 municipal districts


class PortalFilterForm(LocalisedErrorsForm):
    """The period (Jalali dates) and the district; the selectors validate the combination."""

    start = JalaliDateField(label=gettext_lazy("From"), required=False)
    end = JalaliDateField(label=gettext_lazy("To"), required=False)
    district = forms.TypedChoiceField(
        label=gettext_lazy("District"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": gettext_lazy("Choose one of Tehran's 22 districts.")},
    )

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        names = {d.number: d.name for d in districts}
        self.fields["district"].choices = [("", _("The whole city"))] + [
            (number, names.get(number) or district_label(number)) for number in DISTRICTS
        ]


def district_label(number: int) -> str:
    """A district without a name in the registry: 'منطقه ۹' / 'District 9'."""
    return _("District %(number)s") % {
        "number": numbers.format_number(number, None, get_language())
    }


def _jalali_text(day: datetime.date) -> str:
    """A date for a query string: the Jalali date with ASCII digits, as the form reads it."""
    j = to_jalali(day)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


def filter_query(f, **extra) -> str:
    """The query string that selects filter `f` (and `extra`), for links between pages."""
    query = {"start": _jalali_text(f.start), "end": _jalali_text(f.end)}
    if f.district:
        query["district"] = f.district
    query.update({k: v for k, v in extra.items() if v is not None})
    return urlencode(query)


def read_filter(request: HttpRequest, districts) -> tuple[PortalFilterForm, object, bool]:
    """(form, filter, fell_back): the filter the request asks for, or — when its input is not
    valid — the default one (the last twelve months, the whole city) with the errors shown."""
    asked = any(request.GET.get(name) for name in FILTER_FIELDS)
    form = PortalFilterForm(request.GET if asked else None, districts=districts)
    if asked and form.is_valid():
        data = form.cleaned_data
        try:
            return (
                form,
                selectors.portal_filter(data["start"], data["end"], data["district"]),
                False,
            )
        except DaftarError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.render())
    default = selectors.portal_filter()
    if not asked:
        form = PortalFilterForm(
            initial={"start": default.start, "end": default.end}, districts=districts
        )
    return form, default, asked
