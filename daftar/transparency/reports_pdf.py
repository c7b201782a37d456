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
from django.utils.translation import pgettext

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
            self.pdf.paragraph(
                pgettext("council report", "Nothing in this period."), size=9, muted=True
            )
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
        track = right - left - label_w - value_w - 4
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
        pdf.set_fill_color(255, 255, 255)  # tables after the chart take the current fill
        pdf.set_font(FONT, size=10)

    # --- sections --------------------------------------------------------------------------
    def cover(self, number: int, figures: dict, created_at: datetime.datetime, digest: str):
        pdf = self.pdf
        pdf.add_page()
        pdf.ln(20)
        pdf.heading(pgettext("council report", "The city council's oversight report"), level=1)
        pdf.heading(
            pgettext("council report", "Electronic city-services offices of Tehran"), level=2
        )
        pdf.ln(4)
        period = figures["period"]
        cutoff = figures.get("cutoff")
        rows = [
            (pgettext("council report", "Report number"), self.digits(number)),
            (
                pgettext("council report", "Period"),
                pgettext("council report", "%(start)s to %(end)s")
                % {
                    "start": self.day(period["start"]),
                    "end": self.day(period["end"]),
                },
            ),
            (
                pgettext("council report", "Generated at"),
                format_datetime(created_at, language=self.language),
            ),
        ]
        if cutoff:
            rows += [
                (
                    pgettext("council report", "Cut-off audit checkpoint"),
                    self.digits(cutoff["number"]),
                ),
                (pgettext("council report", "Head hash (Merkle root)"), cutoff["merkle_root"]),
                (
                    pgettext("council report", "Checkpoint signed at"),
                    format_datetime(
                        datetime.datetime.fromisoformat(cutoff["signed_at"]),
                        language=self.language,
                    ),
                ),
            ]
        else:
            rows.append(
                (
                    pgettext("council report", "Cut-off audit checkpoint"),
                    pgettext("council report", "No checkpoint had been signed by then"),
                )
            )
        rows.append((pgettext("council report", "Figures SHA-256"), digest))
        pdf.key_values(rows)
        pdf.paragraph(
            pgettext(
                "council report",
                "Every figure in this report is computed by Daftar from its own records: files "
                "from the daily aggregates, supervision, treasury and the committee's decisions "
                "from their registers. Generating the report again for the same period gives "
                "the same figures and the same SHA-256. Anyone holding the cut-off checkpoint "
                "can check that the audit log it signs has not lost an entry since.",
            ),
            size=9,
            muted=True,
        )

    def files(self, files: dict) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.heading(pgettext("council report", "Files and the service mix"), level=1)
        mix = files["service_mix"]
        total = sum(row["count"] for row in mix)
        pdf.paragraph(
            pgettext(
                "council report",
                "%(count)s files were submitted in the period. Each share is computed from "
                "the counts beside it; the shares add up to 100%%.",
            )
            % {"count": self.n(total)}
        )
        self.table(
            [
                pgettext("council report", "Service domain"),
                pgettext("council report", "Files"),
                pgettext("council report", "Share"),
            ],
            [(row["label"], self.n(row["count"]), self.pct(row["percent"])) for row in mix]
            + (
                [
                    (
                        pgettext("council report", "All domains"),
                        self.n(total),
                        self.pct(sum(Decimal(str(row["percent"])) for row in mix)),
                    )
                ]
                if mix
                else []
            ),
            (90, 45, 45),
        )
        self.bar_chart(
            pgettext("council report", "Files by service domain"),
            [(row["label"], row["count"], self.n(row["count"])) for row in mix],
        )
        pdf.heading(pgettext("council report", "Files per month"), level=2)
        self.table(
            [
                pgettext("council report", "Month"),
                pgettext("council report", "Files submitted"),
                pgettext("council report", "Files completed"),
            ],
            [
                (row["label"], self.n(row["submitted"]), self.n(row["completed"]))
                for row in files["months"]
            ],
            (80, 50, 50),
        )
        pdf.heading(pgettext("council report", "Per department"), level=2)
        sla = {row["label"]: row for row in files["sla"]}
        self.table(
            [
                pgettext("council report", "Department"),
                pgettext("council report", "Files completed"),
                pgettext("council report", "Median days"),
                pgettext("council report", "90th percentile days"),
                pgettext("council report", "Within SLA"),
            ],
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
        pdf.heading(pgettext("council report", "Per district"), level=2)
        self.table(
            [
                pgettext("council report", "District"),
                pgettext("council report", "Active offices"),
                pgettext("council report", "Files"),
                pgettext("council report", "Within SLA"),
            ],
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
            pgettext("council report", "Files by district"),
            [
                (row["name"], float(row["files"] or 0), self.n(row["files"]))
                for row in files["districts"]
                if row["files"]
            ],
        )
        pdf.heading(pgettext("council report", "Completion times per service"), level=2)
        self.table(
            [
                pgettext("council report", "Service"),
                pgettext("council report", "Files completed"),
                pgettext("council report", "Median days"),
                pgettext("council report", "90th percentile days"),
            ],
            [
                (
                    row["label"],
                    self.n(row["completed"]),
                    self.n(row["median_days"]),
                    self.n(row["p90_days"]),
                )
                for row in files["services"]
            ],
            (84, 32, 32, 32),
        )
        pdf.heading(pgettext("council report", "SLA adherence"), level=2)
        self.table(
            [
                pgettext("council report", "Department"),
                pgettext("council report", "Files completed"),
                pgettext("council report", "Within SLA"),
                pgettext("council report", "Share"),
            ],
            [
                (
                    row["label"],
                    self.n(row["completed"]),
                    self.n(row["within_sla"]),
                    self.pct(row["percent"]),
                )
                for row in files["sla"]
            ],
            (72, 36, 36, 36),
        )
        satisfaction = files["satisfaction"]
        pdf.heading(pgettext("council report", "Citizens' satisfaction"), level=2)
        pdf.key_values(
            [
                (pgettext("council report", "Ratings"), self.n(satisfaction["ratings"])),
                (pgettext("council report", "Average (1 to 5)"), self.n(satisfaction["average"])),
                (
                    pgettext("council report", "Call-backs asked for"),
                    self.n(satisfaction["callbacks"]),
                ),
            ]
        )
        self.bar_chart(
            pgettext("council report", "Ratings by score"),
            [
                (
                    pgettext("council report", "Score %(score)s") % {"score": self.digits(score)},
                    count,
                    self.n(count),
                )
                for score, count in sorted(satisfaction["distribution"].items(), reverse=True)
            ],
        )

    def supervision(self, data: dict) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.heading(pgettext("council report", "Supervision"), level=1)
        inspections = data["inspections"]
        pdf.key_values(
            [
                (pgettext("council report", "Inspections planned"), self.n(inspections["planned"])),
                (pgettext("council report", "Inspections done"), self.n(inspections["done"])),
                (
                    pgettext("council report", "Inspections cancelled"),
                    self.n(inspections["cancelled"]),
                ),
                (
                    pgettext("council report", "Complaints received"),
                    self.n(data["complaints"]["received"]),
                ),
                (
                    pgettext("council report", "Complaints upheld"),
                    self.n(data["complaints"]["upheld"]),
                ),
            ]
        )
        pdf.heading(pgettext("council report", "Findings by severity"), level=2)
        self.table(
            [pgettext("council report", "Severity"), pgettext("council report", "Findings")],
            [(row["label"], self.n(row["count"])) for row in data["findings"]],
            (120, 60),
        )
        self.bar_chart(
            pgettext("council report", "Findings by severity"),
            [(row["label"], row["count"], self.n(row["count"])) for row in data["findings"]],
        )
        pdf.heading(pgettext("council report", "Complaints by category"), level=2)
        self.table(
            [
                pgettext("council report", "Category"),
                pgettext("council report", "Received"),
                pgettext("council report", "Upheld"),
            ],
            [
                (row["label"], self.n(row["received"]), self.n(row["upheld"]))
                for row in data["complaints"]["by_category"]
            ],
            (100, 40, 40),
        )
        pdf.heading(pgettext("council report", "Sanctions by kind"), level=2)
        self.table(
            [
                pgettext("council report", "Sanction"),
                pgettext("council report", "Proposed in the period"),
            ],
            [(row["label"], self.n(row["count"])) for row in data["sanctions"]],
            (120, 60),
        )

    def treasury(self, data: dict) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.heading(pgettext("council report", "Single treasury account"), level=1)
        flows = [
            (pgettext("council report", "Collected"), data["collected"]),
            (pgettext("council report", "Deposited (bank statements)"), data["deposited"]),
            (pgettext("council report", "Settled to offices"), data["settled"]),
            (pgettext("council report", "Refunded"), data["refunded"]),
        ]
        self.table(
            [
                pgettext("council report", "Flow"),
                pgettext("council report", "Count"),
                pgettext("council report", "Amount"),
            ],
            [(label, self.n(row["count"]), self.rials(row["rials"])) for label, row in flows],
            (70, 40, 70),
        )
        self.bar_chart(
            pgettext("council report", "Money in the period (rials)"),
            [(label, row["rials"], self.rials(row["rials"])) for label, row in flows],
        )
        pdf.heading(pgettext("council report", "Collections by payment channel"), level=2)
        self.table(
            [
                pgettext("council report", "Channel"),
                pgettext("council report", "Payments"),
                pgettext("council report", "Amount"),
            ],
            [
                (row["label"], self.n(row["count"]), self.rials(row["rials"]))
                for row in data["channels"]
            ],
            (70, 40, 70),
        )
        gaps = data["discrepancies"]
        pdf.heading(pgettext("council report", "Reconciliation discrepancies"), level=2)
        pdf.paragraph(
            pgettext(
                "council report",
                "%(count)s bank statement lines of the period did not match the ledger "
                "(%(amount)s); %(open)s of them are not explained yet.",
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
        pdf.heading(pgettext("council report", "The bylaw and the committee's decisions"), level=1)
        pdf.heading(pgettext("council report", "Bylaw versions adopted in the period"), level=2)
        self.table(
            [
                pgettext("council report", "Version"),
                pgettext("council report", "Adopted on"),
                pgettext("council report", "Title"),
            ],
            [
                (self.digits(row["number"]), self.day(row["adopted_on"]), row["label"])
                for row in data["versions"]
            ],
            (25, 45, 110),
        )
        pdf.heading(pgettext("council report", "Decisions adopted in the period"), level=2)
        self.table(
            [
                pgettext("council report", "Number"),
                pgettext("council report", "Date"),
                pgettext("council report", "Subject"),
            ],
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
        footer = pgettext(
            "council report",
            "Council report no. %(number)s · figures SHA-256 %(digest)s… (see the cover)",
        ) % {
            "number": local_digits(str(number), language),
            "digest": digest[:16],
        }
        pdf = PersianPDF(
            title=pgettext("council report", "The city council's oversight report"),
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
