"""Archival dates: EDTF text -> lower/upper date bounds and a human display.

Curators record dates as EDTF (Library of Congress Extended Date/Time Format, ISO 8601-2):
`1909~/1911~`, `1926-06`, `1938-03-02/1938-03-13`, `192X`. The `edtf` package parses them; this
module turns the parse into what the archive stores and shows: the strict lower and upper calendar
bounds (used for sorting, filtering and facets) and a display such as "c. 1909–1911".
"""

import calendar
import datetime
import functools
import math
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException
from edtf.parser.parser_classes import (
    Date,
    EDTFObject,
    Interval,
    Level1Interval,
    Level2Interval,
    LongYear,
    MultipleDates,
    OneOfASet,
    PartialUncertainOrApproximate,
    Season,
    UncertainOrApproximate,
    Unspecified,
)

EN_DASH = "\u2013"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SEASONS = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}


@dataclass(frozen=True)
class ArchivalDate:
    edtf: str
    lower: datetime.date | None
    upper: datetime.date | None
    display: str


def _struct_to_date(value, edtf_text: str) -> datetime.date | None:
    # Open interval ends ("..") come back as +/- infinity floats: an unbounded side.
    if isinstance(value, float):
        if math.isinf(value):
            return None
        raise ValidationError(f"“{edtf_text}” has a bound that is not a calendar date.")
    year, month, day = value[0], value[1], value[2]
    if not 1 <= year <= 9999:
        raise ValidationError(
            f"“{edtf_text}” lies outside the years 1–9999 that the archive can store.",
            code="out_of_range",
        )
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValidationError(f"“{edtf_text}” is not a real calendar date.") from None


@functools.lru_cache(maxsize=8192)
def parse(text: str) -> ArchivalDate:
    """Parse EDTF text; return its bounds and display, or raise ValidationError saying why not."""
    text = (text or "").strip()
    if not text:
        return ArchivalDate("", None, None, "")
    simple = _parse_simple(text)
    if simple is not None:
        return simple
    if len(text) > 100:
        raise ValidationError("An EDTF date is at most 100 characters.", code="invalid_edtf")
    if "\x00" in text:
        raise ValidationError("An EDTF date cannot contain a NUL character.", code="invalid_edtf")
    try:
        parsed = parse_edtf(text)
    # The edtf package raises AttributeError on some malformed partial dates, e.g. "1984-1X".
    except (EDTFParseException, ValueError, TypeError, IndexError, AttributeError) as exc:
        raise ValidationError(
            "“%(value)s” is not a valid EDTF date. Examples: 1938-03-02, 1926-06, 1909~/1911~ "
            "(circa), 1925? (uncertain), 192X (the 1920s), 1938-03-02/1938-03-13 (a range).",
            code="invalid_edtf",
            params={"value": text},
        ) from exc
    try:
        lower = _struct_to_date(parsed.lower_strict(), text)
        upper = _struct_to_date(parsed.upper_strict(), text)
    except (ValueError, TypeError, OverflowError):
        raise ValidationError(f"“{text}” is not a real calendar date.") from None
    if lower and upper and lower > upper:
        raise ValidationError(
            "The date range “%(value)s” ends before it starts.",
            code="range_reversed",
            params={"value": text},
        )
    return ArchivalDate(text, lower, upper, display(parsed))


# The common forms, parsed without the full grammar -----------------------------------------------
# The edtf package's pyparsing grammar is too slow for a changelist of a hundred records or an
# index of a million. Plain years, months and days, with an optional ~ ? %
# qualifier, and intervals of two of them, are parsed here; everything else goes to the package.
# tests/archive/test_dates.py checks that both ways agree on these forms.

_SIMPLE_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)")


