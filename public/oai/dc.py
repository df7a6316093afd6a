"""Simple Dublin Core (oai_dc) for every kind of record.

`prepare` selects and prefetches what the mapping reads, a fixed number of queries per kind
whatever the page size; persons are named only when they are public themselves (an unpublished
person is never named on a public surface).

Mapping: title (and original title), creator (authors, signatories, the photographer),
contributor (editors, translators), subject (subjects; persons a record is about: depicted
persons, defendants, an event's persons, a document's subjects), description (content notice,
summary, description, alt text, caption, court), publisher, date (the EDTF text as catalogued; a
person's birth/death as an EDTF interval), type (DCMI Type Vocabulary term, then the record's own
kind), format (extent), identifier (the public page; Wikidata and VIAF for persons), language
(ISO 639), relation (the collection; a trial's documents), coverage (places), rights (the rights
statement's URI and title).
"""

from collections.abc import Callable, Iterator

from django.db.models import Prefetch, QuerySet

from archive.kinds import RecordKind
from archive.models import (
    Contribution,
    Document,
    Event,
    Person,
    Photograph,
    Record,
    Subject,
    Trial,
)
from archive.visibility import is_public

PREFIX = "oai_dc"
NAMESPACE = "http://www.openarchives.org/OAI/2.0/oai_dc/"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"

Element = tuple[str, str]
Absolute = Callable[[str], str]

CREATOR_ROLES = {Contribution.Role.AUTHOR, Contribution.Role.SIGNATORY}
CONTRIBUTOR_ROLES = {Contribution.Role.EDITOR, Contribution.Role.TRANSLATOR}

# The public relations (archive.kinds) the mapping reads, by kind, and the columns it reads of
# each related row: a harvest page loads names and addresses, not whole records.
RELATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "document": {"public_contributions": ("person__title",)},
    "photograph": {"public_depictions": ("person__title",)},
    "trial": {"public_defendants": ("person__title",), "public_documents": ("slug",)},
    "event": {"public_persons": ("title",)},
}


def _relation_prefetches(kind: RecordKind) -> list[Prefetch]:
    """The kind's public relations that the mapping reads, narrowed to the columns it needs."""
    prefetches = []
    for to_attr, columns in RELATIONS.get(kind.name, {}).items():
        relation = kind.relation(to_attr)
        if relation.through:
            # A link row keeps its own columns (its foreign keys join it to the record).
            own = [field.attname for field in relation.model._meta.concrete_fields]
            columns = (*own, *columns)
        prefetches.append(relation.prefetch(relation.queryset().only(*columns)))
    return prefetches


def prepare(kind: RecordKind, records: QuerySet) -> QuerySet:
    """Select and prefetch what `elements` reads for one kind's records."""
    records = (
        records.select_related("collection", "rights")
        .prefetch_related(
            Prefetch("subjects", queryset=Subject.objects.only("name")),
            *_relation_prefetches(kind),
        )
        .defer("created_at")
    )
    model = kind.model
    if model is Person:
        return records.select_related("birth_place", "death_place")
    records = records.select_related("place")
    if model is Document:
        # The transcription (full text, possibly long) is not part of the description.
        return records.defer("transcription")
    if model is Photograph:
        return records.select_related("photographer")
    return records


def elements(kind: RecordKind, record: Record, absolute: Absolute) -> list[Element]:
    """The Dublin Core elements of one record, in the order of the fifteen elements."""
    stripped = ((name, value.strip()) for name, value in _elements(kind, record, absolute))
    return [(name, value) for name, value in stripped if value]


def _elements(kind: RecordKind, record: Record, absolute: Absolute) -> Iterator[Element]:
    yield "title", record.title
    if isinstance(record, Document):
        yield "title", record.original_title
        for contribution in record.public_contributions:
            if contribution.role in CREATOR_ROLES:
                yield "creator", contribution.person.title
        for contribution in record.public_contributions:
            if contribution.role in CONTRIBUTOR_ROLES:
                yield "contributor", contribution.person.title
    if isinstance(record, Photograph) and record.photographer and is_public(record.photographer):
        yield "creator", record.photographer.title
    for subject in record.subjects.all():
        yield "subject", subject.name
    yield from (("subject", person.title) for person in _persons_about(record))
    if record.content_notice:
        yield "description", f"Content notice: {record.content_notice}"
    yield "description", record.summary
    yield "description", record.description
    if isinstance(record, Photograph):
        yield "description", record.alt_text
        yield "description", record.caption
    if isinstance(record, Trial) and record.court:
        yield "description", f"Court: {record.court}"
    if isinstance(record, Document):
        yield "publisher", record.publisher
    if isinstance(record, Person):
        yield from (("date", span) for span in _life_span(record))
    else:
        yield "date", getattr(record, "date", "")
    yield "type", kind.dcmi_type
    if isinstance(record, Document | Event):
        yield "type", record.get_kind_display()
    elif isinstance(record, Person):
        yield "type", "Person (authority record)"
    else:
        yield "type", str(record._meta.verbose_name).capitalize()
    if isinstance(record, Document):
        yield "format", record.pages
    yield "identifier", absolute(record.get_absolute_url())
    if isinstance(record, Person):
        if record.wikidata_id:
            yield "identifier", f"https://www.wikidata.org/wiki/{record.wikidata_id}"
        if record.viaf_id:
            yield "identifier", f"https://viaf.org/viaf/{record.viaf_id}"
    yield "language", record.language
    if record.collection:
        yield "relation", f"Part of: {record.collection.title}"
    if isinstance(record, Trial):
        for document in record.public_documents:
            yield "relation", absolute(document.get_absolute_url())
    yield from (("coverage", place.name) for place in _places(record))
    if record.rights:
        yield "rights", record.rights.uri
        yield "rights", record.rights.title


def _persons_about(record: Record) -> list[Person]:
    if isinstance(record, Document):
        return [
            c.person for c in record.public_contributions if c.role == Contribution.Role.SUBJECT
        ]
    if isinstance(record, Photograph):
        return [depiction.person for depiction in record.public_depictions]
    if isinstance(record, Trial):
        return [defendant.person for defendant in record.public_defendants]
    if isinstance(record, Event):
        return list(record.public_persons)
    return []


def _life_span(person: Person) -> list[str]:
    """Birth to death as one EDTF interval when both are single dates, else each on its own."""
    if person.birth and person.death and "/" not in person.birth + person.death:
        return [f"{person.birth}/{person.death}"]
    return [date for date in (person.birth, person.death) if date]


def _places(record: Record) -> list:
    if isinstance(record, Person):
        return [place for place in (record.birth_place, record.death_place) if place]
    place = getattr(record, "place", None)
    return [place] if place else []
