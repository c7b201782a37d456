"""Forms of the working calendar: a holiday, an office's weekly hours, a closure. They parse
input; the services in `services/calendar.py` decide."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.core.calendar import REST_WEEKDAYS
from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.offices.choices import WEEK_ORDER, Weekday


class HolidayForm(LocalisedErrorsForm):
    date = JalaliDateField(label=_("Date"))
    name_fa = forms.CharField(label=_("Name (Persian)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("E.g. the government's announcement that declared the day a holiday."),
    )


class ClosureForm(LocalisedErrorsForm):
    date = JalaliDateField(label=_("Date"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Citizens see it on the office's page."),
    )


def _time_field(label) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "dir": "ltr"}, format="%H:%M"),
    )


class HoursForm(LocalisedErrorsForm):
    """One row per weekday, Saturday first: open that day, opening and closing times."""

    def __init__(self, *args, hours=None, **kwargs):
        hours = list(hours or [])
        self.suggested = not hours  # nothing saved yet: Saturday to Thursday, Friday closed
        initial = {}
        if self.suggested:
            for day in WEEK_ORDER:
                if day not in REST_WEEKDAYS:
                    initial[f"open_{day}"] = True
                    initial[f"opens_{day}"] = datetime.time(8)
                    initial[f"closes_{day}"] = datetime.time(16)
        for row in hours:
            initial[f"open_{row.weekday}"] = True
            initial[f"opens_{row.weekday}"] = row.opens
            initial[f"closes_{row.weekday}"] = row.closes
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for day in WEEK_ORDER:
            name = Weekday(day).label
            self.fields[f"open_{day}"] = forms.BooleanField(
                label=_("Open on %(day)s") % {"day": name}, required=False
            )
            self.fields[f"opens_{day}"] = _time_field(_("%(day)s opens at") % {"day": name})
            self.fields[f"closes_{day}"] = _time_field(_("%(day)s closes at") % {"day": name})

    def days(self):
        """(weekday label, open field, opens field, closes field) for the template."""
        return [
            (
                Weekday(day).label,
                self[f"open_{day}"],
                self[f"opens_{day}"],
                self[f"closes_{day}"],
            )
            for day in WEEK_ORDER
        ]

    def clean(self):
        data = super().clean()
        for day in WEEK_ORDER:
            if not data.get(f"open_{day}"):
                continue
            for key in (f"opens_{day}", f"closes_{day}"):
                if data.get(key) is None and key not in self.errors:
                    self.add_error(key, _("Give the time, or untick the day."))
        return data

    def hours(self) -> list[tuple[int, datetime.time, datetime.time]]:
        data = self.cleaned_data
        return [
            (day, data[f"opens_{day}"], data[f"closes_{day}"])
            for day in WEEK_ORDER
            if data.get(f"open_{day}")
        ]
