"""Data kept as JSON files beside the code (demo catalogue, bylaw text…), read through a schema.

`datafile_load(path, schema)` reads one JSON file and validates it against a pydantic model.
Whatever is wrong — a missing file, broken JSON, a record of the wrong shape — raises
`DataFileError` naming the file and the record (`services[3] 'bp-renewal' → fields[0]`), so a
slip in a data file is found at once and by name, never half-loaded.

Schemas check shape (keys, types, allowed values); editorial rules (Persian spelling, counts,
tariffs that price within range) are tests of the app that owns the data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from pydantic import BaseModel, ConfigDict, ValidationError

Schema = TypeVar("Schema", bound="BaseModel")

# The key that names a record in an error, tried in this order.
_RECORD_KEYS = ("code", "name", "slug", "number", "article", "date", "like")


class DataFileError(ImproperlyConfigured):
    """A data file is missing, is not JSON, or does not match its schema."""


class DataRecord(BaseModel):
    """Base of every record in a data file: unknown keys are refused, records are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _label(item: Any) -> str:
    if isinstance(item, dict):
        for key in _RECORD_KEYS:
            if isinstance(item.get(key), str | int) and not isinstance(item.get(key), bool):
                return f" {item[key]!r}"
    return ""


def record_path(data: Any, location: tuple[str | int, ...]) -> str:
    """`location` (keys and list indexes into `data`) as a readable path, each list item named
    by its code, name or number when it has one: `services[3] 'bp-renewal' → fields[0] 'zone'`."""
    parts: list[str] = []
    node = data
    for step in location:
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
            previous = parts.pop() if parts else ""
            parts.append(f"{previous}[{step}]{_label(node)}")
        elif isinstance(node, dict) and step in node:
            node = node[step]
            parts.append(str(step))
        else:
            node = None
            parts.append(str(step))
    return " → ".join(parts) or "(the whole file)"


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def datafile_read(path: Path) -> Any:
    """The parsed JSON of `path`; DataFileError naming the file (and line) if it cannot be."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataFileError(f"{_display(path)}: cannot be read ({error.strerror})") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(
            f"{_display(path)}: not valid JSON at line {error.lineno}, column {error.colno}: "
            f"{error.msg}"
        ) from error


def datafile_load(path: Path, schema: type[Schema]) -> Schema:
    """`path` read and validated as `schema`; DataFileError naming the file and each bad record."""
    data = datafile_read(path)
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        problems = [
            f"  {record_path(data, tuple(problem['loc']))}: {problem['msg']}"
            for problem in error.errors(include_url=False)
        ]
        raise DataFileError(
            f"{_display(path)}: {len(problems)} record(s) do not match {schema.__name__}:\n"
            + "\n".join(problems)
        ) from error
