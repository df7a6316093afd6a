"""The verbs, their arguments, and the checks every request passes before any query runs."""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from public.oai import datestamps
from public.oai.errors import OAIError


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


# The syntax of argument values, from the types of the <request> element in OAI-PMH.xsd: a value
# outside it is an illegal argument (badArgument), and could not be echoed in a valid response.
_SPEC_PART = r"[A-Za-z0-9\-_.!~*'()]+"
SYNTAX = {
    "metadataPrefix": (re.compile(rf"^{_SPEC_PART}$"), "a metadata prefix"),
    "set": (re.compile(rf"^{_SPEC_PART}(:{_SPEC_PART})*$"), "a set spec"),
    # An absolute URI (OAI identifiers are "oai:…") of the characters the oai-identifier scheme
    # allows after its prefix (percent-escapes included).
    "identifier": (
        re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:([A-Za-z0-9\-_.!~*'();/?:@&=+$,]|%[0-9A-Fa-f]{2})+"),
        "a URI",
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
    for argument, value in sorted(arguments.items()):
        if argument in SYNTAX and not SYNTAX[argument][0].fullmatch(value):
            raise OAIError("badArgument", f"{argument} {value!r} is not {SYNTAX[argument][1]}.")
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
