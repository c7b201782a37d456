"""What treasury shows on other apps' pages (core/panels.py): the file page's payments, each
with its printable receipt, for whoever may see them (`payment_visible_to`)."""

from __future__ import annotations

from daftar.core.panels import Panel, panel
from daftar.treasury import selectors


@panel("cases:file", order=10)
def file_payments(request, *, file) -> Panel | None:
    payments = list(selectors.file_payments_with_receipt(request.user, file))
    if not payments:
        return None
    return Panel("payments", "treasury/_file_payments.html", {"file": file, "payments": payments})
