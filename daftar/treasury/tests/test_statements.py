"""Bank statements: what is read from the CSV and MT940 files, and how bad ones are refused."""

from __future__ import annotations

import datetime
import string
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from daftar.core.errors import InvalidInput
from daftar.treasury.statements import (
    Statement,
    StatementInvalid,
    StatementLine,
    parse_statement,
    statement_to_csv,
)

SAMPLES = Path(__file__).parent / "samples"
SHEBA = "IR110170000000123456789001"
NOV_29 = datetime.date(2025, 11, 29)  # 1404/09/08


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def refusal(data: bytes | str, format: str = "csv") -> StatementInvalid:
    if isinstance(data, str):
        data = data.encode()
    with pytest.raises(StatementInvalid) as caught:
        parse_statement(data, format=format)
    return caught.value


def where(error: StatementInvalid) -> list[tuple[int, str]]:
    return [(e.line_no, e.field) for e in error.errors]


def essentials(statement: Statement) -> list[tuple]:
    """The lines without their numbering, which differs between formats."""
    return [
        (line.value_date, line.amount, line.reference, line.bank_reference, line.description)
        for line in statement.lines
    ]


# --- Daftar CSV ----------------------------------------------------------------------------------

CSV_HEADER = f"""# account,{SHEBA}
# date,1404/09/08
# opening_balance,1000000
# closing_balance,1850000
value_date,amount,reference,bank_reference,description
"""
GOOD_ROW = "1404/09/08,850000,PAY-7K3Q9X,8742233,پرداخت کارتی دفتر T0101"


def test_a_csv_with_persian_digits_spaces_and_a_bom_is_read_in_full():
    # Given a file as a Persian spreadsheet exports it: BOM, Persian digits, grouped amounts
    data = (
        "\ufeff# account,IR۱۱ ۰۱۷۰ ۰۰۰۰ ۰۰۱۲ ۳۴۵۶ ۷۸۹۰ ۰۱\r\n"
        "# date,۱۴۰۴/۰۹/۰۸\r\n"
        '# opening_balance,"۱٬۰۰۰٬۰۰۰"\r\n'
        "# closing_balance,1825000\r\n"
        "value_date,amount,reference,bank_reference,description\r\n"
        '۱۴۰۴/۰۹/۰۸,"۸۵۰٬۰۰۰", PAY-7K3Q9X ,۸۷۴۲۲۳۳,"پرداخت کارتی، دفتر ""مرکزی"""\r\n'
        '2025-11-29,"-25,000",,8742234,کارمزد\r\n'
    ).encode()
    # When it is parsed
    statement = parse_statement(data, format="csv")
    # Then every value is canonical: Sheba, Gregorian dates, signed integer rials
    assert statement == Statement(
        account=SHEBA,
        opening_balance=1_000_000,
        closing_balance=1_825_000,
        statement_date=NOV_29,
        lines=[
            StatementLine(
                6, NOV_29, 850_000, "PAY-7K3Q9X", "8742233", 'پرداخت کارتی، دفتر "مرکزی"'
            ),
            StatementLine(7, NOV_29, -25_000, "", "8742234", "کارمزد"),
        ],
    )


def test_an_iso_statement_date_comments_blank_lines_and_reordered_columns_are_accepted():
    data = f"""# exported by the bank, branch 12
# account,{SHEBA}
# date,2025-11-29

description,amount,value_date,bank_reference,reference
"پرداخت, کارتی",850000,1404/09/08,8742233,PAY-7K3Q9X
# opening_balance,1000000
# closing_balance,1850000
"""
    statement = parse_statement(data.encode(), format="csv")
    assert statement.statement_date == NOV_29
    assert statement.lines == [
        StatementLine(6, NOV_29, 850_000, "PAY-7K3Q9X", "8742233", "پرداخت, کارتی")
    ]


def test_empty_cells_a_spreadsheet_adds_to_pad_rows_are_ignored():
    padded = CSV_HEADER.replace("\n", ",,,\n").replace("description,,,", "description")
    statement = parse_statement((padded + GOOD_ROW + ",,\n").encode(), format="csv")
    assert [line.amount for line in statement.lines] == [850_000]


def test_a_day_without_movements_is_a_statement_with_no_lines():
    data = CSV_HEADER.replace("1850000", "1000000")
    assert parse_statement(data.encode(), format="csv").lines == []


