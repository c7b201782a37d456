"""Forms for drafting the bylaw and the committee's work. They parse input; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.accounts.selectors import user_display_name
from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.core.numbers import format_message, format_number, local_digits
from daftar.governance.choices import DecisionKind, VoteChoice
from daftar.governance.comparison import Comparison
from daftar.governance.models import Article, BylawVersion, CommitteeMember

_TEXTAREA = {"rows": 5, "dir": "auto"}


class DraftCreateForm(LocalisedErrorsForm):
    label_fa = forms.CharField(label=_("Label (Persian)"), max_length=200)
    label_en = forms.CharField(label=_("Label (English)"), max_length=200, required=False)
    commission = forms.ModelChoiceField(
        label=_("Drafting commission"), queryset=None, required=False
    )
    copy_from = forms.ModelChoiceField(
        label=_("Start from the text of"), queryset=None, required=False
    )

    def __init__(self, *args, commissions, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commission"].queryset = commissions
        self.fields["copy_from"].queryset = versions


class ArticleForm(LocalisedErrorsForm):
    number = forms.IntegerField(label=_("Article number"), min_value=1, max_value=999)
    chapter_number = forms.IntegerField(label=_("Chapter number"), min_value=1, required=False)
    title_fa = forms.CharField(label=_("Title (Persian)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    text_fa = forms.CharField(label=_("Text (Persian)"), widget=forms.Textarea(attrs=_TEXTAREA))
    text_en = forms.CharField(
        label=_("Text (English)"),
        required=False,
        widget=forms.Textarea(attrs={**_TEXTAREA, "dir": "ltr"}),
    )
    notes_fa = forms.CharField(
        label=_("Notes (Persian), one per line"),
        required=False,
        widget=forms.Textarea(attrs={**_TEXTAREA, "rows": 3}),
    )

    def notes(self) -> list[str]:
        return [
            line.strip()
            for line in self.cleaned_data.get("notes_fa", "").splitlines()
            if line.strip()
        ]


class ChapterForm(LocalisedErrorsForm):
    number = forms.IntegerField(label=_("Chapter number"), min_value=1, max_value=99)
    title_fa = forms.CharField(label=_("Title (Persian)"), max_length=300)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)


class AdoptForm(LocalisedErrorsForm):
    adopted_on = JalaliDateField(label=_("Adopted on"))
    council_session = forms.IntegerField(label=_("Council session number"), min_value=1)


class CompareForm(LocalisedErrorsForm):
    left = forms.ModelChoiceField(label=_("Left"), queryset=None, to_field_name="number")
    right = forms.ModelChoiceField(label=_("Right"), queryset=None, to_field_name="number")

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left"].queryset = versions
        self.fields["right"].queryset = versions
        self.fields["left"].label_from_instance = _version_label
        self.fields["right"].label_from_instance = _version_label


def _version_label(version: BylawVersion) -> str:
    number = format_number(version.number)
    return f"{number} — {version.label} ({version.get_status_display()})"


MERGE_CHOICES = [("left", _("Left")), ("right", _("Right")), ("edited", _("Edited text"))]


class MergeForm(LocalisedErrorsForm):
    """One choice (and an optional edited text) per differing article."""

    label_fa = forms.CharField(label=_("Label of the merged draft (Persian)"), max_length=200)
    label_en = forms.CharField(label=_("Label (English)"), max_length=200, required=False)

    def __init__(self, *args, comparison: Comparison, **kwargs):
        super().__init__(*args, **kwargs)
        self.comparison = comparison
        for diff in comparison.differing:
            self.fields[f"choice_{diff.number}"] = forms.ChoiceField(
                label=format_message(_("Article %(number)d"), {"number": diff.number}),
                choices=MERGE_CHOICES,
                widget=forms.RadioSelect,
            )
            self.fields[f"edited_{diff.number}"] = forms.CharField(
                label=format_message(
                    _("Edited text of article %(number)d"), {"number": diff.number}
                ),
                required=False,
                widget=forms.Textarea(attrs=_TEXTAREA),
                initial=(diff.left or diff.right).text_fa,
            )

    def clean(self):
        cleaned = super().clean()
        for diff in self.comparison.differing:
            if (
                cleaned.get(f"choice_{diff.number}") == "edited"
                and not cleaned.get(f"edited_{diff.number}", "").strip()
            ):
                self.add_error(f"edited_{diff.number}", _("Write the edited text."))
        return cleaned

    def rows(self):
        for diff in self.comparison.differing:
            yield diff, self[f"choice_{diff.number}"], self[f"edited_{diff.number}"]


class DecisionForm(LocalisedErrorsForm):
    kind = forms.ChoiceField(label=_("Type"), choices=DecisionKind.choices)
    decided_on = JalaliDateField(label=_("Date"))
    subject = forms.CharField(label=_("Subject"), max_length=300)
    subject_en = forms.CharField(label=_("Subject (English)"), max_length=300, required=False)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={**_TEXTAREA, "rows": 8}))
    citations = forms.MultipleChoiceField(  # articles and notes in force, as "7" or "7.2"
        label=_("Bylaw articles applied"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    amends = forms.ModelChoiceField(label=_("Amends decision"), queryset=None, required=False)

    def __init__(self, *args, articles, amendable, **kwargs):
        super().__init__(*args, **kwargs)
        self.articles = {article.number: article for article in articles}
        options = []
        for article in self.articles.values():
            options.append(
                (str(article.number), format_message(_("Article %(n)d"), {"n": article.number}))
            )
            for note in article.notes.all():
                options.append(
                    (
                        f"{article.number}.{note.number}",
                        format_message(
                            _("Article %(n)d, note %(m)d"), {"n": article.number, "m": note.number}
                        ),
                    )
                )
        self.fields["citations"].choices = options
        self.fields["amends"].queryset = amendable

    def cited(self) -> list[tuple[Article, object]]:
        result = []
        for value in self.cleaned_data.get("citations", []):
            number, _sep, note_number = value.partition(".")
            article = self.articles[int(number)]
            note = article.notes.get(number=int(note_number)) if note_number else None
            result.append((article, note))
        return result


class VoteForm(LocalisedErrorsForm):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )


class CloseForm(LocalisedErrorsForm):
    present = forms.ModelMultipleChoiceField(
        label=_("Members present"),
        queryset=CommitteeMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    number = forms.CharField(
        label=_("Decision number (leave empty for the next number)"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "placeholder": "1404/27"}),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = members
        self.fields["present"].label_from_instance = lambda m: (
            f"{user_display_name(m.user)} — {m.get_seat_display()}"
        )
        self.fields["number"].widget.attrs["placeholder"] = local_digits("1404/27")


class MeetingForm(LocalisedErrorsForm):
    number = forms.IntegerField(label=_("Meeting number"), min_value=1)
    held_on = JalaliDateField(label=_("Held on"))
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=CommitteeMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs=_TEXTAREA)
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        self.fields["attendees"].label_from_instance = lambda m: (
            f"{m.user} — {m.get_seat_display()}"
        )