def _simple_end(text: str) -> tuple[datetime.date, datetime.date, str] | None:
    match = _SIMPLE_DATE.fullmatch(text)
    if not match:
        return None
    year_text, month_text, day_text, qualifier = match.groups()
    year = int(year_text)
    if not 1 <= year <= 9999:
        return None
    try:
        if day_text:
            lower = upper = datetime.date(year, int(month_text), int(day_text))
        elif month_text:
            month = int(month_text)
            lower = datetime.date(year, month, 1)
            upper = datetime.date(year, month, calendar.monthrange(year, month)[1])
        else:
            lower, upper = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    except ValueError:
        return None
    shown = _plain_from_string(text.rstrip("~?%"))
    if qualifier in ("~", "%"):
        shown = "c. " + shown
    if qualifier in ("?", "%"):
        shown += "?"
    return lower, upper, shown


def _parse_simple(text: str) -> ArchivalDate | None:
    """Parse the common forms; None means 'ask the full grammar' (including for errors)."""
    parts = text.split("/")
    if len(parts) == 1:
        end = _simple_end(text)
        return ArchivalDate(text, end[0], end[1], end[2]) if end else None
    if len(parts) != 2:
        return None
    start, finish = _simple_end(parts[0]), _simple_end(parts[1])
    if start is None or finish is None or start[0] > finish[1]:
        return None
    return ArchivalDate(text, start[0], finish[1], _range_display(start[2], finish[2]))


def bounds(text: str) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the (lower, upper) bounds of EDTF text; raise ValidationError if it is invalid."""
    value = parse(text)
    return value.lower, value.upper


def display_text(text: str) -> str:
    """The display of EDTF text; invalid text is shown as it was written."""
    try:
        return parse(text or "").display
    except ValidationError:
        return text


def life_dates(born: str, died: str) -> str:
    """'1888–1938', 'born 1931', 'died 1938' or '' from the displays of two dates."""
    if born and died:
        return f"{born}{EN_DASH}{died}"
    if born:
        return f"born {born}"
    if died:
        return f"died {died}"
    return ""


def validate_edtf(text: str) -> None:
    """Form and model validator: raise ValidationError unless text is valid EDTF."""
    parse(text)


# Display -------------------------------------------------------------------------------------


def display(parsed: EDTFObject) -> str:
    """Human text for a parsed EDTF value, e.g. 'c. 1909–1911', 'June 1926', '2–13 March 1938'."""
    if isinstance(parsed, Interval | Level1Interval | Level2Interval):
        return _display_interval(parsed)
    if isinstance(parsed, OneOfASet):
        return "one of " + ", ".join(display(item) for item in parsed.objects)
    if isinstance(parsed, MultipleDates):
        return ", ".join(display(item) for item in parsed.objects)
    prefix, core = _qualifier(parsed)
    return prefix + core


def _qualifier(parsed: EDTFObject) -> tuple[str, str]:
    """Split an approximate/uncertain date into ('c. ', '1925') style parts."""
    if isinstance(parsed, UncertainOrApproximate):
        text = _plain(parsed.date)
        if parsed.ua and parsed.ua.is_uncertain_and_approximate:  # "%"
            return "c. ", text + "?"
        if parsed.ua and parsed.ua.is_approximate:
            return "c. ", text + ("?" if parsed.ua.is_uncertain else "")
        if parsed.ua and parsed.ua.is_uncertain:
            return "", text + "?"
        return "", text
    if isinstance(parsed, PartialUncertainOrApproximate):
        text = str(parsed)
        core = _plain_from_string(text.replace("~", "").replace("?", "").replace("%", ""))
        prefix = "c. " if ("~" in text or "%" in text) else ""
        return prefix, core + ("?" if "?" in text or "%" in text else "")
    return "", _plain(parsed)


def _plain(parsed: EDTFObject) -> str:
    if isinstance(parsed, Unspecified):
        # An unspecified date may carry its own qualifier ("19XX~"); display it like any other.
        text = str(parsed)
        core = _display_unspecified(text.rstrip("~?%"))
        if text.endswith(("~", "%")):
            core = "c. " + core
        return core + ("?" if text.endswith(("?", "%")) else "")
    if isinstance(parsed, Season):
        return f"{SEASONS.get(int(parsed.season), 'Season')} {parsed.year}"
    if isinstance(parsed, LongYear):
        return str(parsed.year)
    if isinstance(parsed, Date):
        return _plain_from_string(str(parsed))
    if isinstance(parsed, UncertainOrApproximate | PartialUncertainOrApproximate):
        prefix, core = _qualifier(parsed)
        return prefix + core
    return str(parsed)


def _plain_from_string(text: str) -> str:
    parts = text.split("-")
    negative = text.startswith("-")
    if negative:
        parts = parts[1:]
        parts[0] = "-" + parts[0]
    year = str(int(parts[0])) if parts[0].lstrip("-").isdigit() else parts[0]
    if negative:
        year = f"{year.lstrip('-')} BCE"
    if len(parts) == 1:
        return year
    month = MONTHS[int(parts[1]) - 1] if parts[1].isdigit() and 1 <= int(parts[1]) <= 12 else ""
    if len(parts) == 2:
        return f"{month} {year}".strip()
    day = str(int(parts[2])) if parts[2].isdigit() else ""
    return f"{day} {month} {year}".strip()


def _display_unspecified(text: str) -> str:
    year = text.split("-")[0]
    if year.endswith("XX") and year[:2].isdigit():
        return f"{int(year[:2]) + 1}th century"
    if year.endswith("X") and year[:3].isdigit():
        return f"{year[:3]}0s"
    if "X" not in year and len(text.split("-")) >= 2:
        # "1938-03-XX" is March 1938; "1938-XX" or "1938-XX-XX" is 1938.
        month = text.split("-")[1]
        return _plain_from_string(f"{year}-{month}") if "X" not in month else year
    return text


def _display_interval(parsed: EDTFObject) -> str:
    lower, upper = parsed.lower, parsed.upper
    return _range_display(_end(lower), _end(upper))


def _range_display(left: str | None, right: str | None) -> str:
    """Join the displays of an interval's two ends ("c. 1909" + "c. 1911" -> "c. 1909–1911")."""
    if left is None and right is None:
        return "date unknown"
    if left is None:
        return f"until {right}"
    if right is None:
        return f"from {left}"
    left_prefix, left_core = _split_circa(left)
    right_prefix, right_core = _split_circa(right)
    # "c. 1909–c. 1911" reads better as "c. 1909–1911" when both ends are approximate.
    if left_prefix and right_prefix:
        return f"c. {_join_range(left_core, right_core)}"
    if right_prefix:
        return f"{left}{EN_DASH}{right}"
    return f"{left_prefix}{_join_range(left_core, right_core)}"