@pytest.mark.parametrize(
    ("row", "field", "says"),
    [
        ("1404/13/01,850000,PAY-1,B1,x", "value_date", "1404/13/01 is not a date"),
        ("yesterday,850000,PAY-1,B1,x", "value_date", "«yesterday» is not a date"),
        ("2025-02-30,850000,PAY-1,B1,x", "value_date", "Gregorian"),
        (",850000,PAY-1,B1,x", "value_date", "missing"),
        ("1404/09/08,850000.5,PAY-1,B1,x", "amount", "fraction"),
        ("1404/09/08,85k,PAY-1,B1,x", "amount", "not a whole number"),
        ('1404/09/08,"85,0000",PAY-1,B1,x', "amount", "not a whole number"),
        ("1404/09/08,0,PAY-1,B1,x", "amount", "zero"),
        ("1404/09/08,,PAY-1,B1,x", "amount", "missing"),
        ("1404/09/08,850000,PAY-1,,x", "bank_reference", "missing"),
        ("1404/09/08,850000,PAY-1,B1", "description", "too short"),
        ("1404/09/08,850000,PAY-1,B1,پرداخت, کارتی", "row", "double quotes"),
    ],
)
def test_each_kind_of_bad_line_is_reported_with_its_line_and_field(row, field, says):
    # Given a balanced file whose only line has one fault; when it is parsed
    error = refusal(CSV_HEADER + row + "\n")
    # Then the refusal names line 6 and the field, and says what is wrong
    assert where(error) == [(6, field)]
    assert says in str(error.errors[0].message)


def test_every_fault_of_one_line_is_reported_not_only_the_first():
    error = refusal(CSV_HEADER + "1404/13/01,12.5,,,x\n")
    assert where(error) == [(6, "value_date"), (6, "amount"), (6, "bank_reference")]


def test_faults_on_several_lines_are_collected_into_one_refusal_and_nothing_is_returned():
    rows = [GOOD_ROW, "1404/09/08,100,,B2,x", "1404/09/08,-101,,B3,x", "bad,1,P,B4,x"]
    error = refusal(CSV_HEADER + "\n".join(rows) + "\n")
    assert where(error) == [(9, "value_date")]
    assert isinstance(error, InvalidInput)
    assert error.as_dict()["code"] == "statement_invalid"
    assert "1 error(s)" in error.render("en")


def test_a_bank_reference_seen_twice_is_refused_naming_the_first_line():
    rows = [GOOD_ROW, "1404/09/08,-100,,8742233,x", "1404/09/08,100,PAY-2,B2,y"]
    error = refusal(CSV_HEADER + "\n".join(rows) + "\n")
    assert where(error) == [(7, "bank_reference")]
    assert "already appears on line 6" in str(error.errors[0].message)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (f"# account,{SHEBA}\n", "", [(0, "account")]),
        (SHEBA, "IR120170000000123456789001", [(1, "account")]),
        ("# date,1404/09/08", "# date,1404/02/32", [(2, "date")]),
        ("# opening_balance,1000000", "# opening_balance,1,000,000", [(3, "opening_balance")]),
        ("# opening_balance,1000000", "# opening_balance", [(3, "opening_balance")]),
        ("# date,1404/09/08\n", "# date,1404/09/08\n# date,1404/09/09\n", [(3, "date")]),
        ("reference,bank_reference", "ref,bank_reference", [(5, "header")]),
        ("value_date,amount,reference,bank_reference,description\n", "", [(5, "header")]),
    ],
)
def test_a_malformed_header_is_refused_naming_the_header_field(old, new, expected):
    assert where(refusal((CSV_HEADER + GOOD_ROW).replace(old, new))) == expected


def test_a_file_with_a_header_but_no_table_is_refused():
    error = refusal(
        CSV_HEADER.replace("1850000", "1000000").replace("value_date,", "# value_date,")
    )
    assert where(error) == [(0, "header")]


def test_an_unbalanced_statement_is_refused_with_both_figures():
    error = refusal(CSV_HEADER.replace("1850000", "1900000") + GOOD_ROW + "\n")
    assert where(error) == [(0, "closing_balance")]
    message = str(error.errors[0].message)
    assert "1,850,000" in message
    assert "1,900,000" in message


