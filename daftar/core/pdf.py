"""PDF documents in Persian (right to left, shaped) or English, with no system libraries.

fpdf2 writes the PDF; uharfbuzz (a wheel from PyPI) shapes the Persian text, so letters join
and the bidirectional order is right; the Vazirmatn TrueType faces are vendored beside the web
font (scripts/vendor_assets.sh). Council reports and the documents citizens receive are built
on `PersianPDF`; it only lays text out, what a document says is decided by its caller.

Output is deterministic: the same content and `created_at` give the same bytes (fpdf2 derives
the file identifier from the content and the creation date), so a document's hash can be
recomputed and compared. Tests read a PDF's text back with `daftar.core.tests.pdfread`.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import Align, TableCellFillMode, XPos, YPos
from fpdf.fonts import FontFace

from daftar.core.numbers import local_digits

FONT_DIR = Path(__file__).resolve().parent / "static" / "vendor" / "vazirmatn" / "fonts" / "ttf"
FONT = "Vazirmatn"
INK = (17, 17, 17)
MUTED = (90, 90, 90)
RULE = (200, 200, 200)
HEADING_FILL = (235, 239, 244)


class PersianPDF(FPDF):
    """An A4 document in `language` ("fa" lays out right to left) with a running footer that
    names the document and numbers the pages in the language's digits."""

    def __init__(
        self,
        *,
        title: str,
        language: str = "fa",
        created_at: datetime.datetime,
        footer_text: str = "",
    ) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.language = language
        self.rtl = language == "fa"
        self.footer_text = footer_text
        self.add_font(FONT, "", str(FONT_DIR / "Vazirmatn-Regular.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "Vazirmatn-Bold.ttf"))
        if self.rtl:
            self.set_text_shaping(
                use_shaping_engine=True, direction="rtl", script="arab", language="fas"
            )
        else:
            self.set_text_shaping(use_shaping_engine=True, direction="ltr")
        self.set_title(title)
        self.set_lang(language)
        self.set_creator("Daftar")
        self.set_creation_date(created_at)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_font(FONT, size=10)
        self.set_text_color(*INK)

    # --- layout helpers -------------------------------------------------------------------
    @property
    def start(self) -> Align:
        """The alignment where a line starts: right in Persian, left in English."""
        return Align.R if self.rtl else Align.L

    def digits(self, value: object) -> str:
        return local_digits(str(value), self.language)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        page = self.digits(self.page_no())
        self.cell(0, 6, self.footer_text, align=self.start)
        self.set_x(self.l_margin)
        self.cell(0, 6, page, align=Align.L if self.rtl else Align.R)
        self.set_text_color(*INK)

    def heading(self, text: str, *, level: int = 1) -> None:
        sizes = {1: 16, 2: 13, 3: 11}
        self.set_font(FONT, "B", size=sizes.get(level, 11))
        self.multi_cell(0, sizes.get(level, 11) * 0.55, text, align=self.start)
        self.ln(1.5)
        self.set_font(FONT, size=10)

    def paragraph(self, text: str, *, size: float = 10, muted: bool = False) -> None:
        self.set_font(FONT, size=size)
        if muted:
            self.set_text_color(*MUTED)
        self.multi_cell(0, size * 0.55, text, align=self.start)
        self.set_text_color(*INK)
        self.ln(1)

    def key_values(self, rows: Sequence[tuple[str, str]]) -> None:
        """A two-column table of labels and values (label at the line's start)."""
        self.table_rows(headings=None, rows=rows, col_widths=(35, 65))

    def table_rows(
        self,
        *,
        headings: Sequence[str] | None,
        rows: Sequence[Sequence[object]],
        col_widths: Sequence[float] | None = None,
    ) -> None:
        """A table whose first column is at the line's start (the right in Persian); cells are
        shown as given (format numbers and dates before, in the document's language)."""

        def ordered(cells: Sequence[object]) -> list[str]:
            texts = [str(cell) for cell in cells]
            return texts[::-1] if self.rtl else texts

        widths = None
        if col_widths is not None:
            widths = tuple(col_widths[::-1] if self.rtl else col_widths)
        self.set_font(FONT, size=9)
        self.set_draw_color(*RULE)
        with self.table(
            col_widths=widths,
            text_align=self.start,
            first_row_as_headings=headings is not None,
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
            cell_fill_mode=TableCellFillMode.NONE,
            line_height=5.5,
            padding=1.2,
        ) as table:
            if headings is not None:
                table.row(ordered(headings))
            for cells in rows:
                table.row(ordered(cells))
        self.ln(3)
        self.set_font(FONT, size=10)

    def qr_code(self, data: str, *, size: float = 28, x: float | None = None, y=None) -> None:
        """A QR code of `data`, `size` mm square, at (x, y) or at the current position."""
        image = io.BytesIO()
        segno.make(data, error="m").save(image, kind="png", scale=6, border=2)
        image.seek(0)
        self.image(image, x=x, y=y, w=size, h=size)

    def rule(self) -> None:
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def new_line(self) -> None:
        self.set_xy(self.l_margin, self.get_y())

    def bytes(self) -> bytes:
        return bytes(self.output())


__all__ = ["FONT", "PersianPDF", "XPos", "YPos"]
