"""Negative amounts in a real browser: in a right-to-left Persian line the minus is drawn at the
number's left, where a Persian reader expects it (daftar.core.money)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# x of the minus sign and of the number's first and last digit, as the browser draws them.
MEASURE = """() => {
  const text = document.getElementById('amount').firstChild;
  const box = (index) => {
    const range = document.createRange();
    range.setStart(text, index);
    range.setEnd(text, index + 1);
    return range.getBoundingClientRect();
  };
  const value = text.data;
  const minus = value.indexOf('\u2212');
  const digits = [...value].map((c, i) => /[\u06f0-\u06f9]/.test(c) ? i : -1).filter(i => i >= 0);
  return {
    minus: box(minus).left,
    first: box(digits[0]).left,
    last: box(digits[digits.length - 1]).left,
  };
}"""


def test_a_negative_amount_in_a_persian_line_shows_its_minus_at_the_numbers_left(page):
    with translation.override("fa"):
        shown = Template("{{ v|rials }}").render(Context({"v": -45_000}))
    page.set_content(
        '<html dir="rtl" lang="fa"><body style="font-size:32px">'
        f'<p>مانده: <span id="amount">{shown}</span> ثبت شد</p></body></html>'
    )
    where = page.evaluate(MEASURE)
    # Persian numbers read left to right: ۴ (first digit) left of the zeros; the minus left of ۴.
    assert where["first"] < where["last"]
    assert where["minus"] < where["first"]