def test_a_file_that_is_not_utf8_is_refused():
    error = refusal((CSV_HEADER + GOOD_ROW).encode("utf-16"))
    assert where(error) == [(0, "file")]


def test_refusal_messages_render_in_persian_too():
    error = refusal(CSV_HEADER + "1404/13/01,0,,,x\n")
    with translation.override("fa"):
        assert all(str(e.message) for e in error.errors)


def test_an_unknown_format_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown statement format"):
        parse_statement(b"", format="xlsx")


# --- MT940 ---------------------------------------------------------------------------------------


def test_the_mt940_sample_gives_the_expected_lines_and_balances():
    statement = parse_statement((SAMPLES / "statement.mt940").read_bytes(), format="mt940")
    assert (statement.account, statement.statement_date) == (SHEBA, NOV_29)
    assert (statement.opening_balance, statement.closing_balance) == (1_250_000_000, 1_212_715_000)
    day = NOV_29
    assert statement.lines == [
        StatementLine(1, day, 850_000, "PAY-7K3Q9X", "8742233", "پرداخت کارتی دفتر T0101"),
        StatementLine(
            2,
            day,
            1_200_000,
            "PAY-4M8Z2W",  # NONREF in :61:, so the REF: of the two-line :86: is used
            "8742234",
            "واریز پایا از بانک ملت REF:PAY-4M8Z2W شناسه واریز",
        ),
        StatementLine(3, day, 2_500_000, "PAY-9H2D5T", "8742235", "GATEWAY SETTLEMENT"),
        StatementLine(
            4,
            day,
            -45_000_000,
            "STL-T0101-1404-08",
            "8742236",
            "تسویه سهم دفتر T0101، آبان ۱۴۰۴ شبا مقصد IR490120000000004001234567",
        ),
        StatementLine(5, day, -25_000, "", "8742237", "کارمزد خدمات بانکی"),
        StatementLine(6, day, 3_400_000, "PAY-2B6N1R", "8742238", "REF:PAY-2B6N1R واریز اینترنتی"),
        StatementLine(7, day, -850_000, "PAY-7K3Q9X", "8742239", "برگشت تراکنش 8742233"),
        StatementLine(8, day, 640_000, "PAY-5T1Q8V", "8742240", "پرداخت کارتی دفتر T0214"),
    ]
    assert statement.opening_balance + sum(line.amount for line in statement.lines) == (
        statement.closing_balance
    )


def test_the_csv_and_mt940_samples_describe_the_same_day():
    from_csv = parse_statement((SAMPLES / "statement.csv").read_bytes(), format="csv")
    from_mt940 = parse_statement((SAMPLES / "statement.mt940").read_bytes(), format="mt940")
    assert essentials(from_csv) == essentials(from_mt940)
    assert from_csv.closing_balance == from_mt940.closing_balance


def test_mt940_with_lf_endings_no_envelope_and_trailing_spaces_reads_the_same():
    sample = (SAMPLES / "statement.mt940").read_bytes()
    assert b"\r\n" in sample
    lines = sample.decode().splitlines()[1:-1]  # no "{1:…}{4:" envelope, no "-}"
    bare = "\n".join(line + "   " for line in lines).encode()
    assert parse_statement(bare, format="mt940") == parse_statement(sample, format="mt940")


MT940 = f""":20:T1
:25:{SHEBA}
:28C:1/1
:60F:C251128IRR1000000,00
:61:251129C850000,NTRFPAY-1//B1
:86:one
:62F:C251129IRR1850000,00
"""


def test_debit_and_reversal_marks_give_signed_amounts():
    lines = [
        ":61:251129C850000,NTRFPAY-1//B1",
        ":61:2511291129D300000,NTRFSTL-1//B2",
        ":61:251129RC50000,NTRFPAY-9//B3",
        ":61:251129RD20000,NTRFSTL-0//B4",
    ]
    data = MT940.replace(":61:251129C850000,NTRFPAY-1//B1\n:86:one", "\n".join(lines))
    data = data.replace("1850000,00", "1520000,")
    statement = parse_statement(data.encode(), format="mt940")
    assert [line.amount for line in statement.lines] == [850_000, -300_000, -50_000, 20_000]


