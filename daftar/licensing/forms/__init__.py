"""Forms for licensing. They parse and type-check input; services decide everything else."""

from daftar.licensing.forms.applications import ApplicationForm, DocumentUploadForm, ObjectionForm
from daftar.licensing.forms.calls import CallForm, DecisionForm, QuotaForm
from daftar.licensing.forms.staff import (
    AwardForm,
    LicenceForm,
    ReviewForm,
    RulingForm,
    ScoreEntryForm,
    ScoreImportForm,
)

__all__ = [
    "ApplicationForm",
    "AwardForm",
    "CallForm",
    "DecisionForm",
    "DocumentUploadForm",
    "LicenceForm",
    "ObjectionForm",
    "QuotaForm",
    "ReviewForm",
    "RulingForm",
    "ScoreEntryForm",
    "ScoreImportForm",
]
