"""EDTF text -> lower/upper bounds and the display shown on record pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from archive import dates

D = datetime.date

# (EDTF, lower, upper, display)
VALID = [
    ("1909~/1911~", D(1909, 1, 1), D(1911, 12, 31), "c. 1909–1911"),
    ("1926-06", D(1926, 6, 1), D(1926, 6, 30), "June 1926"),
    ("1938-03-02/1938-03-13", D(1938, 3, 2), D(1938, 3, 13), "2–13 March 1938"),
    ("1938-03-02/1938-04-13", D(1938, 3, 2), D(1938, 4, 13), "2 March–13 April 1938"),
    (
        "1937-12-30/1938-01-02",
        D(1937, 12, 30),
        D(1938, 1, 2),
        "30 December 1937–2 January 1938",
    ),
    ("1938-03-02/1938-03-02", D(1938, 3, 2), D(1938, 3, 2), "2 March 1938"),
    ("1938/1938", D(1938, 1, 1), D(1938, 12, 31), "1938"),
    ("192X", D(1920, 1, 1), D(1929, 12, 31), "1920s"),
    ("19XX", D(1900, 1, 1), D(1999, 12, 31), "20th century"),
    ("192X?", D(1920, 1, 1), D(1929, 12, 31), "1920s?"),
    ("19XX~", D(1900, 1, 1), D(1999, 12, 31), "c. 20th century"),
    ("1938-03-XX", D(1938, 3, 1), D(1938, 3, 31), "March 1938"),
    ("1938-XX", D(1938, 1, 1), D(1938, 12, 31), "1938"),
    ("1925?", D(1925, 1, 1), D(1925, 12, 31), "1925?"),
    ("1925~", D(1925, 1, 1), D(1925, 12, 31), "c. 1925"),
    ("1925%", D(1925, 1, 1), D(1925, 12, 31), "c. 1925?"),
    ("1938-03~", D(1938, 3, 1), D(1938, 3, 31), "c. March 1938"),
    ("1984?-06", D(1984, 6, 1), D(1984, 6, 30), "June 1984?"),
    ("1931/..", D(1931, 1, 1), None, "from 1931"),
    ("../1938", None, D(1938, 12, 31), "until 1938"),
    ("1938-03-02/..", D(1938, 3, 2), None, "from 2 March 1938"),
    ("1938~/..", D(1938, 1, 1), None, "from c. 1938"),
    ("../..", None, None, "date unknown"),
    ("1938-21", D(1938, 3, 1), D(1938, 5, 31), "Spring 1938"),
    ("1938-22", D(1938, 6, 1), D(1938, 8, 31), "Summer 1938"),
    ("1938-23", D(1938, 9, 1), D(1938, 11, 30), "Autumn 1938"),
    ("1938-24", D(1938, 12, 1), D(1938, 12, 31), "Winter 1938"),
    ("1938-21/1938-24", D(1938, 3, 1), D(1938, 12, 31), "Spring–Winter 1938"),
    ("1938-03-15", D(1938, 3, 15), D(1938, 3, 15), "15 March 1938"),
    ("2000-02-29", D(2000, 2, 29), D(2000, 2, 29), "29 February 2000"),
    ("0001", D(1, 1, 1), D(1, 12, 31), "1"),
    ("9999-12-31", D(9999, 12, 31), D(9999, 12, 31), "31 December 9999"),
    ("{1960,1961-12}", D(1960, 1, 1), D(1961, 12, 31), "1960, December 1961"),
    ("[1667,1668]", D(1667, 1, 1), D(1668, 12, 31), "one of 1667, 1668"),
]


@pytest.mark.parametrize(("text", "lower", "upper", "shown"), VALID)
def test_parse_gives_bounds_and_display(text, lower, upper, shown):
    value = dates.parse(text)

    assert (value.lower, value.upper) == (lower, upper)
    assert value.display == shown
    assert value.edtf == text


@pytest.mark.parametrize(("text", "lower", "upper", "shown"), VALID)
def test_bounds_are_ordered(text, lower, upper, shown):
    low, high = dates.bounds(text)

    assert low is None or high is None or low <= high


def test_surrounding_whitespace_is_ignored():
    assert dates.bounds("  1926-06\n") == (D(1926, 6, 1), D(1926, 6, 30))
    assert dates.parse(" 1926-06 ").edtf == "1926-06"


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_text_has_no_bounds(text):
    value = dates.parse(text)

    assert (value.lower, value.upper, value.display, value.edtf) == (None, None, "", "")
    dates.validate_edtf(text)  # no error


# (EDTF, error code, words the message must contain)
INVALID = [
    ("1938-13-45", "invalid_edtf", "not a valid EDTF date"),
    ("garbage", "invalid_edtf", "not a valid EDTF date"),
    ("1938-02-30", "invalid_edtf", "not a valid EDTF date"),
    ("2000-13", "invalid_edtf", "not a valid EDTF date"),
    ("1938-03-02/1938-03-13/1938", "invalid_edtf", "not a valid EDTF date"),
    ("March 1938", "invalid_edtf", "not a valid EDTF date"),
    # The edtf package raises AttributeError on this one; it must still be a ValidationError.
    ("1984-1X", "invalid_edtf", "not a valid EDTF date"),
    ("1938-03-13/1938-03-02", "range_reversed", "ends before it starts"),
    ("1939/1938", "range_reversed", "ends before it starts"),
    ("Y170000002", "out_of_range", "outside the years 1–9999"),
    ("Y-170000002", "out_of_range", "outside the years 1–9999"),
    ("Y17E7", "out_of_range", "outside the years 1–9999"),
    ("0000", "out_of_range", "outside the years 1–9999"),
    ("-0500", "out_of_range", "outside the years 1–9999"),
    ("1" * 101, "invalid_edtf", "at most 100 characters"),
    ("1938-03-02/" + "1" * 200, "invalid_edtf", "at most 100 characters"),
    ("1938\x00-03", "invalid_edtf", "NUL"),
    ("\x00", "invalid_edtf", "NUL"),
]


@pytest.mark.parametrize(("text", "code", "words"), INVALID)
def test_invalid_text_raises_one_clear_validation_error(text, code, words):
    with pytest.raises(ValidationError) as caught:
        dates.parse(text)

    assert caught.value.code == code
    assert len(caught.value.messages) == 1
    assert words in caught.value.messages[0]


@pytest.mark.parametrize(("text", "code", "words"), INVALID)
def test_validator_and_bounds_refuse_invalid_text(text, code, words):
    with pytest.raises(ValidationError):
        dates.validate_edtf(text)
    with pytest.raises(ValidationError):
        dates.bounds(text)


def test_invalid_message_quotes_the_text_and_gives_examples():
    with pytest.raises(ValidationError) as caught:
        dates.parse("garbage")

    message = caught.value.messages[0]
    assert "“garbage”" in message
    assert "1909~/1911~" in message


def test_reversed_range_message_names_the_range():
    with pytest.raises(ValidationError) as caught:
        dates.parse("1938-03-13/1938-03-02")

    assert caught.value.messages == [
        "The date range “1938-03-13/1938-03-02” ends before it starts."
    ]


def test_a_leap_day_in_a_common_year_is_not_a_calendar_date():
    with pytest.raises(ValidationError, match="not a real calendar date"):
        dates.parse("1938-02-29/1939")


def test_exactly_one_hundred_characters_is_not_refused_for_length():
    text = " " * 90 + "1938-03-02"  # stripped before the length check

    assert dates.parse(text).lower == D(1938, 3, 2)


# A property check without hypothesis: the months and month-end days of sample years (a common
# century year, leap years, ordinary years) parse to bounds that nest as the calendar does.
YEARS = (1900, 1904, 1917, 1938, 2000)


@pytest.mark.parametrize("year", YEARS)
def test_every_month_and_day_of_a_year_lies_within_the_year(year):
    year_lower, year_upper = dates.bounds(f"{year:04d}")
    assert (year_lower, year_upper) == (D(year, 1, 1), D(year, 12, 31))
    for month in range(1, 13):
        month_lower, month_upper = dates.bounds(f"{year:04d}-{month:02d}")
        assert year_lower <= month_lower <= month_upper <= year_upper
        assert month_lower == D(year, month, 1)
        assert (month_upper + datetime.timedelta(days=1)).day == 1
        for day in (month_lower, month_upper):
            assert dates.bounds(day.isoformat()) == (day, day)
        # The day after the month's last day does not exist in that month.
        with pytest.raises(ValidationError):
            dates.parse(f"{year:04d}-{month:02d}-{month_upper.day + 1:02d}")


@pytest.mark.parametrize("year", YEARS)
def test_approximation_and_uncertainty_keep_the_bounds_of_the_plain_date(year):
    plain = dates.bounds(f"{year}")
    for mark in ("~", "?", "%"):
        assert dates.bounds(f"{year}{mark}") == plain
    decade = dates.bounds(f"{str(year)[:3]}X")
    assert decade[0] <= plain[0] <= plain[1] <= decade[1]


@pytest.mark.parametrize("year", YEARS)
def test_an_interval_spans_from_its_start_to_its_end(year):
    lower, upper = dates.bounds(f"{year}-03-02/{year + 3}-11")

    assert lower == D(year, 3, 2)
    assert upper == D(year + 3, 11, 30)


# The fast path for common forms must agree with the full grammar --------------------------------


# The fast path itself, kept before any test replaces it.
fast_path = dates._parse_simple


@pytest.fixture
def grammar_only(monkeypatch):
    """Return a parse() that always goes through the edtf package's grammar, uncached."""
    monkeypatch.setattr(dates, "_parse_simple", lambda text: None)
    return dates.parse.__wrapped__


