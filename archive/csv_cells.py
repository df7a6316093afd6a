"""CSV cells that a spreadsheet will not run: the one rule for every CSV the project writes (the
curators' exports in transfer, the visitors' clipboard in public) and its inverse for reading.

CSV injection (OWASP): a spreadsheet opening a CSV file takes a cell that starts with one of
= + - @ tab or carriage return for a formula and may run it (=HYPERLINK(…), @SUM(…), -1+2).
A CSV export writes such a cell with a leading apostrophe, which spreadsheets show as text;
so does a cell that starts with apostrophes before one of them, so that reading a CSV can take
exactly one apostrophe off again and every cell imports back as it was exported. A plain
negative number (-5, -33.8688: a place's longitude) is no formula and stays as it is.
"""

import re

_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_NEGATIVE_NUMBER = re.compile(r"-\d+(?:\.\d+)?")


def neutralise_formula(value: object) -> object:
    """A cell as a CSV export writes it: text a spreadsheet would take for a formula gets a
    leading apostrophe (OWASP's rule for CSV injection); anything else is left as it is."""
    if (
        isinstance(value, str)
        and _FORMULA_START.match(value)
        and not _NEGATIVE_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def restore_formula(value: object) -> object:
    """A CSV cell as read: the apostrophe neutralise_formula added is taken off."""
    if isinstance(value, str) and value.startswith("'") and _FORMULA_START.match(value, 1):
        return value[1:]
    return value
