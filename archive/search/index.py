"""What each kind of record puts in the search index, and writing it there.

Each kind has one function that turns a batch of records (with their relations prefetched) into
index rows. Names carry every form a curator recorded — preferred, sort and alternate names of the
record's persons — so "Бухарин", "Boukharine" and "Bucharin" all find the same records.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model, Prefetch, QuerySet

from archive.models import Document, Event, Person, PersonName, Photograph, Trial
from archive.search.entry import SearchEntry

BATCH_SIZE = 500
_names = Prefetch("alternate_names", queryset=PersonName.objects.only("person_id", "name"))


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Model]
    prefetch: tuple


KINDS: dict[str, Kind] = {
    "person": Kind("person", Person, (_names, "subjects", "portrait")),
    "document": Kind(
        "document",
        Document,
        (Prefetch("contributors__alternate_names"), "contributors", "subjects"),
    ),
    "photograph": Kind(
        "photograph",
        Photograph,
        ("depicted", "depicted__alternate_names", "photographer", "subjects"),
    ),
    "trial": Kind(
        "trial",
        Trial,
        (
            "defendants__person__alternate_names",
            "prosecutor__alternate_names",
            "judges__alternate_names",
            "subjects",
        ),
    ),
    "event": Kind("event", Event, ("persons", "persons__alternate_names", "subjects")),
}
MODEL_KINDS = {kind.model: name for name, kind in KINDS.items()}


def _person_names(person: Person | None) -> list[str]:
    if person is None:
        return []
    names = [person.title, person.sort_name]
    names += [n.name for n in person.alternate_names.all()]
    return [n for n in names if n]


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _decade(record) -> int | None:
    lower = getattr(record, "date_lower", None)
    return lower.year // 10 * 10 if lower else None


def _values(record, kind: str, *, persons: list[Person], names: list[str], body: str) -> dict:
    person_ids = [p.pk for p in persons if p is not None]
    return {
        "kind": kind,
        "object_id": record.pk,
        "slug": record.slug,
        "title": record.title,
        "sort_title": record.title.casefold()[:200],
        "names": _join(*dict.fromkeys(names)),
        "summary": record.summary,
        "body": body,
        "language": record.language,
        "collection_id": record.collection_id,
        "subject_ids": [s.pk for s in record.subjects.all()],
        "person_ids": person_ids,
        "status": record.status,
        "published_at": record.published_at,
    }


def _person_row(person: Person) -> dict:
    row = _values(
        person,
        "person",
        persons=[person],
        names=_person_names(person),
        body=_join(person.description),
    )
    row.update(
        date_lower=person.birth_lower,
        date_upper=person.death_upper or person.birth_upper,
        decade=person.birth_lower.year // 10 * 10 if person.birth_lower else None,
        date_text=person.life_dates,
    )
    portrait = person.portrait
    if portrait is not None and portrait.image and portrait.is_public:
        row.update(has_image=True, thumbnail_slug=portrait.slug)
    else:
        row.update(has_image=False, thumbnail_slug="")
    return row


def _dated(row: dict, record) -> dict:
    row.update(
        date_lower=record.date_lower,
        date_upper=record.date_upper,
        decade=_decade(record),
        date_text=record.date_text,
        has_image=False,
        thumbnail_slug="",
    )
    return row


def _document_row(document: Document) -> dict:
    persons = list(document.contributors.all())
    names = [n for p in persons for n in _person_names(p)]
    body = _join(document.original_title, document.description, document.transcription)
    return _dated(_values(document, "document", persons=persons, names=names, body=body), document)


def _photograph_row(photograph: Photograph) -> dict:
    persons = [*photograph.depicted.all(), photograph.photographer]
    names = [n for p in persons for n in _person_names(p)]
    body = _join(photograph.caption, photograph.alt_text, photograph.description)
    row = _dated(
        _values(photograph, "photograph", persons=persons, names=names, body=body), photograph
    )
    if photograph.image:
        row.update(has_image=True, thumbnail_slug=photograph.slug)
    return row


def _trial_row(trial: Trial) -> dict:
    defendants = list(trial.defendants.all())
    persons = [d.person for d in defendants] + [trial.prosecutor, *trial.judges.all()]
    names = [n for p in persons for n in _person_names(p)]
    body = _join(trial.court, trial.description, *(d.charges for d in defendants))
    return _dated(_values(trial, "trial", persons=persons, names=names, body=body), trial)


def _event_row(event: Event) -> dict:
    persons = list(event.persons.all())
    names = [n for p in persons for n in _person_names(p)]
    return _dated(
        _values(event, "event", persons=persons, names=names, body=event.description), event
    )


ROW_BUILDERS = {
    "person": _person_row,
    "document": _document_row,
    "photograph": _photograph_row,
    "trial": _trial_row,
    "event": _event_row,
}
UPDATE_FIELDS = [
    f.name
    for f in SearchEntry._meta.concrete_fields
    if f.name not in ("id", "kind", "object_id", "indexed_at")
]


def rows_for(kind: str, queryset: QuerySet) -> Iterator[dict]:
    """Index rows for the records of one kind, prefetching relations batch by batch."""
    builder = ROW_BUILDERS[kind]
    queryset = queryset.select_related(None).prefetch_related(*KINDS[kind].prefetch)
    for record in queryset.order_by("pk").iterator(chunk_size=BATCH_SIZE):
        yield builder(record)


def write_rows(rows: Iterable[dict]) -> int:
    """Insert or update index rows; return how many were written."""
    entries = [SearchEntry(**row) for row in rows]
    if not entries:
        return 0
    SearchEntry.objects.bulk_create(
        entries,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=UPDATE_FIELDS,
    )
    return len(entries)


def index_records(kind: str, ids: Iterable[int]) -> None:
    """Bring the index rows of these records up to date (deleting rows of records now gone)."""
    ids = set(ids)
    model = KINDS[kind].model
    with transaction.atomic():
        found = model.objects.filter(pk__in=ids)
        written = set()
        batch: list[dict] = []
        for row in rows_for(kind, found):
            written.add(row["object_id"])
            batch.append(row)
            if len(batch) >= BATCH_SIZE:
                write_rows(batch)
                batch = []
        write_rows(batch)
        missing = ids - written
        if missing:
            SearchEntry.objects.filter(kind=kind, object_id__in=missing).delete()


def _write_batch(batch: list[dict], progress) -> int:
    written = write_rows(batch)
    if progress and written:
        progress(written)
    return written


def rebuild(kind: str, *, progress=None) -> int:
    """Reindex every record of a kind and drop rows of deleted ones; return the record count."""
    model = KINDS[kind].model
    total = 0
    batch: list[dict] = []
    with transaction.atomic():
        for row in rows_for(kind, model.objects.all()):
            batch.append(row)
            if len(batch) >= BATCH_SIZE:
                total += _write_batch(batch, progress)
                batch = []
        total += _write_batch(batch, progress)
        SearchEntry.objects.filter(kind=kind).exclude(
            object_id__in=model.objects.values("pk")
        ).delete()
    return total
