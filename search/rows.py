"""The search index's rows: what each kind of record puts in its row, and writing the rows.

Names carry every form a curator recorded — preferred, sort and alternate names of the record's
persons — so "Бухарин", "Boukharine" and "Bucharin" all find the same records.

Rows are built from plain values, a batch at a time (a few queries per batch of 1,000 records,
whatever their relations), and written with one upsert per batch, so that rebuilding the whole
archive and indexing one record after a curator saves it run the same code. The callers
(search.index, search.publications) take the index state's lock and mark the index changed; this
module only writes rows and moves the stored counts with them.
"""

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import connection

from archive import dates, visibility
from archive.kinds import BY_NAME
from archive.models import Document, Event, Person, PersonName, Photograph, Trial
from archive.models.trials import Defendant
from search import counts, dialect
from search.entry import SearchEntry

BATCH_SIZE = 1_000
# Parameters per statement: under SQLite's limit (32,766) and PostgreSQL's (65,535).
MAX_PARAMETERS = 30_000
# The fields every record has that a row is built from; each kind adds its own
# (archive.kinds.RecordKind.index_fields).
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


# The initials of an A–Z list: the Latin alphabet, then the Cyrillic capitals (Russian's first,
# then the other languages'). Anything else files under OTHER_INITIAL.
LATIN_INITIALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CYRILLIC_INITIALS = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ"
OTHER_INITIAL = "#"
# Latin letters that do not decompose into a base letter and an accent.
_LATIN_FOLDS = {"Ł": "L", "Ø": "O", "Đ": "D", "Ð": "D", "Æ": "A", "Œ": "O", "Þ": "T", "SS": "S"}


def sort_initial(text: str) -> str:
    """The letter a sort title files under: its first letter or digit as a capital without
    accents ("Ébert" -> E, "Łódź" -> L, "ёлка" -> Е), Й kept apart from И; "#" for a digit,
    another script or nothing."""
    char = next((c for c in text if c.isalnum()), "")
    if not char:
        return OTHER_INITIAL
    upper = char.upper()
    if upper != "Й":
        upper = unicodedata.normalize("NFKD", upper)[0]
    upper = _LATIN_FOLDS.get(upper, upper)
    if upper in LATIN_INITIALS:
        return upper
    if len(upper) == 1 and "CYRILLIC CAPITAL" in unicodedata.name(upper, ""):
        return upper
    return OTHER_INITIAL


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
    link to them (search.signals; a scheduled person when their time comes, search.publications).
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
    spec = BY_NAME[kind]
    # A person's own row carries their own names whatever their state: the row itself is only
    # found once the person is public (a scheduled person, on time).
    names = NameBook(public_only=False) if kind == "person" else (names or NameBook())
    records = list(spec.model.objects.filter(pk__in=ids).values(*RECORD_FIELDS, *spec.index_fields))
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
        # A person files under the name as an index sorts it (Bukharin, Nikolai Ivanovich).
        sort_title = (record.get("sort_name") or record["title"]).casefold()[:200]
        row = {
            "kind": kind,
            "object_id": pk,
            "slug": record["slug"],
            "title": record["title"],
            "sort_title": sort_title,
            "initial": sort_initial(sort_title),
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

    A direct upsert rather than bulk_create: for many rows the ORM's per-field compilation
    costs more than the database's work (and executemany, a round trip a row, more still).
    """
    if not rows:
        return 0
    field = {f.column: f for f in SearchEntry._meta.concrete_fields}
    now = dialect.current().now
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


def batches(ids: list[int], size: int = BATCH_SIZE) -> Iterator[list[int]]:
    """These ids in batches of `size`, in order."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def write_records(kind: str, ids: Iterable[int], now) -> None:
    """Bring the rows of these records up to date, deleting rows of records now gone, and move
    the stored counts from their old rows to their new ones as public at `now`. The caller holds
    the index state's lock (search.publications.catch_up)."""
    ids = sorted(set(ids))
    names = NameBook()
    before = counts.public_rows(kind, ids, now)
    written: set[int] = set()
    for batch in batches(ids):
        rows = build_rows(kind, batch, names)
        write_rows(rows)
        written.update(row["object_id"] for row in rows)
    missing = set(ids) - written
    if missing:
        SearchEntry.objects.filter(kind=kind, object_id__in=missing).delete()
    counts.apply_change(before, counts.public_rows(kind, ids, now))


def records_linking_person(person_id: int) -> dict[str, set[int]]:
    """The records whose index rows carry this person's names, by kind."""

    def ids(queryset) -> set[int]:
        return set(queryset.values_list("pk", flat=True))

    return {
        "person": {person_id},
        "photograph": ids(Photograph.objects.filter(depicted=person_id))
        | ids(Photograph.objects.filter(photographer=person_id)),
        "document": ids(Document.objects.filter(contributors=person_id)),
        "trial": ids(Trial.objects.filter(defendants__person=person_id))
        | ids(Trial.objects.filter(prosecutor=person_id))
        | ids(Trial.objects.filter(judges=person_id)),
        "event": ids(Event.objects.filter(persons=person_id)),
    }
