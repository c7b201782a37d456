"""A workflow drawn as an SVG on the server, from its data alone (no library, no script).

The layout is layered: the start state on the first row, each other state on the row of its
shortest distance from the start (states no file can reach on a last row), so most arrows run
downwards between neighbouring rows; an arrow that goes back up or stays on its row is drawn as
a curve in the margin. States are boxes with their name, SLA and department; the start state
has a thick green border, terminal states a double one. Each arrow carries the action's name
and the roles that may take it. Text is escaped; Persian text is laid out right to left
(`direction="rtl"`), and the rows are mirrored in Persian so the first state is on the right.
The page shows the transitions as a table beside it (the accessible text version).
"""

from __future__ import annotations

from collections import deque
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from daftar.core.numbers import format_message, join_list
from daftar.workflow.validation import Definition, StateSpec, role_label

BOX_W, BOX_H = 200, 70
H_GAP, V_GAP = 40, 130
MARGIN = 110  # each side: room for the curves of the arrows that go back up
TOP = 30


def _layers(definition: Definition) -> list[list[StateSpec]]:
    edges: dict[str, list[str]] = {}
    for action in definition.actions:
        edges.setdefault(action.from_state, []).append(action.to_state)
    start = next((s for s in definition.states if s.is_start), None)
    depth: dict[str, int] = {}
    if start is not None:
        depth[start.code] = 0
        queue = deque([start.code])
        while queue:
            code = queue.popleft()
            for nxt in edges.get(code, ()):
                if nxt not in depth:
                    depth[nxt] = depth[code] + 1
                    queue.append(nxt)
    last = max(depth.values(), default=-1) + 1
    rows: list[list[StateSpec]] = [[] for _ in range(last + 1)]
    for state in definition.states:
        rows[depth.get(state.code, last)].append(state)
    rows = [row for row in rows if row]
    # Order each row by where its states' predecessors stand (one barycentre sweep): fewer
    # arrows cross.
    parents: dict[str, list[str]] = {}
    for action in definition.actions:
        parents.setdefault(action.to_state, []).append(action.from_state)
    slot: dict[str, float] = {state.code: i for i, state in enumerate(rows[0])} if rows else {}
    for r in range(1, len(rows)):
        original = {state.code: i for i, state in enumerate(rows[r])}
        size = len(rows[r])

        def weight(state: StateSpec, original=original, size=size) -> tuple[float, int]:
            above = [slot[p] for p in parents.get(state.code, ()) if p in slot]
            return (sum(above) / len(above) if above else size, original[state.code])

        rows[r].sort(key=weight)
        for i, state in enumerate(rows[r]):
            slot.setdefault(state.code, i)
    return rows


