"""A sentence stored in both languages writes each parameter as its language does."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy, gettext_noop

from daftar.core.i18n import Digits, in_both_languages


def test_numbers_dates_codes_labels_and_callables_follow_each_language():
    fa, en = in_both_languages(
        gettext_noop("licence %(licence)s renewed until %(date)s"),
        {"licence": Digits("1405/12"), "date": datetime.date(2026, 3, 21)},
    )
    assert fa == "پروانه ۱۴۰۵/۱۲ تا ۱۴۰۵/۰۱/۰۱ تمدید شد"
    assert en == "licence 1405/12 renewed until 2026-03-21"
    fa, en = in_both_languages(
        gettext_noop("office %(office)s: %(before)s → %(to)s"),
        {"office": "T0101", "before": gettext_lazy("Active"), "to": lambda: "X"},
    )
    assert fa == "دفتر T0101: از «فعال» به «X»"
    assert en == "office T0101: Active → X"


def test_a_count_is_written_with_the_languages_digits_and_separators():
    fa, en = in_both_languages(
        gettext_noop("office %(office)s relocated to district %(district)d"),
        {"office": "T0101", "district": 12},
    )
    assert fa == "دفتر T0101 به منطقه ۱۲ منتقل شد"
    assert en == "office T0101 relocated to district 12"
