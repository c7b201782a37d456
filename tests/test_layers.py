"""The layer order of docs/architecture.md ("Layers"), enforced on every module under daftar/.

An app imports only apps of lower levels: never a higher one, never one of its own level, so
the apps form no cycle. Every `import` and `from … import` counts, at module level or inside a
function. Tests and migrations are exempt (tests of a low app may use the fixtures of a higher
one; migrations record history). Outside tests, migrations and demo data, an app never queries
another app's models (`Model.objects`): it asks that app's selectors and services.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DAFTAR = ROOT / "daftar"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
NOT_APPS = {"templates"}


def layer_table(text: str) -> dict[str, tuple[int, set[str]]]:
    """app → (level, the apps its row says it may import), from the "Layers" table."""
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    table = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].isdigit():
            continue
        level, apps, may_import = cells[:3]
        allowed = set(re.findall(r"`(\w+)`", may_import))
        for app in re.findall(r"`(\w+)`", apps):
            table[app] = (int(level), allowed)
    return table


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "daftar" else None


def imports_of(source: str) -> Iterator[tuple[int, str, list[str]]]:
    """(line, module, names) of every absolute import in `source`, wherever it stands."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module, [alias.asname or alias.name for alias in node.names]


def is_exempt(relative: Path, *, demo_too: bool = False) -> bool:
    parts = relative.parts
    if "tests" in parts or "migrations" in parts:
        return True
    return demo_too and (parts[1] == "demo" or any(part.startswith("demo") for part in parts))


def modules() -> Iterator[tuple[Path, str]]:
    for path in sorted(DAFTAR.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[1] not in NOT_APPS:
            yield relative, path.read_text(encoding="utf-8")


def layer_violations(
    relative: Path, source: str, levels: dict[str, tuple[int, set[str]]]
) -> list[str]:
    """Each import in `source` (the module at `relative`) that goes against the table."""
    app = relative.parts[1]
    found = []
    for line, module, _names in imports_of(source):
        target = app_of(module)
        if target is None or target == app:
            continue
        if app not in levels or target not in levels:
            unknown = app if app not in levels else target
            found.append(f"{relative}:{line}: `{module}` — app {unknown!r} is not in the table")
        elif levels[target][0] >= levels[app][0]:
            found.append(
                f"{relative}:{line}: imports `{module}` — {app} (level {levels[app][0]}) may not "
                f"import {target} (level {levels[target][0]})"
            )
    return found


def app_graph(sources: list[tuple[Path, str]]) -> dict[str, dict[str, str]]:
    """app → {imported app: the first import that makes the arrow (file:line module)}."""
    graph: dict[str, dict[str, str]] = {}
    for relative, source in sources:
        app = relative.parts[1]
        for line, module, _names in imports_of(source):
            target = app_of(module)
            if target and target != app and target not in NOT_APPS:
                graph.setdefault(app, {}).setdefault(target, f"{relative}:{line} {module}")
    return graph


def find_cycle(graph: dict[str, dict[str, str]]) -> list[str]:
    """One cycle of apps (first app repeated at the end), or [] if there is none."""
    done: set[str] = set()

    def visit(app: str, path: list[str]) -> list[str]:
        if app in path:
            return [*path[path.index(app) :], app]
        if app in done:
            return []
        for target in sorted(graph.get(app, {})):
            cycle = visit(target, [*path, app])
            if cycle:
                return cycle
        done.add(app)
        return []

    for app in sorted(graph):
        cycle = visit(app, [])
        if cycle:
            return cycle
    return []


def model_owners() -> dict[str, str]:
    """Model class name → the daftar app that defines it."""
    from django.apps import apps

    return {
        model.__name__: model._meta.app_config.name.split(".")[1]
        for model in apps.get_models()
        if model._meta.app_config.name.startswith("daftar.")
    }


def foreign_queries(relative: Path, source: str, owners: dict[str, str]) -> list[str]:
    """`Model.objects` / `Model._default_manager` in `source` on another app's model."""
    app = relative.parts[1]
    imported: dict[str, str] = {}
    for _line, module, names in imports_of(source):
        target = app_of(module)
        for name in names:
            if target and target != app and owners.get(name) == target:
                imported[name] = target
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in {"objects", "_default_manager"}
            and isinstance(node.value, ast.Name)
            and node.value.id in imported
        ):
            found.append(
                f"{relative}:{node.lineno}: {node.value.id}.{node.attr} — a model of "
                f"{imported[node.value.id]}; ask its selectors or services"
            )
    return found


@pytest.fixture(scope="module")
def levels():
    return layer_table(ARCHITECTURE.read_text(encoding="utf-8"))


# --- the tree --------------------------------------------------------------------------------


