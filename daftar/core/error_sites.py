"""Where the platform's errors are raised, found by reading the source (an AST walk of daftar/).

The error-code test uses it to refuse a code typed as a string or a generic code where a
specific one is due, naming file:line; `manage.py error_codes` uses it to say with which HTTP
status each code answers. An error is "raised" wherever a DaftarError subclass is built (some
are built and returned, then raised by the caller), a subclass declares its default code, or an
identifier validator raises a ValidationError with a code (the services wrap those in
InvalidInput, daftar.core.errors.validation_error_to_daftar).
"""

from __future__ import annotations

import ast
import functools
import importlib
from dataclasses import dataclass, field
from pathlib import Path

from daftar.core.error_codes import ErrorCode, error_code_enums
from daftar.core.errors import DaftarError, InvalidInput

DAFTAR = Path(__file__).resolve().parent.parent
ROOT = DAFTAR.parent


@dataclass(frozen=True)
class ErrorSite:
    """One place that builds an error: `path` relative to the repository, the error class."""

    path: str
    line: int
    error_class: str
    # "call": ErrorClass(...); "default": `code = ...` in a class body; "validator": ValidationError
    kind: str
    has_code: bool
    string_literals: tuple[str, ...] = ()
    members: tuple[tuple[str, str], ...] = field(default=())  # (enum class name, member name)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def _source_files() -> list[Path]:
    return sorted(
        path
        for path in DAFTAR.rglob("*.py")
        if "tests" not in path.relative_to(DAFTAR).parts
        and "migrations" not in path.relative_to(DAFTAR).parts
    )


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _code_parts(node: ast.AST | None) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The string literals and the `SomeErrorCode.MEMBER` references inside a code expression."""
    if node is None:
        return (), ()
    literals, members = [], []
    for part in ast.walk(node):
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            literals.append(part.value)
        elif (
            isinstance(part, ast.Attribute)
            and isinstance(part.value, ast.Name)
            and part.value.id.endswith("ErrorCode")
        ):
            members.append((part.value.id, part.attr))
    return tuple(literals), tuple(members)


@functools.cache
def _parse_all() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(ROOT)): ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for path in _source_files()
    }


def error_classes(trees: dict[str, ast.Module] | None = None) -> dict[str, str]:
    """Every DaftarError subclass defined in daftar/: class name -> dotted module."""
    trees = trees if trees is not None else _parse_all()
    known = {"DaftarError": "daftar.core.errors"}
    changed = True
    while changed:
        changed = False
        for path, tree in trees.items():
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.ClassDef)
                    and node.name not in known
                    and any(_name(base) in known for base in node.bases)
                ):
                    known[node.name] = path.removesuffix(".py").replace("/", ".")
                    changed = True
    return known


def error_class(name: str, classes: dict[str, str]) -> type[DaftarError]:
    return getattr(importlib.import_module(classes[name]), name)


@functools.cache
def error_sites() -> tuple[ErrorSite, ...]:
    trees = _parse_all()
    classes = error_classes(trees)
    sites = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in classes:
                code = next((k.value for k in node.keywords if k.arg == "code"), None)
                kind, error = "call", _name(node.func)
            elif isinstance(node, ast.Call) and _name(node.func) == "ValidationError":
                code = next((k.value for k in node.keywords if k.arg == "code"), None)
                literals, members = _code_parts(code)
                if not members:
                    continue  # a form's own validation error, never an API code
                kind, error = "validator", InvalidInput.__name__
            elif isinstance(node, ast.ClassDef) and node.name in classes:
                code = next(
                    (
                        statement.value
                        for statement in node.body
                        if isinstance(statement, ast.Assign | ast.AnnAssign)
                        and any(
                            _name(target) == "code"
                            for target in (
                                statement.targets
                                if isinstance(statement, ast.Assign)
                                else [statement.target]
                            )
                        )
                    ),
                    None,
                )
                if code is None:
                    continue
                kind, error = "default", node.name
            else:
                continue
            literals, members = _code_parts(code)
            sites.append(
                ErrorSite(
                    path=path,
                    line=node.lineno,
                    error_class=error,
                    kind=kind,
                    has_code=code is not None,
                    string_literals=literals,
                    members=members,
                )
            )
    return tuple(sorted(sites, key=lambda site: (site.path, site.line)))


def code_statuses() -> dict[ErrorCode, set[str]]:
    """Each code with the HTTP statuses it answers with (from the classes that raise it)."""
    enums = {enum.__name__: enum for enum in error_code_enums()}
    by_value = {code.value: code for enum in enums.values() for code in enum}
    classes = error_classes()
    statuses: dict[ErrorCode, set[str]] = {}
    for site in error_sites():
        error = error_class(site.error_class, classes)
        status = error.documented_status or str(error.http_status)
        for enum_name, member in site.members:
            if enum_name in enums:
                statuses.setdefault(enums[enum_name][member], set()).add(status)
        for literal in site.string_literals:  # not converted yet (the test names them)
            if literal in by_value:
                statuses.setdefault(by_value[literal], set()).add(status)
        if site.kind == "call" and not site.has_code:
            default = error_class(site.error_class, classes).code
            statuses.setdefault(default, set()).add(status)
    return statuses