@pytest.mark.parametrize(
    ("old", "new", "expected", "says"),
    [
        ("C850000,N", "C850000,50N", [(1, "amount")], "fraction of a rial"),
        ("IRR1000000,00", "IRR1000000,5", [(0, "opening_balance")], "fraction of a rial"),
        ("C850000,N", "C850000.00N", [(1, "amount")], "decimal comma"),
        ("C850000,N", "C850000N", [(1, "amount")], "decimal comma"),
        ("251129C850000", "251332C850000", [(1, "value_date")], "«251332» is not a date"),
        (":62F:C251129", ":62F:C251199", [(0, "closing_balance")], "not a date"),
        (":62F:C251129IRR1850000,00\n", "", [(0, "closing_balance")], "(:62F:) is missing"),
        (":60F:C251128IRR1000000,00\n", "", [(0, "opening_balance")], "(:60F:) is missing"),
        (f":25:{SHEBA}\n", "", [(0, "account")], "(:25:) is missing"),
        (f":25:{SHEBA}", ":25:IR120170000000123456789001", [(0, "account")], "check digits"),
        ("IRR1000000", "USD1000000", [(0, "opening_balance")], "USD"),
        (":60F:", ":60M:", [(0, "opening_balance")], "not supported"),
        ("251129C850000", "251129850000", [(1, "mark")], "C (credit)"),
        (",NTRFPAY-1", ",PAY-1", [(1, "transaction_type")], "NTRF"),
        ("PAY-1//B1", "PAY-1", [(1, "bank_reference")], "missing"),
        (":86:one", ":86:transfer\nREF:PAY-2", [(1, "reference")], "PAY-1 in :61: and PAY-2"),
        ("IRR1850000,00", "IRR1900000,00", [(0, "closing_balance")], "1,850,000"),
        (
            ":62F:C251129IRR1850000,00\n",
            ":62F:C251129IRR1850000,00\n-}\n:20:T2\n",
            [(0, "file")],
            "more than one",
        ),
        (MT940, "Hello, this is not a statement", [(0, "file")], "not an MT940"),
    ],
)
def test_a_bad_mt940_file_is_refused_with_a_clear_error(old, new, expected, says):
    assert old in MT940
    error = refusal(MT940.replace(old, new), format="mt940")
    assert where(error) == expected
    assert says in str(error.errors[0].message)


# --- writing the Daftar CSV ----------------------------------------------------------------------


def test_a_statement_is_written_as_csv_with_jalali_dates_in_ascii_digits():
    statement = Statement(
        SHEBA,
        0,
        850_000,
        NOV_29,
        [
            StatementLine(6, NOV_29, 850_000, "PAY-1", "B1", 'پرداخت، "کارتی", دفتر'),
        ],
    )
    assert statement_to_csv(statement) == (
        f"# account,{SHEBA}\n# date,1404/09/08\n# opening_balance,0\n# closing_balance,850000\n"
        "value_date,amount,reference,bank_reference,description\n"
        '1404/09/08,850000,PAY-1,B1,"پرداخت، ""کارتی"", دفتر"\n'
    )


PERSIAN_TEXT = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءآ ،,\"'۰۱۲۳۴۵۶۷۸۹0123456789\u200c"
references = st.text(string.ascii_uppercase + string.digits + "-", min_size=1, max_size=16)
generated_lines = st.lists(
    st.tuples(
        st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)),
        st.integers(-(10**12), 10**12).filter(bool),
        references,
        references,
        st.text(PERSIAN_TEXT, max_size=60).map(str.strip),
        st.booleans(),
    ),
    max_size=12,
    unique_by=lambda line: line[3],
)


@settings(max_examples=150, deadline=None)
@given(
    opening=st.integers(-(10**13), 10**13),
    statement_date=st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)),
    lines=generated_lines,
)
def test_a_written_statement_reads_back_to_the_same_statement(opening, statement_date, lines):
    # Given any valid statement (debits may lack a reference)
    statement = Statement(
        account=SHEBA,
        opening_balance=opening,
        closing_balance=opening + sum(line[1] for line in lines),
        statement_date=statement_date,
        lines=[
            StatementLine(6 + index, day, amount, "" if amount < 0 and blank else ref, bank, text)
            for index, (day, amount, ref, bank, text, blank) in enumerate(lines)
        ],
    )
    # When it is written as CSV and read back, then nothing has changed
    assert parse_statement(statement_to_csv(statement).encode(), format="csv") == statement


