"""The demo catalogue's data files and their schema: departments, domains, revenue heads and the
e-services Tehran's offices deliver (fields, documents, tariffs), in `data/demo/*.json`.

Amounts are rials at 1404 prices (plausible demo figures, not the municipality's published
tariff). A tariff formula is an expression in the catalogue's fee language (`formula.py`) over
the service's numeric fields; splits are basis points summing to 10,000, the first one a
municipal revenue head (it receives the rounding remainder).

A field or document used by many services is written once under `shared_fields` /
`shared_documents` and named in a service by `{"like": "<key>", …}`, with any keys that differ
beside it. The rules the data keeps (Persian text, tariffs within range…) are tested in
`tests/test_demo_data.py`.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import StrictBool, StrictInt, model_validator

from daftar.core.datafiles import DataRecord, datafile_load, record_path

DATA_DIR = Path(__file__).resolve().parent / "data" / "demo"
ORGANISATION_FILE = DATA_DIR / "organisation.json"
SERVICES_FILE = DATA_DIR / "services.json"

Channel = Literal["office", "web", "partner"]
FieldType = Literal[
    "text",
    "integer",
    "year",
    "decimal",
    "area",
    "date",
    "national_code",
    "postal_code",
    "choice",
    "file",
]


class Unit(DataRecord):
    """A department, a revenue head or another beneficiary of tariff splits."""

    code: str
    name_fa: str
    name_en: str


class Domain(Unit):
    department: str


class Reviewer(DataRecord):
    """A department's reviewer or head, with the name timelines and decisions show."""

    username: str
    department: str
    is_head: StrictBool
    first_name: str
    last_name: str


class Organisation(DataRecord):
    departments: tuple[Unit, ...]
    domains: tuple[Domain, ...]
    # the names of the accounts tariffs split fees into ("revenue:<code>"), loaded as
    # catalogue Beneficiary rows and shown by `selectors.account_label`
    revenue_heads: tuple[Unit, ...]
    # beneficiaries outside the municipality's revenue heads ("other:<code>" in tariff splits)
    other_beneficiaries: tuple[Unit, ...]
    reviewers: tuple[Reviewer, ...]


class Choice(DataRecord):
    value: StrictInt
    label_fa: str
    label_en: str


class FieldSpec(DataRecord):
    name: str
    label_fa: str
    label_en: str
    type: FieldType
    required: StrictBool = True
    min: Decimal | None = None
    max: Decimal | None = None
    max_length: StrictInt | None = None
    choices: tuple[Choice, ...] = ()


class DocumentSpec(DataRecord):
    code: str
    title_fa: str
    title_en: str
    mandatory: StrictBool


class Split(DataRecord):
    beneficiary: str  # "revenue:<head>", "other:<beneficiary>" or "office_fee"
    basis_points: StrictInt


class TariffSpec(DataRecord):
    formula: str
    # the formula in plain words, shown beside it (staff) or instead of it (citizens)
    description_fa: str
    description_en: str
    splits: tuple[Split, ...]


class ServiceSpec(DataRecord):
    code: str
    title_fa: str
    title_en: str
    description_fa: str
    description_en: str
    domain: str
    department: str
    channels: tuple[Channel, ...]
    sla_days: StrictInt
    workflow: Literal["permit", "certificate", "bill"]
    refundable_basis_points: StrictInt
    fields: tuple[FieldSpec, ...]
    documents: tuple[DocumentSpec, ...]
    tariff: TariffSpec


def _expanded(items: Any, shared: Any, where: str) -> Any:
    """`items` with each `{"like": key, …}` replaced by the shared entry and its overrides."""
    if not isinstance(items, list) or not isinstance(shared, dict):
        return items  # the schema names what is wrong
    expanded = []
    for index, item in enumerate(items):
        if isinstance(item, dict) and "like" in item:
            template = shared.get(item["like"])
            if not isinstance(template, dict):
                raise ValueError(f"{where}[{index}]: nothing shared is called {item['like']!r}")
            item = {**template, **{k: v for k, v in item.items() if k != "like"}}
        expanded.append(item)
    return expanded


class ServicesFile(DataRecord):
    shared_fields: dict[str, dict[str, Any]]
    shared_documents: dict[str, dict[str, Any]]
    services: tuple[ServiceSpec, ...]

    @model_validator(mode="before")
    @classmethod
    def _expand_shared(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("services"), list):
            return data
        services = []
        for index, service in enumerate(data["services"]):
            if isinstance(service, dict):
                where = record_path(data, ("services", index))
                service = dict(service)
                for key in ("fields", "documents"):
                    if key in service:
                        shared = data.get(f"shared_{key}")
                        service[key] = _expanded(service[key], shared, f"{where} → {key}")
            services.append(service)
        return {**data, "services": services}


@functools.cache
def demo_organisation() -> Organisation:
    return datafile_load(ORGANISATION_FILE, Organisation)


@functools.cache
def demo_services() -> tuple[ServiceSpec, ...]:
    return datafile_load(SERVICES_FILE, ServicesFile).services
