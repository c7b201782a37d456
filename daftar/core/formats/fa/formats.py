"""Persian number formats: Persian thousands and decimal separators."""

THOUSAND_SEPARATOR = "٬"
DECIMAL_SEPARATOR = "٫"
NUMBER_GROUPING = 3
