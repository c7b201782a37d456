"""The layout of a document a citizen receives (an outcome document or a payment receipt) as a
Persian, right-to-left A4 PDF on `daftar.core.pdf.PersianPDF`.

What the document says (title, paragraphs, the table of facts) is decided by the caller
(services/documents.py); this module only lays it out: a heading, the number and dates in
Persian digits, the paragraphs, a key-value table, and a QR code of the public verification
address with the address and code written beside it for a reader without a camera. The bytes
are deterministic for the same content and `issued_at`, so a document's SHA-256 can be
recomputed.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from daftar.core.numbers import local_digits
from daftar.core.pdf import PersianPDF

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
    labels: dict[str, str]  # "number", "verify", "code": the fixed words, already translated


def render_document_pdf(layout: DocumentLayout) -> bytes:
    pdf = PersianPDF(
        title=layout.title,
        language="fa",
        created_at=layout.issued_at,
        footer_text=f"{layout.labels['number']}: {pdf_digits(layout.number)}",
    )
    pdf.add_page()
    pdf.paragraph(layout.issuer, size=10, muted=True)
    pdf.heading(layout.title, level=1)
    pdf.paragraph(f"{layout.labels['number']}: {pdf_digits(layout.number)}", size=11)
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
    pdf.set_x(pdf.l_margin + QR_SIZE_MM + 4)
    pdf.multi_cell(width, 5.5, layout.verify_url, align="L")
    pdf.set_x(pdf.l_margin + QR_SIZE_MM + 4)
    pdf.multi_cell(
        width, 5.5, f"{layout.labels['code']}: {layout.verification_code}", align=pdf.start
    )
    return pdf.bytes()


def pdf_digits(text: str) -> str:
    """Persian digits for what a Persian reader reads (numbers, dates); codes typed into a
    form (the verification code, the address) stay Latin."""
    return local_digits(text, "fa")