def _end(value) -> str | None:
    text = str(value) if value is not None else ""
    if text in {"", "..", "None"} or getattr(value, "is_open", False):
        return None
    if text in {"unknown"} or getattr(value, "is_unknown", False):
        return "?"
    inner = getattr(value, "date", value)
    if hasattr(value, "ua") or isinstance(value, UncertainOrApproximate):
        return display(value)
    return display(inner)


def _split_circa(text: str) -> tuple[str, str]:
    return ("c. ", text[3:]) if text.startswith("c. ") else ("", text)


def _join_range(left: str, right: str) -> str:
    """'2 March 1938' + '13 March 1938' -> '2–13 March 1938'; shares the common tail."""
    if left == right:
        return left
    left_words, right_words = left.split(" "), right.split(" ")
    if len(left_words) == len(right_words) == 3 and left_words[1:] == right_words[1:]:
        return f"{left_words[0]}{EN_DASH}{right}"
    if len(left_words) == len(right_words) == 3 and left_words[2] == right_words[2]:
        return f"{left_words[0]} {left_words[1]}{EN_DASH}{right}"
    if len(left_words) == len(right_words) == 2 and left_words[1] == right_words[1]:
        return f"{left_words[0]}{EN_DASH}{right}"
    return f"{left}{EN_DASH}{right}"
