"""Resumption tokens: the state of a list request, signed so that a forged or altered token is
refused (badResumptionToken) and timed so that it expires after OAI_TOKEN_LIFETIME seconds.

A token holds the harvest (verb, format, set, datestamp window, the list's size) and the keyset
position after the last record sent (kind, primary key), so each page is one indexed range scan
per kind however deep the harvest goes.
"""

import datetime
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone

from public.oai.errors import OAIError

SALT = "public.oai.resumption-token"


@dataclass(frozen=True)
class Harvest:
    """What a list request selects. `end` is fixed when the harvest starts, so records changed
    while it goes on are left to the next incremental harvest instead of shifting pages."""

    verb: str
    prefix: str
    set_spec: str | None
    start: datetime.datetime | None
    end: datetime.datetime
    total: int


@dataclass(frozen=True)
class Position:
    """Where the next page starts: after record `pk` of kind number `kind`; `cursor` records
    have been sent before it."""

    kind: int
    pk: int
    cursor: int


def lifetime() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.OAI_TOKEN_LIFETIME)


def issue(harvest: Harvest, position: Position) -> tuple[str, datetime.datetime]:
    """Return a signed token for the page at `position` and the moment it expires."""
    payload = {
        **asdict(harvest),
        "start": harvest.start.isoformat() if harvest.start else None,
        "end": harvest.end.isoformat(),
        "position": [position.kind, position.pk, position.cursor],
    }
    token = signing.dumps(payload, salt=SALT, compress=True)
    return token, timezone.now() + lifetime()


def read(token: str, verb: str) -> tuple[Harvest, Position]:
    """Return the harvest and position of a token issued for this verb, or badResumptionToken."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=lifetime())
    except signing.SignatureExpired:
        raise OAIError("badResumptionToken", "The resumption token has expired.") from None
    except signing.BadSignature:
        raise OAIError("badResumptionToken", "The resumption token is not valid.") from None
    try:
        kind, pk, cursor = payload.pop("position")
        harvest = Harvest(
            **{
                **payload,
                "start": datetime.datetime.fromisoformat(payload["start"])
                if payload["start"]
                else None,
                "end": datetime.datetime.fromisoformat(payload["end"]),
            }
        )
        position = Position(int(kind), int(pk), int(cursor))
    except (KeyError, TypeError, ValueError):
        raise OAIError("badResumptionToken", "The resumption token is not valid.") from None
    if harvest.verb != verb:
        raise OAIError("badResumptionToken", f"The resumption token is not one for {verb}.")
    return harvest, position
