"""UTC datestamps in the repository's two granularities (OAI-PMH 2.0, section 3.3).

The repository's granularity is seconds (YYYY-MM-DDThh:mm:ssZ); harvesters may also give days
(YYYY-MM-DD). A bound covers its whole unit: until=2026-11-25 includes all of that day, and
until=2026-11-25T10:00:05Z includes 10:00:05.999.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Literal

Granularity = Literal["day", "second"]
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@dataclass(frozen=True)
class Bound:
    """A from/until argument: the instant its unit starts and the instant after it ends."""

    start: datetime.datetime
    end: datetime.datetime
    granularity: Granularity


def parse(value: str) -> Bound:
    """Parse a from/until value; ValueError when it is neither granularity or no real date."""
    if _DAY.match(value):
        day = datetime.date.fromisoformat(value)
        start = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
        return Bound(start, _after(start, datetime.timedelta(days=1)), "day")
    if _SECOND.match(value):
        start = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
        return Bound(start, _after(start, datetime.timedelta(seconds=1)), "second")
    raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")


def _after(start: datetime.datetime, unit: datetime.timedelta) -> datetime.datetime:
    try:
        return start + unit
    except OverflowError:
        return datetime.datetime.max.replace(tzinfo=datetime.UTC)


def format_datestamp(moment: datetime.datetime) -> str:
    """The datestamp of a moment: UTC, to the second."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
