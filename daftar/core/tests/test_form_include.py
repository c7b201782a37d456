"""includes/form.html: radio buttons and checkbox lists are a fieldset named by its legend,
each input with Bootstrap's class beside a label that points at it (docs/pages.md)."""

from __future__ import annotations

import re

from django import forms
from django.template.loader import render_to_string


class ChoicesForm(forms.Form):
    vote = forms.ChoiceField(
        label="Vote", choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect
    )
    districts = forms.MultipleChoiceField(
        label="Districts", choices=[("1", "One"), ("2", "Two")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="I agree")
    name = forms.CharField(label="Name")


def _inputs(html: str, input_type: str) -> list[str]:
    return re.findall(rf'<input type="{input_type}"[^>]*>', html)


def test_radio_buttons_are_a_fieldset_with_a_legend_and_a_label_for_each_choice():
    html = render_to_string("includes/form.html", {"form": ChoicesForm()})
    assert html.count("<fieldset") == 2
    assert re.search(r"<legend[^>]*>Vote", html)
    assert re.search(r"<legend[^>]*>Districts", html)
    radios = _inputs(html, "radio")
    assert len(radios) == 2
    for radio in radios:
        assert 'class="form-check-input"' in radio
        input_id = re.search(r'id="([^"]+)"', radio).group(1)
        assert f'<label class="form-check-label" for="{input_id}">' in html
    assert len(_inputs(html, "checkbox")) == 3  # two districts and "I agree"


def test_a_choice_field_with_an_error_marks_its_inputs_invalid_and_names_the_error():
    form = ChoicesForm(data={"name": "x"})
    assert not form.is_valid()
    html = render_to_string("includes/form.html", {"form": form})
    assert all("is-invalid" in radio for radio in _inputs(html, "radio"))
    assert 'aria-describedby="id_vote_errors"' in html
    assert 'id="id_vote_errors"' in html


def test_a_choice_keeps_its_value_when_the_form_is_shown_again():
    html = render_to_string("includes/form.html", {"form": ChoicesForm(data={"vote": "no"})})
    (checked,) = [radio for radio in _inputs(html, "radio") if "checked" in radio]
    assert 'value="no"' in checked


class DropDownForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=[("", "---------"), ("a", "Alpha")])
    zone = forms.CharField(
        label="Zone", widget=forms.Select(choices=[("", "—"), ("1", "Group one")])
    )
    group = forms.ModelChoiceField(label="Group", queryset=None)

    def __init__(self, *args, **kwargs):
        from django.contrib.auth.models import Group

        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.all()


def test_every_drop_down_offers_choose_instead_of_dashes(db):
    from django.utils import translation

    with translation.override("fa"):
        html = render_to_string("includes/form.html", {"form": DropDownForm()})
    assert "---------" not in html
    assert '<option value="">—</option>' not in html
    assert html.count('<option value="" selected>— انتخاب کنید —</option>') == 3
    assert ">Alpha</option>" in html
    assert ">Group one</option>" in html
    with translation.override("en"):
        html = render_to_string("includes/form.html", {"form": DropDownForm()})
    assert html.count(">— Choose —</option>") == 3
