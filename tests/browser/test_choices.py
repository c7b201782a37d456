"""Radio buttons, checkboxes and the rating in a real browser: each choice sits beside its own
label with a gap, in Persian (right to left) and English, and the rating stays inside its card
on a phone."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from django import forms
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation

from daftar.cases.forms import RatingForm
from tests.browser.conftest import CHROMIUM_FLAGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class VoteForm(forms.Form):
    vote = forms.ChoiceField(
        label="Vote", choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect
    )
    districts = forms.MultipleChoiceField(
        label="Districts",
        choices=[("1", "One"), ("2", "Two")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField(label="I agree")


def _document(live_server, body: str, *, language: str) -> str:
    rtl = language == "fa"
    bootstrap = "bootstrap.rtl.min.css" if rtl else "bootstrap.min.css"
    sheets = [static(f"vendor/bootstrap/css/{bootstrap}"), static("daftar/app.css")]
    links = "".join(f'<link rel="stylesheet" href="{live_server.url}{s}">' for s in sheets)
    return (
        f'<!doctype html><html lang="{language}" dir="{"rtl" if rtl else "ltr"}"><head>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{links}</head>'
        f'<body><main class="container py-3">{body}</main></body></html>'
    )


@pytest.fixture
def phone(chromium_path):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


# For every input.form-check-input: the horizontal gap between it and its label, and whether
# the label is on the input's inline-end side (right of it in English, left of it in Persian).
GAPS = """() => [...document.querySelectorAll('.form-check-input')].map(input => {
  const label = document.querySelector(`label[for="${input.id}"]`);
  const a = input.getBoundingClientRect(), b = label.getBoundingClientRect();
  const rtl = getComputedStyle(input).direction === 'rtl';
  return {id: input.id, gap: rtl ? a.left - b.right : b.left - a.right,
          sameLine: Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < 8};
})"""


@pytest.mark.parametrize("language", ["fa", "en"])
def test_each_choice_sits_beside_its_own_label_with_a_gap(language, live_server, phone):
    with translation.override(language):
        body = render_to_string("includes/form.html", {"form": VoteForm()})
    phone.set_content(_document(live_server, body, language=language))
    phone.wait_for_load_state("load")
    gaps = phone.evaluate(GAPS)
    assert len(gaps) == 5  # two radios, two checkboxes, one checkbox
    for choice in gaps:
        assert choice["sameLine"], choice
        assert 4 <= choice["gap"] <= 16, choice
    # a group of choices is a fieldset named by its legend
    legends = phone.locator("fieldset legend").all_inner_texts()
    assert [text.strip() for text in legends] == ["Vote *", "Districts *"]


def test_the_rating_shows_five_labelled_choices_inside_its_card_on_a_phone(live_server, phone):
    file = SimpleNamespace(tracking_code="123456789012")
    with translation.override("fa"):
        body = render_to_string("cases/_rating.html", {"rating_form": RatingForm(), "file": file})
    phone.set_content(_document(live_server, body, language="fa"))
    phone.wait_for_load_state("load")
    where = phone.evaluate("""() => {
      const card = document.querySelector('[data-testid=rating-form]').getBoundingClientRect();
      const labels = [...document.querySelectorAll('.rating-choice label')];
      const comment = document.querySelector('textarea').getBoundingClientRect();
      return {
        texts: labels.map(l => l.innerText.split('\\n')[0].trim()),
        inside: labels.every(l => { const r = l.getBoundingClientRect();
          return r.left >= card.left && r.right <= card.right && r.bottom <= card.bottom; }),
        aboveComment: labels.every(l => l.getBoundingClientRect().bottom <= comment.top),
        heights: labels.map(l => l.getBoundingClientRect().height),
        pageWidth: document.documentElement.scrollWidth,
      };
    }""")
    assert where["texts"] == ["عالی", "خوب", "متوسط", "ضعیف", "خیلی ضعیف"]
    assert where["inside"]
    assert where["aboveComment"]
    assert min(where["heights"]) >= 44
    assert where["pageWidth"] <= 390
    phone.get_by_text("خوب", exact=True).click()
    assert phone.locator("input[name=score][value='4']").is_checked()