def test_every_app_under_daftar_has_a_level_and_its_row_lists_exactly_the_lower_apps(levels):
    present = {path.name for path in DAFTAR.iterdir() if (path / "__init__.py").exists()}
    assert present - NOT_APPS <= set(levels), present - NOT_APPS - set(levels)
    for app, (level, allowed) in levels.items():
        lower = {other for other, (other_level, _) in levels.items() if other_level < level}
        assert allowed == lower, f"{app}: the row says {sorted(allowed)}, lower: {sorted(lower)}"


def test_no_module_imports_an_app_of_its_own_level_or_higher(levels):
    found = [
        problem
        for relative, source in modules()
        if not is_exempt(relative)
        for problem in layer_violations(relative, source, levels)
    ]
    assert found == [], "\n".join(found)


def test_the_apps_import_each_other_without_a_cycle():
    graph = app_graph([(rel, src) for rel, src in modules() if not is_exempt(rel)])
    cycle = find_cycle(graph)
    arrows = [graph[a][b] for a, b in itertools.pairwise(cycle)]
    assert cycle == [], " → ".join(cycle) + "\n" + "\n".join(arrows)


def test_no_app_queries_another_apps_models_outside_tests_migrations_and_demo_data():
    owners = model_owners()
    found = [
        problem
        for relative, source in modules()
        if not is_exempt(relative, demo_too=True)
        for problem in foreign_queries(relative, source, owners)
    ]
    assert found == [], "\n".join(found)


# --- the checker catches what it should ------------------------------------------------------

SYNTHETIC = Path("daftar/cases/synthetic.py")


def test_the_checker_names_the_file_line_and_import_of_an_upward_import(levels):
    source = "import datetime\n\nfrom daftar.treasury.models import Payment\n"
    assert layer_violations(SYNTHETIC, source, levels) == [
        "daftar/cases/synthetic.py:3: imports `daftar.treasury.models` — cases (level "
        f"{levels['cases'][0]}) may not import treasury (level {levels['treasury'][0]})"
    ]


def test_the_checker_catches_an_import_inside_a_function_and_a_plain_import(levels):
    source = "def f():\n    import daftar.treasury.services\n    return 1\n"
    (problem,) = layer_violations(SYNTHETIC, source, levels)
    assert problem.startswith("daftar/cases/synthetic.py:2: imports `daftar.treasury.services`")


def test_the_checker_refuses_an_import_between_apps_of_one_level(levels):
    assert levels["cases"][0] == levels["licensing"][0]
    source = "from daftar.licensing.selectors import call_list\n"
    assert len(layer_violations(SYNTHETIC, source, levels)) == 1


def test_the_checker_lets_an_app_import_itself_and_lower_apps(levels):
    source = (
        "from daftar.cases.models import File\nfrom daftar.workflow.engine import lock_row\n"
        "from daftar.core.errors import Conflict\nfrom django.db import models\n"
    )
    assert layer_violations(SYNTHETIC, source, levels) == []


def test_the_checker_finds_a_cycle_and_names_its_arrows():
    sources = [
        (Path("daftar/offices/a.py"), "from daftar.catalogue import x\n"),
        (Path("daftar/catalogue/b.py"), "def f():\n    from daftar.cases import y\n"),
        (Path("daftar/cases/c.py"), "import daftar.offices.models\n"),
        (Path("daftar/cases/d.py"), "from daftar.core import z\n"),
    ]
    graph = app_graph(sources)
    assert find_cycle(graph) == ["cases", "offices", "catalogue", "cases"]
    assert graph["catalogue"]["cases"] == "daftar/catalogue/b.py:2 daftar.cases"
    assert find_cycle(app_graph(sources[:2] + sources[3:])) == []


def test_the_checker_catches_a_query_on_another_apps_model():
    owners = {"File": "cases", "Payment": "treasury"}
    source = (
        "from daftar.cases.models import File\nfrom daftar.treasury.models import Payment\n\n"
        "def due():\n    return File.objects.filter(x=1), Payment.objects.all()\n"
    )
    found = foreign_queries(Path("daftar/treasury/views.py"), source, owners)
    assert found == [
        "daftar/treasury/views.py:5: File.objects — a model of cases; ask its selectors or services"
    ]


def test_demo_data_tests_and_migrations_may_reach_anywhere():
    assert is_exempt(Path("daftar/catalogue/tests/test_x.py"))
    assert is_exempt(Path("daftar/cases/migrations/0001_initial.py"))
    assert is_exempt(Path("daftar/cases/demo.py"), demo_too=True)
    assert not is_exempt(Path("daftar/cases/demo.py"))
    assert not is_exempt(Path("daftar/treasury/views.py"), demo_too=True)