def _text(x: float, y: float, content: str, *, size: int = 13, weight: str = "normal", **kw) -> str:
    extra = "".join(f" {name.replace('_', '-')}={quoteattr(str(v))}" for name, v in kw.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" '
        f'text-anchor="middle"{extra}>{escape(content)}</text>'
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def workflow_svg(
    definition: Definition, *, title: str = "", departments: dict[str, str] | None = None
) -> str:
    """The diagram of `definition` as a standalone SVG document (a string), in the active
    language. `departments` names the department codes the states name."""
    departments = departments or {}
    rtl = get_language() == "fa"
    rows = _layers(definition)
    widest = max((len(row) for row in rows), default=1)
    inner = widest * BOX_W + (widest - 1) * H_GAP
    width = inner + 2 * MARGIN
    height = TOP + len(rows) * BOX_H + (len(rows) - 1) * V_GAP + TOP
    place: dict[str, tuple[float, float, int]] = {}  # code -> (x centre, y top, row)
    for r, row in enumerate(rows):
        row_w = len(row) * BOX_W + (len(row) - 1) * H_GAP
        left = MARGIN + (inner - row_w) / 2
        for i, state in enumerate(row):
            slot = len(row) - 1 - i if rtl else i
            x = left + slot * (BOX_W + H_GAP) + BOX_W / 2
            place[state.code] = (x, TOP + r * (BOX_H + V_GAP), r)

    title = title or _("Workflow diagram")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-labelledby="wf-title" '
        f'direction="{"rtl" if rtl else "ltr"}" '
        'font-family="Vazirmatn, Tahoma, sans-serif" class="workflow-diagram">',
        f'<title id="wf-title">{escape(title)}</title>',
        "<defs>",
        '<marker id="wf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#495057"/></marker>',
        "</defs>",
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]

    out.append('<g class="wf-actions" fill="none" stroke="#495057" stroke-width="1.5">')
    labels: list[str] = []
    outgoing: dict[str, list] = {}
    for action in definition.actions:
        outgoing.setdefault(action.from_state, []).append(action)
    back_count = 0
    for source, actions in outgoing.items():
        if source not in place:
            continue
        sx, sy, srow = place[source]
        for k, action in enumerate(actions):
            if action.to_state not in place:
                continue
            tx, ty, trow = place[action.to_state]
            roles = join_list(role_label(role) for role in action.roles)
            label = _clip(action.label, 28)
            spread = (k + 1) / (len(actions) + 1)
            if trow > srow:
                x1 = sx + (BOX_W / 2 - BOX_W * spread if rtl else BOX_W * spread - BOX_W / 2)
                y1, y2 = sy + BOX_H, ty
                x2 = tx
                out.append(
                    f'<path d="M{x1:.1f},{y1:.1f} L{x2:.1f},{y2:.1f}" '
                    f'marker-end="url(#wf-arrow)"><title>{escape(action.label)}</title></path>'
                )
                t = 0.25 + 0.5 * spread
                lx, ly = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
            elif trow == srow:
                # along the row: a straight arrow between the facing sides, a little apart
                # from the one coming back
                toward = 1 if tx > sx else -1
                x1, x2 = sx + toward * BOX_W / 2, tx - toward * BOX_W / 2
                y1 = y2 = sy + BOX_H / 2 + (10 if toward > 0 else -10)
                out.append(
                    f'<path d="M{x1:.1f},{y1:.1f} L{x2:.1f},{y2:.1f}" '
                    f'marker-end="url(#wf-arrow)"><title>{escape(action.label)}</title></path>'
                )
                lx, ly = (x1 + x2) / 2, sy - 14 - 26 * (k % 2)
            else:
                # back up: a curve through the margin: a curve through the margin on the reading end
                back_count += 1
                on_end = (back_count % 2 == 1) != rtl
                side = 1 if on_end else -1
                edge_x = (
                    (MARGIN + inner + 20 + (back_count % 4) * 12)
                    if on_end
                    else (MARGIN - 20 - (back_count % 4) * 12)
                )
                x1 = sx + side * BOX_W / 2
                x2 = tx + side * BOX_W / 2
                y1, y2 = sy + BOX_H / 2 + 8, ty + BOX_H / 2 - 8
                out.append(
                    f'<path d="M{x1:.1f},{y1:.1f} C{edge_x:.1f},{y1:.1f} {edge_x:.1f},{y2:.1f} '
                    f'{x2:.1f},{y2:.1f}" stroke-dasharray="5 3" marker-end="url(#wf-arrow)">'
                    f"<title>{escape(action.label)}</title></path>"
                )
                lx, ly = (edge_x + (x1 + x2) / 2) / 2, (y1 + y2) / 2
            halo = {"stroke": "#ffffff", "stroke_width": 4, "paint_order": "stroke"}
            labels.append(
                f'<g class="wf-action" data-action="{escape(action.code)}">'
                + _text(lx, ly - 2, label, size=12, weight="bold", fill="#212529", **halo)
                + _text(lx, ly + 12, _clip(roles, 40), size=10, fill="#495057", **halo)
                + "</g>"
            )
    out.append("</g>")

    out.append('<g class="wf-states">')
    for state in definition.states:
        x, y, _row = place[state.code]
        left = x - BOX_W / 2
        stroke, stroke_w = ("#198754", 3.5) if state.is_start else ("#343a40", 1.5)
        out.append(f'<g class="wf-state" data-state={quoteattr(state.code)}>')
        out.append(
            f'<rect x="{left:.1f}" y="{y:.1f}" width="{BOX_W}" height="{BOX_H}" rx="8" '
            f'fill="#f8f9fa" stroke="{stroke}" stroke-width="{stroke_w}"/>'
        )
        if state.is_terminal:
            out.append(
                f'<rect x="{left + 4:.1f}" y="{y + 4:.1f}" width="{BOX_W - 8}" '
                f'height="{BOX_H - 8}" rx="6" fill="none" stroke="#343a40" stroke-width="1"/>'
            )
        out.append(_text(x, y + 22, _clip(state.label, 26), size=14, weight="bold", fill="#212529"))
        details = []
        if state.is_start:
            details.append(_("start"))
        if state.is_terminal:
            details.append(_("end"))
        if state.sla_days:
            details.append(format_message(_("%(days)s working days"), {"days": state.sla_days}))
        out.append(_text(x, y + 42, join_list(details), size=11, fill="#495057"))
        where = [departments.get(code, code) for code in state.parallel_departments]
        if where:
            line = _("in parallel: ") + join_list(where)
        elif state.department:
            line = departments.get(state.department, state.department)
        else:
            line = ""
        if line:
            out.append(_text(x, y + 59, _clip(line, 32), size=10, fill="#0a58ca"))
        out.append("</g>")
    out.append("</g>")
    out.append('<g class="wf-labels">' + "".join(labels) + "</g>")
    out.append("</svg>")
    return "\n".join(out)
