import logging

from daftar.core.logging import MaskIdentifiersFilter, mask_identifiers, mask_national_code


def test_national_codes_and_mobiles_are_masked_in_log_text():
    text = "citizen 0499370899 mobile 09121234567 canonical +989121234567 legal 10101234567"
    masked = mask_identifiers(text)
    assert "0499370899" not in masked
    assert "9121234567" not in masked
    assert "10101234567" not in masked
    assert "049****899" in masked


def test_the_log_filter_masks_formatted_arguments():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "sign-in by %s", ("0499370899",), None
    )
    MaskIdentifiersFilter().filter(record)
    assert record.getMessage() == "sign-in by 049****899"


def test_mask_national_code_keeps_three_digits_each_side():
    assert mask_national_code("0499370899") == "049****899"
