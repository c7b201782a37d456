"""What transparency shows on the file page (core/panels.py): the documents issued for the file
(its outcome document and payment receipts) to download or print, for whoever may see them,
with the revocation form for who may revoke."""

from __future__ import annotations

from daftar.core.panels import Panel, panel
from daftar.transparency.selectors.documents import documents_of_file
from daftar.transparency.services.documents import may_revoke


@panel("cases:file", order=20)
def file_documents(request, *, file) -> Panel | None:
    documents = documents_of_file(request.user, file)
    if not documents:
        return None
    for document in documents:
        document.file = file  # the page's file: may_revoke reads its department, no query
    return Panel(
        "documents",
        "transparency/documents/_file_documents.html",
        {
            "documents": [
                {"document": d, "may_revoke": may_revoke(request.user, d)} for d in documents
            ]
        },
    )
