"""What each kind of record puts in the search index, and writing it there.

Names carry every form a curator recorded — preferred, sort and alternate names of the record's
persons — so "Бухарин", "Boukharine" and "Bucharin" all find the same records.

Rows are built from plain values, a batch at a time (a few queries per batch of 1,000 records,
whatever their relations), and written with one upsert per batch: the index of a million records
is rebuilt in minutes, and the same code indexes a single record after a curator saves it.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from django.db import connection, reset_queries, transaction
from django.db.models import Exists, Model, OuterRef

from archive import dates, visibility
from archive.models import Document, Event, Person, PersonName, Photograph, Trial
from archive.models.trials import Defendant
from search import counts
from search.cache import catch_up, index_changed
from search.entry import SearchEntry

BATCH_SIZE = 1_000
# Parameters per statement: under SQLite's limit (32,766) and PostgreSQL's (65,535).
MAX_PARAMETERS = 30_000
RECORD_FIELDS = (
    "pk",
    "slug",
    "title",
    "summary",
    "description",
    "language",
    "collection_id",
    "status",
    "published_at",
)


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Model]
    fields: tuple[str, ...]  # the model's own fields the row needs, besides RECORD_FIELDS


KINDS: dict[str, Kind] = {
    "person": Kind(
        "person",
        Person,
        ("sort_name", "birth", "death", "birth_lower", "birth_upper", "death_upper", "portrait_id"),
    ),
    "document": Kind(
        "document",
        Document,
        ("date", "date_lower", "date_upper", "original_title", "transcription"),
    ),
    "photograph": Kind(
        "photograph",
        Photograph,
        ("date", "date_lower", "date_upper", "caption", "alt_text", "image"),
    ),
    "trial": Kind("trial", Trial, ("date", "date_lower", "date_upper", "court", "prosecutor_id")),
    "event": Kind("event", Event, ("date", "date_lower", "date_upper")),
}
MODEL_KINDS = {kind.model: name for name, kind in KINDS.items()}


def _pairs(queryset, left: str, right: str) -> dict[int, list]:
    found: dict[int, list] = defaultdict(list)
    for key, value in queryset.values_list(left, right):
        found[key].append(value)
    return found


def _links(kind: str, ids: list[int]) -> tuple[dict[int, list[int]], dict[int, list[str]]]:
    """Person ids per record (in order), and extra body text per record with the person it is
    about (a defendant's charges), so that text about an unpublished person can be left out."""
    extra: dict[int, list[tuple[int, str]]] = defaultdict(list)
    if kind == "person":
        return {pk: [pk] for pk in ids}, extra
    if kind == "document":
        through = Document.contributors.through.objects.filter(document_id__in=ids)
        return _pairs(through.order_by("position", "pk"), "document_id", "person_id"), extra
    if kind == "photograph":
        through = Photograph.depicted.through.objects.filter(photograph_id__in=ids)
        persons = _pairs(through.order_by("position", "pk"), "photograph_id", "person_id")
        for pk, photographer in Photograph.objects.filter(
            pk__in=ids, photographer__isnull=False
        ).values_list("pk", "photographer_id"):
            persons[pk].append(photographer)
        return persons, extra
    if kind == "trial":
        persons: dict[int, list[int]] = defaultdict(list)
        for trial_id, person_id, charges in (
            Defendant.objects.filter(trial_id__in=ids)
            .order_by("position", "pk")
            .values_list("trial_id", "person_id", "charges")
        ):
            persons[trial_id].append(person_id)
            extra[trial_id].append((person_id, charges))
        judges = Trial.judges.through.objects.filter(trial_id__in=ids)
        for trial_id, person_id in judges.values_list("trial_id", "person_id"):
            persons[trial_id].append(person_id)
        return persons, extra
    through = Event.persons.through.objects.filter(event_id__in=ids)
    return _pairs(through, "event_id", "person_id"), extra


class NameBook:
    """Every recorded name of the public persons, loaded once per rebuild (or batch) and reused.

    Only public persons lend their names and ids to other records' rows: an unpublished person is
    neither found by name nor offered as a facet. Publishing a person reindexes the records that
    link to them (search.signals).
    """

    def __init__(self, *, public_only: bool = True) -> None:
        self.names: dict[int, list[str]] = {}
        self.seen: set[int] = set()
        self.public_only = public_only

    def load(self, person_ids: Iterable[int]) -> None:
        wanted = {pk for pk in person_ids if pk not in self.seen}
        if not wanted:
            return
        self.seen |= wanted
        persons = Person.objects.filter(pk__in=wanted)
        if self.public_only:
            persons = visibility.public(persons)
        for pk, title, sort_name in persons.values_list("pk", "title", "sort_name"):
            self.names[pk] = [n for n in (title, sort_name) if n]
        for pk, name in PersonName.objects.filter(
            person_id__in=self.names.keys() & wanted
        ).values_list("person_id", "name"):
            self.names[pk].append(name)

    def public(self, person_ids: Iterable[int]) -> list[int]:
        return [pk for pk in person_ids if pk in self.names]

    def is_public(self, person_id: int) -> bool:
        return person_id in self.names

    def of(self, person_ids: Iterable[int]) -> list[str]:
        names: dict[str, None] = {}
        for pk in person_ids:
            for name in self.names.get(pk, ()):
                names[name] = None
        return list(names)


def _join(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


def _public_portraits(portrait_ids: set[int]) -> dict[int, str]:
    if not portrait_ids:
        return {}
    photographs = visibility.public(Photograph.objects.filter(pk__in=portrait_ids)).exclude(
        image=""
    )
    return dict(photographs.values_list("pk", "slug"))


def build_rows(kind: str, ids: list[int], names: NameBook | None = None) -> list[dict]:
    """Index rows for these records of one kind (records that no longer exist are skipped)."""
    spec = KINDS[kind]
    # A person's own row carries their own names whatever their state: the row itself is only
    # found once the person is public (a scheduled person, on time).
    names = NameBook(public_only=False) if kind == "person" else (names or NameBook())
    records = list(spec.model.objects.filter(pk__in=ids).values(*RECORD_FIELDS, *spec.fields))
    ids = [r["pk"] for r in records]
    persons, extra = _links(kind, ids)
    trial_prosecutors = {r["pk"]: r["prosecutor_id"] for r in records if r.get("prosecutor_id")}
    for pk, prosecutor in trial_prosecutors.items():
        persons.setdefault(pk, []).append(prosecutor)
    subjects = _pairs(
        spec.model.subjects.through.objects.filter(**{f"{kind}_id__in": ids}),
        f"{kind}_id",
        "subject_id",
    )
    names.load(pk for person_ids in persons.values() for pk in person_ids)
    portraits = _public_portraits({r["portrait_id"] for r in records if r.get("portrait_id")})
    rows = []
    for record in records:
        pk = record["pk"]
        person_ids = names.public(persons.get(pk, []))
        row = {
            "kind": kind,
            "object_id": pk,
            "slug": record["slug"],
            "title": record["title"],
            "sort_title": record["title"].casefold()[:200],
            "names": _join(*names.of(person_ids)),
            "summary": record["summary"],
            "body": _join(
                record.get("original_title"),
                record.get("court"),
                record.get("caption"),
                record.get("alt_text"),
                record["description"],
                *(text for person, text in extra.get(pk, ()) if names.is_public(person)),
                record.get("transcription"),
            ),
            "language": record["language"],
            "collection_id": record["collection_id"],
            "person_ids": sorted(set(person_ids)),
            "subject_ids": sorted(subjects.get(pk, [])),
            "status": record["status"],
            "published_at": record["published_at"],
            "has_image": False,
            "thumbnail_slug": "",
        }
        if kind == "person":
            lower, upper = record["birth_lower"], record["death_upper"] or record["birth_upper"]
            row["date_text"] = dates.life_dates(
                dates.display_text(record["birth"]), dates.display_text(record["death"])
            )
            portrait = portraits.get(record["portrait_id"])
            if portrait:
                row.update(has_image=True, thumbnail_slug=portrait)
        else:
            lower, upper = record["date_lower"], record["date_upper"]
            row["date_text"] = dates.display_text(record["date"])
            if kind == "photograph" and record["image"]:
                row.update(has_image=True, thumbnail_slug=record["slug"])
        row.update(
            date_lower=lower, date_upper=upper, decade=lower.year // 10 * 10 if lower else None
        )
        rows.append(row)
    return rows


COLUMNS = [
    f.column for f in SearchEntry._meta.concrete_fields if f.name not in ("id", "indexed_at")
]


def write_rows(rows: list[dict]) -> int:
    """Insert or update index rows, one multi-row statement per batch; return how many.

    A direct upsert rather than bulk_create: at a million rows the ORM's per-field compilation
    costs more than the database's work (and executemany, a round trip a row, more still).
    """
    if not rows:
        return 0
    field = {f.column: f for f in SearchEntry._meta.concrete_fields}
    now = "now()" if connection.vendor == "postgresql" else "CURRENT_TIMESTAMP"
    row_sql = f"({', '.join(['%s'] * len(COLUMNS))}, {now})"
    updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c not in ("kind", "object_id"))
    per_statement = max(1, MAX_PARAMETERS // len(COLUMNS))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params = [
                field[c].get_db_prep_save(row.get(field[c].attname), connection)
                for row in chunk
                for c in COLUMNS
            ]
            cursor.execute(
                f"INSERT INTO {SearchEntry._meta.db_table} ({', '.join(COLUMNS)}, indexed_at) "  # noqa: S608
                f"VALUES {', '.join([row_sql] * len(chunk))} "
                f"ON CONFLICT (kind, object_id) DO UPDATE SET {updates}, indexed_at = {now}",
                params,
            )
    return len(rows)


def _batches(ids: list[int], size: int = BATCH_SIZE) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def index_records(kind: str, ids: Iterable[int]) -> None:
    """Bring the index rows of these records up to date (deleting rows of records now gone)."""
    ids = sorted(set(ids))
    names = NameBook()
    with transaction.atomic():
        now = catch_up()  # the counts count every row public by now (see catch_up)
        before = counts.public_rows(kind, ids, now)
        written: set[int] = set()
        for batch in _batches(ids):
            rows = build_rows(kind, batch, names)
            write_rows(rows)
            written.update(row["object_id"] for row in rows)
        missing = set(ids) - written
        if missing:
            SearchEntry.objects.filter(kind=kind, object_id__in=missing).delete()
        counts.apply_change(before, counts.public_rows(kind, ids, now))
        index_changed(now)


class ProgressBar(Protocol):
    def __call__(self, count: int) -> None: ...
    def finish(self) -> None: ...


def rebuild_kinds(
    kinds: Iterable[str] | None = None,
    *,
    bar: Callable[[str, int], ProgressBar] | None = None,
) -> int:
    """Reindex every record of these kinds (default: all) in one transaction, with a progress
    bar per kind made by `bar(kind, records)`, and count the index once at the end (a recount
    took ~50 s at a million records: once per kind, a rebuild spent four minutes on them).
    Return the record count."""
    total = 0
    with transaction.atomic():
        for kind in kinds or KINDS:
            progress = bar(kind, KINDS[kind].model.objects.count()) if bar else None
            total += rebuild(kind, progress=progress, count=False)
            reset_queries()  # a long rebuild under DEBUG would keep every statement
            if progress:
                progress.finish()
        recount()
    return total


def rebuild(kind: str, *, progress: Callable[[int], None] | None = None, count: bool = True) -> int:
    """Reindex every record of a kind and drop rows of deleted ones; return the record count.
    Without `count` the stored counts are left for the caller to recount before it commits."""
    model = KINDS[kind].model
    names = NameBook()
    total = 0
    with transaction.atomic():
        catch_up()  # the index state's lock first, as every index writer takes it
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for batch in _batches(ids):
            total += write_rows(build_rows(kind, batch, names))
            if progress:
                progress(len(batch))
        # NOT EXISTS, not NOT IN: PostgreSQL cannot make an anti-join of NOT IN (NULLs), and
        # once the ids outgrew work_mem it compared every row with every id (1M: hours).
        SearchEntry.objects.filter(kind=kind).exclude(
            Exists(model.objects.filter(pk=OuterRef("object_id")))
        ).delete()
        if count:
            recount()
    return total


@transaction.atomic  # holds the index state's lock: no write counts rows meanwhile
def recount() -> None:
    """Count the public index afresh and mark it changed (cached answers expire)."""
    counts.recount(index_changed())


def forget(entries) -> None:
    """Delete these index rows outright (their records are being deleted in bulk) and count the
    index afresh when the transaction commits (the records' own index updates then find their
    rows gone and change no stored count)."""
    catch_up()  # the index state's lock first, as every index writer takes it
    entries.delete()
    transaction.on_commit(recount)
