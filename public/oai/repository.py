"""What the repository holds for harvesters: record kinds, identifiers, sets, datestamps, and
pages of records found by keyset.

A harvester sees every public record (archive.visibility.public_q) and, as a deleted record, every
record withdrawn after it had been public (visibility.formerly_public_q). Drafts, records in
review and records scheduled for later never appear, not even as headers.

A record's datestamp is its last modification: the later of `updated_at` and `published_at`, so
a scheduled record enters incremental harvests when it becomes public, not when it was saved.

Lists run kind by kind, in the order of the registry (archive.kinds), and by primary key within
a kind: a page is `pk > last` with a LIMIT, one range scan per kind, so a whole harvest is
linear in the size of the archive.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Min, Q, QuerySet
from django.db.models.functions import Greatest

from archive.kinds import BY_NAME, KINDS, RecordKind
from archive.models import Collection, Record, Status
from archive.visibility import formerly_public_q, public_q
from public.oai.errors import OAIError
from public.oai.tokens import Harvest, Position

# A kind's number in resumption tokens: its position in the registry (archive.kinds), which
# lists new kinds at the end.
NUMBERS: dict[str, int] = {kind.name: number for number, kind in enumerate(KINDS)}

Prepare = Callable[[RecordKind, QuerySet], QuerySet]


# -- identifiers --------------------------------------------------------------------------------


def repository_identifier() -> str:
    return settings.OAI_REPOSITORY_IDENTIFIER


def identifier(kind: RecordKind, pk: int) -> str:
    """oai:<repository>:<kind>/<pk>: primary keys, so a renamed record keeps its identifier."""
    return f"oai:{repository_identifier()}:{kind.name}/{pk}"


def parse_identifier(value: str) -> tuple[RecordKind, int]:
    """Return the kind and primary key an identifier names, or idDoesNotExist."""
    prefix = f"oai:{repository_identifier()}:"
    kind_name, _, pk = value.removeprefix(prefix).partition("/")
    if not value.startswith(prefix) or kind_name not in BY_NAME or not pk.isdigit():
        raise OAIError("idDoesNotExist", f"There is no item {value!r} in this repository.")
    return BY_NAME[kind_name], int(pk)


# -- sets ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OAISet:
    spec: str
    name: str
    description: str = ""


def all_sets() -> list[OAISet]:
    """The set hierarchy: "kind" with one set per kind, "collection" with one per collection."""
    sets = [OAISet("kind", "Records by kind")]
    sets += [OAISet(f"kind:{kind.name}", kind.label_plural) for kind in KINDS]
    sets.append(OAISet("collection", "Records by collection"))
    sets += [
        OAISet(f"collection:{slug}", title, description)
        for slug, title, description in Collection.objects.order_by("slug").values_list(
            "slug", "title", "description"
        )
    ]
    return sets


def set_specs(kind: RecordKind, record: Record) -> list[str]:
    """The sets a record belongs to (the collection needs `collection` selected with it)."""
    specs = [f"kind:{kind.name}"]
    if record.collection_id:
        specs.append(f"collection:{record.collection.slug}")
    return specs


def _set_condition(kind: RecordKind, set_spec: str | None) -> Q | None:
    """The condition a set puts on one kind's records; None when the kind is not in it (an
    unknown set holds nothing, which the list verbs answer with noRecordsMatch)."""
    if set_spec is None or set_spec == "kind":
        return Q()
    family, _, name = set_spec.partition(":")
    if family == "kind" and name:
        return Q() if name == kind.name else None
    if set_spec == "collection":
        return Q(collection__isnull=False)
    if family == "collection" and name:
        return Q(collection__slug=name)
    return None


# -- what harvesters see ------------------------------------------------------------------------


def harvestable(kind: RecordKind) -> QuerySet:
    """Every record of a kind that harvesters see, with its `datestamp`."""
    return (
        kind.model.objects.filter(public_q() | formerly_public_q())
        .annotate(datestamp=Greatest("updated_at", "published_at"))
        .order_by("pk")
    )


def is_deleted(record: Record) -> bool:
    return record.status == Status.WITHDRAWN


def selection(kind: RecordKind, harvest: Harvest) -> QuerySet | None:
    """The records of one kind that a harvest selects, or None when the kind is not in its set."""
    condition = _set_condition(kind, harvest.set_spec)
    if condition is None:
        return None
    records = harvestable(kind).filter(condition, datestamp__lt=harvest.end)
    if harvest.start:
        records = records.filter(datestamp__gte=harvest.start)
    return records


def count(harvest: Harvest) -> int:
    """The complete list size of a harvest (counted once, when it starts)."""
    return sum(
        records.count() for kind in KINDS if (records := selection(kind, harvest)) is not None
    )


def page(
    harvest: Harvest, position: Position | None, size: int, prepare: Prepare
) -> tuple[list[tuple[RecordKind, Record]], Position | None]:
    """The next `size` records after `position`, and the position after them (None at the end).

    One query per kind reached (plus what `prepare` prefetches), whatever the position.
    """
    found: list[tuple[RecordKind, Record]] = []
    first_kind = position.kind if position else 0
    for kind in KINDS[first_kind:]:
        records = selection(kind, harvest)
        if records is None:
            continue
        if position and NUMBERS[kind.name] == position.kind:
            records = records.filter(pk__gt=position.pk)
        # One record more than the page holds tells whether another page follows.
        wanted = size + 1 - len(found)
        found += [(kind, record) for record in prepare(kind, records)[:wanted]]
        if len(found) > size:
            break
    if len(found) <= size:
        return found, None
    found = found[:size]
    last_kind, last = found[-1]
    cursor = (position.cursor if position else 0) + size
    return found, Position(NUMBERS[last_kind.name], last.pk, cursor)


def find(kind: RecordKind, pk: int, prepare: Prepare) -> Record | None:
    """One record a harvester may see, or None."""
    return prepare(kind, harvestable(kind).filter(pk=pk)).first()


def earliest_datestamp() -> datetime.datetime | None:
    """The oldest datestamp of any record harvesters see (None in an empty repository)."""
    stamps = [
        harvestable(kind).order_by().aggregate(earliest=Min("datestamp"))["earliest"]
        for kind in KINDS
    ]
    return min((stamp for stamp in stamps if stamp), default=None)


def headers_only(kind: RecordKind, records: QuerySet) -> QuerySet:
    """What a header needs: identifier, datestamp, status and the collection's slug."""
    return records.select_related("collection").only(
        "pk", "status", "updated_at", "published_at", "collection__slug"
    )
