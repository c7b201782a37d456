"""Issuing under concurrency (PostgreSQL): four workers issuing the same approved file's
document at once make one document, and issuing for different files at once gives distinct,
consecutive numbers — the counter's row lock serialises them."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections

from daftar.cases import services as cases
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.transparency.models.documents import DocumentKind, IssuedDocument
from daftar.transparency.services import documents as services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _approved_files(personas, catalogue, count: int):
    services.outcome_template_adopt(
        actor=Actor.system("test"),
        service=catalogue.service,
        kind=DocumentKind.PERMIT,
        title_fa="پروانه ساختمانی",
        title_en="Building permit",
        paragraphs_fa=["درخواست {citizen_name} در تاریخ {approved_on} تأیید شد."],
        paragraphs_en=["Approved on {approved_on}."],
        effective_from=datetime.date(2025, 1, 1),
    )
    # Approving runs the outcome callback on commit here: empty the table before the race.
    files = []
    for _n in range(count):
        file = open_file(personas, catalogue)
        file = cases.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")
        files.append(
            cases.file_apply_action(
                actor=Actor.for_user(personas.reviewer), file=file, action="approve"
            )
        )
    IssuedDocument.objects.all().delete()
    return files


def _race(targets) -> list[Exception]:
    barrier = threading.Barrier(len(targets))
    errors: list[Exception] = []

    def issue(file):
        try:
            barrier.wait()
            services.document_issue(actor=Actor.system("test"), file=file)
        except Exception as error:  # reported by the caller
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(file,)) for file in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_four_workers_issuing_one_file_make_one_document(personas, catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("row-lock concurrency is tested on PostgreSQL")
    (file,) = _approved_files(personas, catalogue, 1)
    errors = _race([file] * 4)
    assert errors == []
    assert IssuedDocument.objects.filter(file=file).count() == 1


def test_workers_issuing_different_files_take_distinct_consecutive_numbers(personas, catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("row-lock concurrency is tested on PostgreSQL")
    files = _approved_files(personas, catalogue, 3)
    errors = _race(files)
    assert errors == []
    sequences = sorted(
        int(number.split("-")[2])
        for number in IssuedDocument.objects.values_list("number", flat=True)
    )
    assert len(sequences) == 3
    assert sequences == list(range(sequences[0], sequences[0] + 3))
