"""The layout of a document a citizen receives (an outcome document or a payment receipt) as a
Persian, right-to-left A4 PDF on `daftar.core.pdf.PersianPDF`.

What the document says (title, paragraphs, the table of facts) is decided by the caller
(services/documents.py); this module only lays it out: a heading, the number and dates in
Persian digits, the paragraphs, a key-value table, and a QR code of the public verification
address with the address and code written beside it for a reader without a camera. The bytes
are deterministic for the same content and `issued_at`, so a document's SHA-256 can be
recomputed. A document's number (`DOC-1405-000123-7`) is a code with Latin letters that people
type into the verification page: it stays in Latin digits, as the verification code does, and
is written only where it stands alone (the first row of the table, the footer) — fpdf2's
bidirectional reordering scatters a code of letters, digits and hyphens inside a Persian
sentence. For the same reason a tracking code inside a paragraph is written without hyphens.
Every other number and date is in Persian digits.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from daftar.core.pdf import FONT, PersianPDF

QR_SIZE_MM = 30


@dataclass(frozen=True)
class DocumentLayout:
    title: str
    number: str
    issuer: str  # "Tehran Municipality — Urban planning"
    paragraphs: Sequence[str]
    facts: Sequence[tuple[str, str]]  # (label, value), already in Persian digits
    verify_url: str
    verification_code: str
    issued_at: datetime.datetime
    labels: dict[str, str]  # "verify", "code": the fixed words, already translated


def render_document_pdf(layout: DocumentLayout) -> bytes:
    pdf = PersianPDF(
        title=layout.title,
        language="fa",
        created_at=layout.issued_at,
        footer_text=layout.number,
    )
    pdf.add_page()
    pdf.paragraph(layout.issuer, size=10, muted=True)
    pdf.heading(layout.title, level=1)
    pdf.rule()
    for paragraph in layout.paragraphs:
        pdf.paragraph(paragraph, size=11)
    pdf.ln(2)
    pdf.key_values(layout.facts)
    top = pdf.get_y() + 2
    if top + QR_SIZE_MM > pdf.h - 25:
        pdf.add_page()
        top = pdf.get_y()
    # The QR sits at the page's left (the line's end in Persian); the words beside it say
    # where to check the document without a phone camera.
    pdf.qr_code(layout.verify_url, size=QR_SIZE_MM, x=pdf.l_margin, y=top)
    pdf.set_xy(pdf.l_margin + QR_SIZE_MM + 4, top + 2)
    width = pdf.w - pdf.r_margin - pdf.get_x()
    pdf.multi_cell(width, 5.5, layout.labels["verify"], align=pdf.start)
    # The address and the code read left to right even on a Persian page, each on its own
    # line (inside a Persian line fpdf2 would move the address's final "/" and the code's
    # digits).
    pdf.set_text_shaping(use_shaping_engine=True, direction="ltr")
    pdf.set_x(pdf.l_margin + QR_SIZE_MM + 4)
    pdf.multi_cell(width, 5.5, layout.verify_url, align="L")
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")
    pdf.set_x(pdf.l_margin + QR_SIZE_MM + 4)
    pdf.multi_cell(width, 5.5, f"{layout.labels['code']}:", align=pdf.start)
    pdf.set_text_shaping(use_shaping_engine=True, direction="ltr")
    pdf.set_x(pdf.l_margin + QR_SIZE_MM + 4)
    pdf.set_font(FONT, "B", size=11)
    pdf.multi_cell(width, 6, layout.verification_code, align=pdf.start)
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")
    return pdf.bytes()
