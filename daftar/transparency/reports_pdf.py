"""The council report's PDF: its layout, from the figures alone.

`render_council_report(number=…, figures=…, created_at=…)` lays out what
`selectors.reports.report_figures` computed — the cover (period, cut-off checkpoint and its
Merkle root, when it was generated, the figures' SHA-256), then files and the service mix,
departments, districts, completion times, SLA, satisfaction, supervision, the treasury, and
the bylaw and decisions of the period, with simple bar charts drawn with fpdf2's rectangles
from the same figures. Persian, right to left, Jalali dates and Persian digits (English when
asked). It reads nothing else, so the same figures, number and `created_at` give the same
bytes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from daftar.core.jalali import format_date_long, format_datetime
from daftar.core.money import format_rials
from daftar.core.numbers import format_number, format_percent, local_digits
from daftar.core.pdf import FONT, MUTED, PersianPDF

BAR_FILL = (52, 101, 164)
BAR_TRACK = (236, 239, 243)
MISSING = "—"


class _Report:
    """One rendering: the PDF and the language its numbers are written in."""

    def __init__(self, pdf: PersianPDF, language: str) -> None:
        self.pdf = pdf
        self.language = language

    # --- numbers ---------------------------------------------------------------------------
    def n(self, value) -> str:
        if value is None:
            return MISSING
        return format_number(Decimal(str(value)), language=self.language)

    def pct(self, value) -> str:
        if value is None:
            return MISSING
        return format_percent(Decimal(str(value)), 1, language=self.language)

    def rials(self, value) -> str:
        return format_rials(int(value or 0), language=self.language)

    def day(self, iso: str) -> str:
        return format_date_long(datetime.date.fromisoformat(iso), language=self.language)

    def digits(self, text: object) -> str:
        return local_digits(str(text), self.language)

    # --- blocks ----------------------------------------------------------------------------
    def table(self, headings: Sequence[str], rows: Sequence[Sequence[object]], widths=None):
        if not rows:
            self.pdf.paragraph(_("Nothing in this period."), size=9, muted=True)
            return
        self.pdf.table_rows(headings=headings, rows=rows, col_widths=widths)

    def bar_chart(self, title: str, bars: Sequence[tuple[str, float, str]]) -> None:
        """Horizontal bars: a label at the line's start, the bar, its value beside it. Drawn
        from the same numbers as the table next to it (rectangles and text only)."""
        pdf = self.pdf
        if not bars or not any(value for _label, value, _text in bars):
            return
        height, gap, label_w, value_w = 5.0, 1.6, 48.0, 34.0
        needed = 8 + len(bars) * (height + gap)
        if pdf.get_y() + needed > pdf.h - pdf.b_margin:
            pdf.add_page()
        pdf.set_font(FONT, "B", size=9)
        pdf.multi_cell(0, 5, title, align=pdf.start)
        pdf.ln(1)
        largest = max(value for _label, value, _text in bars) or 1
        left, right = pdf.l_margin, pdf.w - pdf.r_margin
        track = right - left - label_w - value_w
        pdf.set_font(FONT, size=8)
        for label, value, text in bars:
            y = pdf.get_y()
            length = track * (value / largest)
            if pdf.rtl:
                label_x, track_end = right - label_w, right - label_w - 2
                bar_x = track_end - length
                value_x = bar_x - value_w - 1
                value_align = "R"
            else:
                label_x, bar_x = left, left + label_w + 2
                value_x = bar_x + length + 1
                value_align = "L"
            pdf.set_fill_color(*BAR_TRACK)
            track_x = right - label_w - 2 - track if pdf.rtl else bar_x
            pdf.rect(track_x, y + 0.6, track, height - 1.2, style="F")
            if length > 0:
                pdf.set_fill_color(*BAR_FILL)
                pdf.rect(bar_x, y + 0.6, length, height - 1.2, style="F")
            pdf.set_xy(label_x, y)
            pdf.cell(label_w, height, label, align=pdf.start)
            pdf.set_xy(value_x, y)
            pdf.cell(value_w, height, text, align=value_align)
            pdf.set_xy(left, y + height + gap)
        pdf.ln(3)
        pdf.set_font(FONT, size=10)

    # --- sections --------------------------------------------------------------------------
    def cover(self, number: int, figures: dict, created_at: datetime.datetime, digest: str):
        pdf = self.pdf
        pdf.add_page()
        pdf.ln(20)
        pdf.heading(_("The city council's oversight report"), level=1)
        pdf.heading(_("Electronic city-services offices of Tehran"), level=2)
        pdf.ln(4)
        period = figures["period"]
        cutoff = figures.get("cutoff")
        rows = [
            (_("Report number"), self.digits(number)),
            (_("Period"), _("%(start)s to %(end)s") % {
                "start": self.day(period["start"]),
                "end": self.day(period["end"]),
            }),
            (_("Generated at"), format_datetime(created_at, language=self.language)),
        ]
        if cutoff:
            rows += [
                (_("Cut-off audit checkpoint"), self.digits(cutoff["number"])),
                (_("Head hash (Merkle root)"), cutoff["merkle_root"]),
                (
                    _("Checkpoint signed at"),
                    format_datetime(
                        datetime.datetime.fromisoformat(cutoff["signed_at"]),
                        language=self.language,
                    ),
                ),
            ]
        else:
            rows.append(
                (_("Cut-off audit checkpoint"), _("No checkpoint had been signed by then"))
            )
        rows.append((_("Figures SHA-256"), digest))
        pdf.key_values(rows)
        pdf.paragraph(
            _(
                "Every figure in this report is computed by Daftar from its own records: files "
                "from the daily aggregates, supervision, treasury and the committee's decisions "
                "from their registers. Generating the report again for the same period gives "
                "the same figures and the same SHA-256. Anyone holding the cut-off checkpoint "
                "can check that the audit log it signs has not lost an entry since."
            ),
            size=9,
            muted=True,
        )

    def files(self, files: dict) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.heading(_("Files and the service mix"), level=1)
        mix = files["service_mix"]
        total = sum(row["count"] for row in mix)
        pdf.paragraph(
            _("%(count)s files were submitted in the period. Each share is computed from the counts beside it; the shares add up to 100%%.")
            % {"count": self.n(total)}
        )
        self.table(
            [_("Service domain"), _("Files"), _("Share")],
            [(row["label"], self.n(row["count"]), self.pct(row["percent"])) for row in mix]
            + ([(_("Total"), self.n(total), self.pct(100))] if mix else []),
            (90, 45, 45),
        )
        self.bar_chart(
            _("Files by service domain"),
            [(row["label"], row["count"], self.n(row["count"])) for row in mix],
        )
        pdf.heading(_("Files per month"), level=2)
        self.table(
            [_("Month"), _("Submitted"), _("Completed")],
            [(row["label"], self.n(row["submitted"]), self.n(row["completed"])) for row in files["months"]],
            (80, 50, 50),
        )
        pdf.heading(_("Per department"), level=2)
        sla = {row["label"]: row for row in files["sla"]}
        self.table(
            [_("Department"), _("Completed"), _("Median days"), _("90th percentile days"), _("Within SLA")],
            [
                (
                    row["label"],
                    self.n(row["completed"]),
                    self.n(row["median_days"]),
                    self.n(row["p90_days"]),
                    self.pct(sla.get(row["label"], {}).get("percent")),
                )
                for row in files["departments"]
            ],
            (60, 28, 28, 36, 28),
        )
        pdf.heading(_("Per district"), level=2)
        self.table(
            [_("District"), _("Active offices"), _("Files"), _("Within SLA")],
            [
                (
                    row["name"],
                    self.n(row["offices"]),
                    self.n(row["files"]),
                    self.pct(row["sla_percent"]),
                )
                for row in files["districts"]
            ],
            (60, 40, 40, 40),
        )
        self.bar_chart(
            _("Files by district"),
            [
                (row["name"], float(row["files"] or 0), self.n(row["files"]))
                for row in files["districts"]
                if row["files"]
            ],
        )
        pdf.heading(_("Completion times per service"), level=2)
        self.table(
            [_("Service"), _("Completed"), _("Median days"), _("90th percentile days")],
            [
                (row["label"], self.n(row["completed"]), self.n(row["median_days"]), self.n(row["p90_days"]))
                for row in files["services"]
            ],
            (84, 32, 32, 32),
        )
        pdf.heading(_("SLA adherence"), level=2)
        self.table(
            [_("Department"), _("Completed"), _("Within SLA"), _("Share")],
            [
                (row["label"], self.n(row["completed"]), self.n(row["within_sla"]), self.pct(row["percent"]))
                for row in files["sla"]
            ],
            (72, 36, 36, 36),
        )
        satisfaction = files["satisfaction"]
        pdf.heading(_("Citizens' satisfaction"), level=2)
        pdf.key_values(
            [
                (_("Ratings"), self.n(satisfaction["ratings"])),
                (_("Average (1 to 5)"), self.n(satisfaction["average"])),
                (_("Call-backs asked for"), self.n(satisfaction["callbacks"])),
            ]
        )
        self.bar_chart(
            _("Ratings by score"),
            [
                (_("Score %(score)s") % {"score": self.digits(score)}, count, self.n(count))
                for score, count in sorted(satisfaction["distribution"].items(), reverse=True)
            ],
        )

    def supervision(self, data: dict) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.heading(_("Supervision"), level=1)
        inspections = data["inspections"]
        pdf.key_values(
            [
                (_("Inspections planned"), self.n(inspections["planned"])),
                (_("Inspections done"), self.n(inspections["done"])),
                (_("Inspections cancelled"), self.n(inspections["cancelled"])),
                (_("Complaints received"), self.n(data["complaints"]["received"])),
                (_("Complaints upheld"), self.n(data["complaints"]["upheld"])),
            ]
        )
        pdf.heading(_("Findings by severity"), level=2)
        self.table(
            [_("Severity"), _("Findings")],
            [(row["label"], self.n(row["count"])) for row in data["findings"]],
            (120, 60),
        )
        self.bar_chart(
            _("Findings by severity"),
            [(row["label"], row["count"], self.n(row["count"])) for row in data["findings"]],
        )
        pdf.heading(_("Complaints by category"), level=2)
        self.table(
            [_("Category"), _("Received"), _("Upheld")],
            [
                (row["label"], self.n(row["received"]), self.n(row["upheld"]))
                for row in data["complaints"]["by_category"]
            ],
            (100, 40, 40),
        )
        pdf.heading(_("Sanctions by kind"), level=2)
        self.table(
            [_("Sanction"), _("Proposed in the period")],
            [(row["label"], self.n(row["count"])) for row in data["sanctions"]],
            (120, 60),
        )

    def treasury(self, data: dict) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.heading(_("Single treasury account"), level=1)
        flows = [
            (_("Collected"), data["collected"]),
            (_("Deposited (bank statements)"), data["deposited"]),
            (_("Settled to offices"), data["settled"]),
            (_("Refunded"), data["refunded"]),
        ]
        self.table(
            [_("Flow"), _("Count"), _("Amount")],
            [(label, self.n(row["count"]), self.rials(row["rials"])) for label, row in flows],
            (70, 40, 70),
        )
        self.bar_chart(
            _("Money in the period (rials)"),
            [(label, row["rials"], self.rials(row["rials"])) for label, row in flows],
        )
        pdf.heading(_("Collections by payment channel"), level=2)
        self.table(
            [_("Channel"), _("Payments"), _("Amount")],
            [(row["label"], self.n(row["count"]), self.rials(row["rials"])) for row in data["channels"]],
            (70, 40, 70),
        )
        gaps = data["discrepancies"]
        pdf.heading(_("Reconciliation discrepancies"), level=2)
        pdf.paragraph(
            _(
                "%(count)s bank statement lines of the period did not match the ledger "
                "(%(amount)s); %(open)s of them are not explained yet."
            )
            % {
                "count": self.n(gaps["count"]),
                "amount": self.rials(gaps["rials"]),
                "open": self.n(gaps["unexplained"]),
            }
        )

    def governance(self, data: dict) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.heading(_("The bylaw and the committee's decisions"), level=1)
        pdf.heading(_("Bylaw versions adopted in the period"), level=2)
        self.table(
            [_("Version"), _("Adopted on"), _("Title")],
            [
                (self.digits(row["number"]), self.day(row["adopted_on"]), row["label"])
                for row in data["versions"]
            ],
            (25, 45, 110),
        )
        pdf.heading(_("Decisions adopted in the period"), level=2)
        self.table(
            [_("Number"), _("Date"), _("Subject")],
            [
                (self.digits(row["number"]), self.day(row["decided_on"]), row["subject"])
                for row in data["decisions"]
            ],
            (30, 40, 110),
        )


def render_council_report(
    *, number: int, figures: dict, digest: str, created_at: datetime.datetime, language: str = "fa"
) -> bytes:
    """The report's PDF; the same arguments give the same bytes."""
    with translation.override(language):
        footer = _("Council report no. %(number)s · figures SHA-256 %(digest)s… (see the cover)") % {
            "number": local_digits(str(number), language),
            "digest": digest[:16],
        }
        pdf = PersianPDF(
            title=_("The city council's oversight report"),
            language=language,
            created_at=created_at,
            footer_text=footer,
        )
        pdf.set_text_color(17, 17, 17)
        report = _Report(pdf, language)
        report.cover(number, figures, created_at, digest)
        report.files(figures["files"])
        report.supervision(figures["supervision"])
        report.treasury(figures["treasury"])
        report.governance(figures["governance"])
        pdf.set_text_color(*MUTED)
        return pdf.bytes()
