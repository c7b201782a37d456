from daftar.licensing.models.applications import (
    Agreement,
    Application,
    ApplicationDocument,
    DistrictPreference,
    EligibilityCheck,
    Objection,
)
from daftar.licensing.models.calls import Call, CallDistrictQuota, Publication, RequiredDocument

__all__ = [
    "Agreement",
    "Application",
    "ApplicationDocument",
    "Call",
    "CallDistrictQuota",
    "DistrictPreference",
    "EligibilityCheck",
    "Objection",
    "Publication",
    "RequiredDocument",
]
