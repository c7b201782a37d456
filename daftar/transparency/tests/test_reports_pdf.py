"""The council report's PDF is Persian that reads back as the words it shows: the text is
extracted (pypdfium2) and compared with known headings and sentences, and page 1 is rendered
to PNG for people (and CI) to look at: $DAFTAR_ARTIFACTS_DIR, or a temporary directory."""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path

import pytest

from daftar.core.tests.pdfread import pdf_text
from daftar.transparency.reports_pdf import render_council_report

ZWNJ = "\u200c"
AT = datetime.datetime(2026, 2, 2, 6, 30, tzinfo=datetime.UTC)  # 13 Bahman 1404, 10:00 Tehran
DIGEST = "3f" * 32

FIGURES = {
    "format": 1,
    "period": {"start": "2025-12-22", "end": "2026-03-20"},
    "cutoff": {"number": 42, "merkle_root": "ab" * 32, "signed_at": "2026-03-20T19:00:00+00:00"},
    "files": {
        "service_mix": [
            {"key": "urban", "label": "شهرسازی و معماری", "count": 20, "percent": "20.0"},
            {"key": "transport", "label": "حمل‌ونقل", "count": 25, "percent": "25.0"},
            {"key": "finance", "label": "مالی و اقتصاد شهری", "count": 55, "percent": "55.0"},
        ],
        "months": [{"label": "دی ۱۴۰۴", "submitted": 100, "completed": 80}],
        "departments": [
            {"label": "معاونت شهرسازی", "completed": 80, "median_days": 4, "p90_days": 9}
        ],
        "services": [{"label": "پروانه ساخت", "completed": 80, "median_days": 4, "p90_days": 9}],
        "sla": [{"label": "معاونت شهرسازی", "completed": 80, "within_sla": 72, "percent": "90.0"}],
        "satisfaction": {
            "ratings": 12,
            "average": "4.25",
            "distribution": {"1": 1, "2": 0, "3": 1, "4": 4, "5": 6},
            "callbacks": 2,
        },
        "districts": [
            {"number": 6, "name": "منطقه ۶", "offices": 3, "files": "40", "sla_percent": "88.5"}
        ],
    },
    "supervision": {
        "inspections": {"planned": 5, "done": 3, "cancelled": 1},
        "findings": [{"severity": "minor", "label": "جزئی", "count": 4}],
        "complaints": {"received": 7, "upheld": 2, "by_category": []},
        "sanctions": [{"kind": "warning", "label": "اخطار کتبی", "count": 1}],
    },
    "treasury": {
        "collected": {"count": 10, "rials": 125_000_000},
        "deposited": {"count": 9, "rials": 120_000_000},
        "settled": {"count": 1, "offices": 2, "rials": 30_000_000},
        "refunded": {"count": 1, "rials": 5_000_000},
        "discrepancies": {"count": 2, "rials": 7_500_000, "unexplained": 1, "by_kind": {}},
        "channels": [],
    },
    "governance": {
        "versions": [],
        "decisions": [
            {
                "number": "1404/12",
                "decided_on": "2026-01-10",
                "kind": "tariff",
                "subject": "تعرفه خدمات شهرسازی",
            }
        ],
    },
}


def render(**kwargs) -> bytes:
    return render_council_report(
        number=kwargs.get("number", 9), figures=FIGURES, digest=DIGEST, created_at=AT
    )


def artifacts_dir() -> Path:
    configured = os.environ.get("DAFTAR_ARTIFACTS_DIR")
    path = Path(configured) if configured else Path(tempfile.gettempdir()) / "daftar-artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_the_report_reads_back_as_the_persian_it_shows():
    text = pdf_text(render()).replace(ZWNJ, "")

    for expected in (
        "گزارش نظارتی شورای شهر",
        "دفاتر خدمات الکترونیک شهر تهران",
        "پروندهها و ترکیب خدمات",  # the ZWNJ of پرونده‌ها is dropped by pdfium
        "در این دوره ۱۰۰ پرونده ثبت شد.",
        "شهرسازی و معماری ۲۰ ۲۰٫۰٪",
        "رضایت شهروندان",
        "حساب واحد خزانه",
        "تعرفه خدمات شهرسازی",
        "مصوبات دوره",
    ):
        assert expected in text, expected


def test_the_cover_names_the_period_in_jalali_the_cut_off_and_the_hashes():
    text = pdf_text(render())

    assert "از ۱ دی ۱۴۰۴ تا ۲۹ اسفند ۱۴۰۴" in text
    assert "۱۴۰۴/۱۱/۱۳ ۱۰:۰۰" in text  # generated at, Tehran time
    assert "ab" * 32 in text  # the cut-off's Merkle root
    assert DIGEST in text  # the figures' SHA-256
    assert "نقطه وارسی ممیزی در پایان دوره ۴۲" in text


def test_every_page_has_the_footer_with_the_report_number_hash_and_persian_page_number():
    import pypdfium2

    content = render(number=9)
    document = pypdfium2.PdfDocument(content)
    try:
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()

    assert len(pages) >= 5
    persian = "۰۱۲۳۴۵۶۷۸۹"
    for number, page in enumerate(pages, start=1):
        # The footer is the page's last line; pdfium gives a line that mixes Persian with the
        # Latin hash in visual order, so compare its words, not their order.
        footer = set(page.replace("\r", "").split("\n")[-1].split())
        assert {"گزارش", "شورا", "شماره", "۹", "ارقام"} <= footer
        assert any(DIGEST[:16] in word for word in footer)
        assert "".join(persian[int(d)] for d in str(number)) in footer


def test_the_same_figures_and_time_give_the_same_bytes_and_other_figures_do_not():
    assert render() == render()
    assert render(number=10) != render()


def test_page_one_renders_to_a_png_kept_as_an_artifact():
    import pypdfium2

    document = pypdfium2.PdfDocument(render())
    try:
        image = document[0].render(scale=1.5).to_pil()
    finally:
        document.close()
    path = artifacts_dir() / "council-report-page-1.png"
    image.save(path)

    assert path.stat().st_size > 10_000
    # Right to left: the title's ink reaches the right margin, not only the left half.
    gray = image.convert("L")
    width, height = gray.size
    band = range(height // 8, height // 5)
    title_band = [x for x in range(width) for y in band if gray.getpixel((x, y)) < 100]
    assert title_band
    assert max(title_band) > width * 0.75


@pytest.mark.parametrize("language", ["en"])
def test_the_report_can_be_written_in_english_too(language):
    content = render_council_report(
        number=9, figures=FIGURES, digest=DIGEST, created_at=AT, language=language
    )

    text = pdf_text(content)
    assert "Files and the service mix" in text
    assert "2025-12-22" not in text  # dates are written out, not as ISO strings
    assert "22 December 2025 to 20 March 2026" in text
