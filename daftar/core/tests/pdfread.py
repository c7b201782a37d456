"""Reading a PDF back in tests (pypdfium2 is a development dependency: the app never reads
PDFs)."""

from __future__ import annotations

import pypdfium2


def pdf_text(content: bytes) -> str:
    """The text of a PDF in logical (reading) order, page after page: how a test proves the
    Persian was shaped and stored as the words it shows."""
    document = pypdfium2.PdfDocument(content)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
