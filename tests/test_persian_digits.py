"""No Latin digit in Persian text, no Latin separator in a Persian number (issue 14 item 3).

Every page of the access table (`tests/test_access.py`) that a persona reaches with a GET is
rendered in Persian, as that persona, over the world of `tests/access_world.py`; its HTML is
parsed and every text node is checked. A number in Persian text is written with Persian digits
(`daftar.core.numbers`). What is meant to stay Latin is left alone:

* attributes (URLs, input values, ids) — only text nodes are read;
* `<code>`, `<kbd>`, `<samp>`, `<pre>`, `<script>`, `<style>`, `<textarea>`, `<option>`'s value;
* an element marked Latin on purpose: `dir="ltr"`, `lang="en"` or `data-latin`;
* codes: digits glued to Latin letters or a code's '-', '_' ('T0101', 'R-000000123',
  'PAY-7QX…', 'SHA-256', 'IR82…').

A Persian number with a Latin '.' or ',' inside ('۱۲۰.۰۰') is refused too: Persian writes ٫ and ٬.

The same rule is applied to SMS texts and to form validation messages.
"""

from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from tests.access_world import url_kwargs
from tests.test_access import ANONYMOUS, GET, PERSONAS, TABLE, _clients, _request, world  # noqa: F401

SKIPPED_ELEMENTS = {"code", "kbd", "samp", "pre", "script", "style", "textarea"}
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip

# A run of ASCII digits that is a number, not part of a code (see the module docstring).
LATIN_NUMBER = re.compile(r"(?<![A-Za-z0-9_\-])[0-9]+(?![A-Za-z0-9_\-])")


# A Persian number with a Latin separator inside ('۱۲۰.۰۰', '۱,۲۳۴'): Persian uses ٫ and ٬.
LATIN_SEPARATOR = re.compile(r"[۰-۹][.,][۰-۹]")


def latin_numbers(text: str) -> list[str]:
    return LATIN_NUMBER.findall(text) + LATIN_SEPARATOR.findall(text)


