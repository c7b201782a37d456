"""What supervision shows on other apps' pages (core/panels.py): on an office's public page,
its public supervision record — the sanctions imposed on it (kind, date, decision, the article
applied) and its published grades. Public: no names, no complaints, no reasons."""

from __future__ import annotations

from daftar.core.panels import Panel, panel
from daftar.supervision.selectors import sanctions as selectors


@panel("offices:detail", order=20)
def public_record(request, *, office) -> Panel:
    sanctions = [
        {
            "sanction": s,
            "citation": selectors.step_citation(s.step),
        }
        for s in selectors.office_public_sanctions(office)
    ]
    return Panel(
        "supervision_record",
        "supervision/sanctions/_public_record.html",
        {"sanctions": sanctions, "grades": list(selectors.office_grade_history(office))},
    )
