"""Render form widgets with Bootstrap classes, without a form library."""

from django import forms, template
from django.forms.boundfield import BoundWidget

from daftar.core.forms import label_blank_choice

register = template.Library()

_CHECKS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def bootstrap_widget(bound_field):
    widget = bound_field.field.widget
    if isinstance(widget, _CHECKS):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
        label_blank_choice(bound_field.field)
        widget = bound_field.field.widget
    else:
        css = "form-control"
    if bound_field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    attrs = {"class": f"{existing} {css}".strip()}
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{bound_field.auto_id}_errors"
    return bound_field.as_widget(attrs=attrs)


@register.filter
def widget_kind(bound_field) -> str:
    """How includes/form.html lays a field out: "choices" (a fieldset of radio buttons or
    checkboxes), "check" (one checkbox beside its label) or "input"."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "check"
    return "input"


@register.filter
def choice_inputs(bound_field) -> list[BoundWidget]:
    """The radio buttons or checkboxes of a choice field, each with Bootstrap's class, so a
    template can put each input and its own label side by side (`choice.tag`,
    `choice.id_for_label`, `choice.choice_label`)."""
    widget = bound_field.field.widget
    css = "form-check-input" + (" is-invalid" if bound_field.errors else "")
    attrs = bound_field.build_widget_attrs({"class": css})
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs["id"] = bound_field.auto_id
    return [
        BoundWidget(widget, data, bound_field.form.renderer)
        for data in widget.subwidgets(bound_field.html_name, bound_field.value(), attrs=attrs)
    ]


@register.filter
def repeat(text: str, times) -> str:
    """`"★"|repeat:3` → "★★★" (the rating's decoration)."""
    return str(text) * int(times)