class PersianTextReader(HTMLParser):
    """Collects the text nodes that are read as Persian text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its content exempt?
        self.texts: list[str] = []

    def _exempt(self, tag: str, attrs) -> bool:
        values = dict(attrs)
        return (
            tag in SKIPPED_ELEMENTS
            or values.get("dir") == "ltr"
            or (values.get("lang") or "").startswith("en")
            or "data-latin" in values
        )

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        inherited = bool(self.stack and self.stack[-1])
        self.stack.append(inherited or self._exempt(tag, attrs))

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS or not self.stack:
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1]:
            return
        if data.strip():
            self.texts.append(" ".join(data.split()))


def latin_digits_in_html(html: str) -> list[str]:
    """The text nodes of `html` that hold a Latin number outside what may be Latin."""
    reader = PersianTextReader()
    reader.feed(html)
    return [text for text in reader.texts if latin_numbers(text)]


def test_the_reader_finds_latin_numbers_in_text_only():
    html = (
        '<p>حداکثر 5 مگابایت <a href="/files/123/">پرونده ۱۲</a></p>'
        '<code>python -m 1</code><span dir="ltr">1404/08/12</span>'
        "<p>دفتر T0101، رسید R-000000123، SHA-256</p><p data-latin>12</p>"
        "<p>مبلغ ۱۲۰.۰۰ و ۱۲۰٫۰۰</p>"
    )
    assert latin_digits_in_html(html) == ["حداکثر 5 مگابایت", "مبلغ ۱۲۰.۰۰ و ۱۲۰٫۰۰"]


def _pages():
    """(row, persona) of every GET page the persona reaches with a 200 (the API is JSON)."""
    for row in TABLE:
        if row.method != GET or row.name.startswith("api:"):
            continue
        for persona in [*PERSONAS, ANONYMOUS]:
            if row.expected(persona) == 200:
                yield row, persona


def test_every_page_of_every_role_has_persian_digits_in_persian_text(world, personas):  # noqa: F811
    kwargs = url_kwargs(world)
    clients = _clients(personas)
    found: dict[tuple[str, str], list[str]] = {}
    pages = 0
    for row, persona in _pages():
        url = reverse(row.name, kwargs=kwargs.get(row.name))
        response = _request(clients[persona], GET, url, HTTP_ACCEPT_LANGUAGE="fa")
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        for text in dict.fromkeys(latin_digits_in_html(response.content.decode())):
            found.setdefault((url, text[:160]), []).append(persona)
    assert pages > 50, f"only {pages} pages were rendered: the table or the world changed"
    assert not found, "Latin digits in Persian text (page, text, who):\n" + "\n".join(
        f"{url} {text!r} ({' '.join(who)})" for (url, text), who in sorted(found.items())
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("حداکثر 1404.", "حداکثر ۱۴۰۴."),
        ("کد ملی باید دقیقاً 10 رقم باشد؛ 9 رقم وارد شده است.", "۱۰ رقم"),
        ("حداکثر 20000000 ریال", "۲۰٬۰۰۰٬۰۰۰"),
        ("دفتر T0101", "T0101"),
    ],
)
def test_a_message_s_numbers_are_written_in_persian(text, expected):
    from daftar.core.numbers import localise_message

    localised = localise_message(text, "fa")
    assert expected in localised
    assert not latin_numbers(localised.replace("T0101", ""))
    assert localise_message(text, "en") == text


@pytest.mark.django_db
def test_django_s_own_validation_messages_have_persian_digits():
    from django import forms

    from daftar.core.forms import LocalisedErrorsForm

    class YearForm(LocalisedErrorsForm):
        year = forms.IntegerField(max_value=1404)
        code = forms.CharField(max_length=10)

    with translation.override("fa"):
        form = YearForm(data={"year": "1405", "code": "12345678901"})
        assert not form.is_valid()
        messages = [str(m) for errors in form.errors.values() for m in errors]
    assert len(messages) == 2, messages
    assert all(not latin_numbers(m) for m in messages), messages
    assert any("۱۴۰۴" in m for m in messages), messages
    assert any("۱۰" in m for m in messages), messages
    with translation.override("en"):
        form = YearForm(data={"year": "1405", "code": "1"})
        assert not form.is_valid()
        assert "1404" in form.errors["year"][0]


def test_every_form_of_the_project_localises_its_error_messages():
    from django import forms
    from django.apps import apps

    from daftar.core.forms import LocalisedErrorsMixin

    for config in apps.get_app_configs():  # import every app's forms
        if config.name.startswith("daftar."):
            for module in ("forms", "views"):
                with contextlib.suppress(ModuleNotFoundError):
                    __import__(f"{config.name}.{module}")

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    forms_of_the_project = {
        form
        for form in subclasses(forms.BaseForm)
        if form.__module__.startswith("daftar.") and ".tests" not in form.__module__
    }
    assert len(forms_of_the_project) > 40
    without = sorted(
        f"{form.__module__}.{form.__qualname__}"
        for form in forms_of_the_project
        if not issubclass(form, LocalisedErrorsMixin)
    )
    assert not without, f"forms without localised errors: {without}"


@pytest.mark.django_db
def test_sms_texts_have_persian_digits_but_the_one_time_code(
    sms_outbox, django_capture_on_commit_callbacks
):
    """The sign-in code stays ASCII (phones offer it for auto-fill); its validity in minutes,
    a masked national code and every other number are Persian. (The SMS on a file's move is
    checked in daftar/cases/tests/test_workflow.py: its tracking code is Persian.)"""
    from daftar.accounts.identity.common import notify_detached
    from daftar.accounts.services import citizen_otp_request

    with translation.override("fa"), django_capture_on_commit_callbacks(execute=True):
        citizen_otp_request(national_code="0012345679", mobile="09351234567", ip="10.0.0.9")
        notify_detached(mobile="+989121117777", national_code="0012345679")
    sign_in, detached = (message["body"] for message in sms_outbox)
    assert len(latin_numbers(sign_in)) == 1, sign_in  # the code itself
    assert re.search(r"[۰-۹]+ دقیقه", sign_in), sign_in
    assert not latin_numbers(detached), detached
    assert "۰۰۱****۶۷۹" in detached, detached
