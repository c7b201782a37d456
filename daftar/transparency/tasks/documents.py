"""Transparency background jobs: documents citizens receive: outcome documents of approved files
and receipts, numbered, verifiable by QR, revocable.

Cases calls `file_approved` / `file_paid` after the transaction that approved or paid a file
commits (`daftar.cases.outcomes`, registered in `TransparencyConfig.ready()`); each queues a job,
so rendering the PDF never slows the reviewer's click and a failure never undoes an approval.
A service with no outcome template issues nothing (a receipt is issued for every payment).
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from daftar.cases.selectors import file_approved_at, files_among
from daftar.core.actors import Actor
from daftar.transparency.selectors.documents import template_in_force
from daftar.transparency.services import documents as services

logger = logging.getLogger(__name__)
ACTOR = "documents"


@task()
def issue_outcome_document(file_id: int) -> str | None:
    file = files_among([file_id]).select_related("department", "citizen", "office").first()
    approved_at = file_approved_at(file) if file is not None else None
    if approved_at is None:
        return None
    if template_in_force(file.service, timezone.localdate(approved_at)) is None:
        logger.info("file %s: service %s has no outcome template", file_id, file.service.code)
        return None
    return services.document_issue(actor=Actor.system(ACTOR), file=file).number


@task()
def issue_receipt_documents(file_id: int) -> list[str]:
    file = files_among([file_id]).select_related("department", "citizen", "office").first()
    if file is None:
        return []
    documents = services.receipt_documents_issue(actor=Actor.system(ACTOR), file=file)
    return [document.number for document in documents]


def file_approved(file_id: int) -> None:
    issue_outcome_document.enqueue(file_id)


def file_paid(file_id: int) -> None:
    issue_receipt_documents.enqueue(file_id)