def test_a_credit_without_our_reference_is_kept_for_suspense_not_refused():
    # Given an unidentified deposit (no payment reference); when the statement is parsed
    rows = [GOOD_ROW, "1404/09/08,100,,B2,واریز نامشخص", "1404/09/08,-100,,B3,کارمزد"]
    statement = parse_statement(
        (CSV_HEADER.replace("1850000", "1850000") + "\n".join(rows) + "\n").encode(), format="csv"
    )
    # Then the line is there, with no reference, for the officer to resolve
    assert [(line.reference, line.amount) for line in statement.lines][1] == ("", 100)


# --- reading as a stream -------------------------------------------------------------------------

BOM_CRLF_CSV = (
    "\ufeff# account,IR۱۱ ۰۱۷۰ ۰۰۰۰ ۰۰۱۲ ۳۴۵۶ ۷۸۹۰ ۰۱\r\n# date,۱۴۰۴/۰۹/۰۸\r\n"
    '# opening_balance,"۱٬۰۰۰٬۰۰۰"\r\n# closing_balance,1825000\r\n'
    "value_date,amount,reference,bank_reference,description\r\n"
    '۱۴۰۴/۰۹/۰۸,"۸۵۰٬۰۰۰", PAY-7K3Q9X ,۸۷۴۲۲۳۳,"پرداخت کارتی،\r\nدفتر ""مرکزی"""\r\n'
    '2025-11-29,"-25,000",,8742234,کارمزد\r'
).encode()


def _files():
    yield "csv", (SAMPLES / "statement.csv").read_bytes()
    yield "mt940", (SAMPLES / "statement.mt940").read_bytes()
    yield "csv", BOM_CRLF_CSV
    yield "csv", (CSV_HEADER + "1404/13/01,12.5,,,x\n" + GOOD_ROW + "\n" + GOOD_ROW).encode()
    yield "mt940", MT940.replace(":86:one", ":86:transfer\nREF:PAY-2").encode()
    yield "csv", CSV_HEADER.encode() + "1404/09/08,850000,PAY-۱,B1,پر".encode() + b"\xff\xfe x\n"
    yield "csv", (CSV_HEADER + GOOD_ROW).encode("utf-16")


def _outcome(data: bytes, format: str):
    try:
        return parse_statement(data, format=format)
    except StatementInvalid as refused:
        return [(e.line_no, e.field, str(e.message)) for e in refused.errors]


@pytest.mark.parametrize("chunk", [1, 2, 3, 4, 7, 1 << 20])
def test_a_statement_read_in_pieces_of_any_size_gives_the_same_lines_and_errors(monkeypatch, chunk):
    from daftar.treasury.statements import common

    # Given statements (and refusals) as they read in one piece
    expected = [_outcome(data, format) for format, data in _files()]
    # When the same files are read in pieces of `chunk` bytes
    monkeypatch.setattr(common, "CHUNK_BYTES", chunk)
    # Then the lines, values and errors are the same (a CR LF or a Persian letter may be cut)
    assert [_outcome(data, format) for format, data in _files()] == expected


def test_a_byte_that_is_not_utf8_is_reported_where_the_whole_file_decoder_reports_it():
    data = CSV_HEADER.encode() + "پرداخت".encode()[:-1] + b",x\n"
    with pytest.raises(UnicodeDecodeError) as decoding:
        data.decode("utf-8-sig")
    assert f"position {decoding.value.start})" in str(refusal(data).errors[0].message)
    assert f"position {decoding.value.start})" in str(
        refusal(b"\xef\xbb\xbf" + data).errors[0].message
    )


def test_a_streaming_pass_knows_the_header_count_total_and_sha256_after_the_lines():
    import hashlib
    import io

    from daftar.treasury.statements import read_statement

    data = (SAMPLES / "statement.csv").read_bytes()
    reading = read_statement(io.BytesIO(data), format="csv")
    amounts = [draft.amount for draft in reading.drafts()]
    reading.conclude()
    assert reading.lines == len(amounts) == 8
    assert reading.total == sum(amounts) == reading.closing - reading.opening
    assert reading.sha256 == hashlib.sha256(data).hexdigest()
