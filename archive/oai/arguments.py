"""The verbs, their arguments, and the checks every request passes before any query runs."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from archive.oai import datestamps
from archive.oai.errors import OAIError


@dataclass(frozen=True)
class Verb:
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    # Verbs with an exclusive resumptionToken argument (it comes alone, besides the verb).
    resumable: bool = False

    @property
    def allowed(self) -> frozenset[str]:
        token = ("resumptionToken",) if self.resumable else ()
        return frozenset((*self.required, *self.optional, *token))


VERBS: dict[str, Verb] = {
    "Identify": Verb(),
    "ListMetadataFormats": Verb(optional=("identifier",)),
    "ListSets": Verb(resumable=True),
    "GetRecord": Verb(required=("identifier", "metadataPrefix")),
    "ListIdentifiers": Verb(
        required=("metadataPrefix",), optional=("from", "until", "set"), resumable=True
    ),
    "ListRecords": Verb(
        required=("metadataPrefix",), optional=("from", "until", "set"), resumable=True
    ),
}


@dataclass(frozen=True)
class OAIRequest:
    """A request whose verb and argument names are valid; values are checked by each verb."""

    verb: str
    arguments: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return self.arguments.get(name)


def parse_request(params: Iterable[tuple[str, list[str]]]) -> OAIRequest:
    """Check the verb and the argument names of a request (its query string or form body)."""
    given = dict(params)
    verbs = given.pop("verb", [])
    if not verbs:
        raise OAIError("badVerb", "The verb argument is missing.")
    if len(verbs) > 1:
        raise OAIError("badVerb", "The verb argument is repeated.")
    name = verbs[0]
    if name not in VERBS:
        raise OAIError("badVerb", f"{name!r} is not an OAI-PMH verb.")
    verb = VERBS[name]
    for argument, values in sorted(given.items()):
        if argument not in verb.allowed:
            raise OAIError("badArgument", f"{name} takes no argument {argument!r}.")
        if len(values) > 1:
            raise OAIError("badArgument", f"The argument {argument!r} is repeated.")
        if not values[0]:
            raise OAIError("badArgument", f"The argument {argument!r} is empty.")
    arguments = {argument: values[0] for argument, values in given.items()}
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise OAIError(
                "badArgument", "resumptionToken is an exclusive argument: send it alone."
            )
        return OAIRequest(name, arguments)
    for argument in verb.required:
        if argument not in arguments:
            raise OAIError("badArgument", f"{name} needs the argument {argument!r}.")
    return OAIRequest(name, arguments)


def harvest_window(
    from_: str | None, until: str | None
) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """Return the window [start, end) of datestamps that from/until select (None: open)."""
    try:
        start = datestamps.parse(from_) if from_ else None
        end = datestamps.parse(until) if until else None
    except ValueError as exc:
        raise OAIError("badArgument", str(exc)) from None
    if start and end:
        if start.granularity != end.granularity:
            raise OAIError("badArgument", "from and until must have the same granularity.")
        if start.start > end.start:
            raise OAIError("badArgument", "from is later than until.")
    return (start.start if start else None, end.end if end else None)
