"""The registry of record kinds: the one list of what kinds of record the archive holds.

Every place that lists kinds reads it — the search index, OAI-PMH sets and DCMI types, the API,
citations, sitemaps and feeds, exhibit embeds. A new kind of record (letters, audio, maps) is one
entry here plus its model, admin and template.

`name` is the kind's stable key: it appears in search parameters, OAI identifiers and set specs,
API fields and URLs, and must never change once published.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Model

from archive.models import Document, Event, Person, Photograph, Record, Trial


@dataclass(frozen=True)
class RecordKind:
    name: str  # "person": the stable key (search, OAI, API)
    model: type[Record]
    url_prefix: str  # "persons": the kind's public URLs (/persons/<slug>/, citations)
    label: str  # "Person"
    label_plural: str  # "Persons"
    dcmi_type: str  # DCMI Type Vocabulary term (OAI-PMH dc:type)
    csl_type: str  # CSL item type of the record's citation (documents refine it by kind)
    schema_type: str  # schema.org type (documents refine it by kind)
    # The model's own fields a search index row is built from, besides the fields every record
    # has (search.index.RECORD_FIELDS).
    index_fields: tuple[str, ...] = ()

    @property
    def url_name(self) -> str:
        """The URL name of a record's public page (archive:<name>-detail)."""
        return f"archive:{self.name}-detail"


DATED = ("date", "date_lower", "date_upper")

# In the order the site lists them.
KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        name="person",
        model=Person,
        url_prefix="persons",
        label="Person",
        label_plural="Persons",
        dcmi_type="Text",
        csl_type="webpage",
        schema_type="Person",
        index_fields=(
            "sort_name",
            "birth",
            "death",
            "birth_lower",
            "birth_upper",
            "death_upper",
            "portrait_id",
        ),
    ),
    RecordKind(
        name="document",
        model=Document,
        url_prefix="documents",
        label="Document",
        label_plural="Documents",
        dcmi_type="Text",
        csl_type="document",
        schema_type="CreativeWork",
        index_fields=(*DATED, "original_title", "transcription"),
    ),
    RecordKind(
        name="photograph",
        model=Photograph,
        url_prefix="photographs",
        label="Photograph",
        label_plural="Photographs",
        dcmi_type="StillImage",
        csl_type="graphic",
        schema_type="Photograph",
        index_fields=(*DATED, "caption", "alt_text", "image"),
    ),
    RecordKind(
        name="trial",
        model=Trial,
        url_prefix="trials",
        label="Trial",
        label_plural="Trials",
        dcmi_type="Event",
        csl_type="webpage",
        schema_type="Event",
        index_fields=(*DATED, "court", "prosecutor_id"),
    ),
    RecordKind(
        name="event",
        model=Event,
        url_prefix="events",
        label="Event",
        label_plural="Events",
        dcmi_type="Event",
        csl_type="webpage",
        schema_type="Event",
        index_fields=DATED,
    ),
)

BY_NAME: dict[str, RecordKind] = {kind.name: kind for kind in KINDS}
BY_MODEL: dict[type[Model], RecordKind] = {kind.model: kind for kind in KINDS}
BY_URL_PREFIX: dict[str, RecordKind] = {kind.url_prefix: kind for kind in KINDS}
RECORD_MODELS: tuple[type[Record], ...] = tuple(kind.model for kind in KINDS)


def kind_of(record: Model | type[Model]) -> RecordKind:
    """The kind of a record (or of a record model); KeyError for anything else."""
    model = record if isinstance(record, type) else type(record)
    return BY_MODEL[model._meta.concrete_model]


def names() -> Iterator[str]:
    return iter(BY_NAME)