def outcome(parse, text: str):
    """What parsing gives: the ArchivalDate, or the error's code and messages."""
    try:
        return parse(text)
    except ValidationError as exc:
        return ("error", exc.code, exc.messages)


SIMPLE_FORMS = [
    "1938",
    "0500",
    "1938-03",
    "1938-03-02",
    "1938~",
    "1938?",
    "1938%",
    "1938-03~",
    "1938-03-02?",
    "1938-03-02%",
    "1900-02",
    "1904-02",
    "1909~/1911~",
    "1909~/1911",
    "1909/1911~",
    "1909?/1911?",
    "1938-03-02/1938-03-13",
    "1938-03-02/1938-04-13",
    "1937-12-30/1938-01-02",
    "1938/1938-03",
    "1938-03-13/1938-03",
    "1938-03-02/1938-03-02",
    "1938/1938",
]


@pytest.mark.parametrize("text", SIMPLE_FORMS)
def test_the_fast_path_handles_common_forms_as_the_grammar_does(text, grammar_only):
    fast = fast_path(text)

    assert fast is not None
    assert fast == grammar_only(text)


@pytest.mark.parametrize(
    "text",
    [
        "0000",
        "1938-02-29",
        "1938-13",
        "1938-00",
        "1938-04-31",
        "1939/1938",
        "1938-03-13/1938-03-02",
        "1938/1939/1940",
        "19381",
        "1938-3",
        "1938~~",
    ],
)
def test_the_fast_path_leaves_errors_to_the_grammar(text, grammar_only):
    assert fast_path(text) is None
    assert outcome(dates.parse.__wrapped__, text) == outcome(grammar_only, text)
    assert outcome(dates.parse.__wrapped__, text)[0] == "error"


qualifiers = st.sampled_from(["", "~", "?", "%"])


@st.composite
def simple_ends(draw) -> str:
    """A year, month or day (sometimes not a real one) with an optional qualifier."""
    text = f"{draw(st.integers(0, 9999)):04d}"
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision != "year":
        text += f"-{draw(st.integers(0, 13)):02d}"
    if precision == "day":
        text += f"-{draw(st.integers(0, 32)):02d}"
    return text + draw(qualifiers)


simple_texts = st.one_of(simple_ends(), st.builds("{}/{}".format, simple_ends(), simple_ends()))


@settings(max_examples=150, deadline=None)
@given(text=simple_texts)
def test_fast_path_and_grammar_agree_on_any_simple_form(text):
    fast = fast_path(text)
    full = outcome(dates.parse.__wrapped__, text) if fast is None else None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_parse_simple", lambda text: None)
        grammar = outcome(dates.parse.__wrapped__, text)

    if fast is not None:
        assert fast == grammar
        assert fast.lower <= fast.upper
    else:
        # Anything the fast path declines, the grammar decides alone (usually an error).
        assert full == grammar
