"""English interface, Indonesian figures: the printed plans always use the dot for thousands."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
DATE_FORMAT = "j F Y"
