"""The registry of record kinds: the one list of what kinds of record the archive holds.

Every place that lists kinds reads it — the search index, OAI-PMH sets and DCMI types, the API,
citations, sitemaps and feeds, exhibit embeds. A new kind of record (letters, audio, maps) is one
entry here (appended at the end) plus its model, admin, page view and template, API serializer,
and its foreign key on exhibits.Block (a system check, exhibits.E001, reports it missing).

`name` is the kind's stable key: it appears in search parameters, OAI identifiers and set specs,
API fields and URLs, and must never change once published.

Each kind also says which related rows a public surface may list about one of its records
(`public_relations`): the record pages and the API prefetch them from here, so "which related
rows are public" has one answer, built with archive.visibility.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Model, Prefetch, Q, QuerySet

from archive.models import (
    Citation,
    Contribution,
    Defendant,
    Depiction,
    Document,
    Event,
    Person,
    PersonRelation,
    Photograph,
    Record,
    Trial,
)
from archive.visibility import public, public_q


@dataclass(frozen=True)
class PublicRelation:
    """The public part of one relation of a record, prefetched into `to_attr` ("public_…").

    Without `through`: the public records of `model` behind `lookup` (a trial's judges). With
    `through`: the link rows of `model` (contributions, depictions, defendants, relations) whose
    record at `through` is public, with that record joined.
    """

    lookup: str
    model: type[Model]
    to_attr: str
    through: str = ""
    select: tuple[str, ...] = ()
    order: tuple[str, ...] = ()

    def queryset(self) -> QuerySet:
        """The public rows as of now: made at each call, since what is public depends on the
        time of asking."""
        if self.through:
            rows = self.model.objects.filter(public_q(f"{self.through}__"))
            queryset = rows.select_related(self.through, *self.select)
        else:
            records = self.model.objects.all()
            queryset = public(records.select_related(*self.select) if self.select else records)
        return queryset.order_by(*self.order) if self.order else queryset

    def prefetch(self, queryset: QuerySet | None = None) -> Prefetch:
        """The Prefetch of this relation; `queryset`, made from `self.queryset()`, narrows it
        (fewer columns) without changing which rows it holds."""
        return Prefetch(
            self.lookup,
            queryset=self.queryset() if queryset is None else queryset,
            to_attr=self.to_attr,
        )

    def condition(self) -> Q:
        """The condition for this relation's public rows (`queryset()` holds only those)."""
        return public_q(f"{self.through}__" if self.through else "")

    def rows_of(self, record: Model) -> QuerySet:
        """One record's rows of this relation, public or not: a bounded list (public.related)
        reads them through the record's own link and picks the public ones by `condition()`."""
        return getattr(record, self.lookup).all()

    def joined(self, rows: QuerySet) -> QuerySet:
        """Rows of this relation with what `queryset()` joins to them."""
        joins = (self.through, *self.select) if self.through else self.select
        return rows.select_related(*joins) if joins else rows


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
    # has (search.rows.RECORD_FIELDS).
    index_fields: tuple[str, ...] = ()
    # What a public page or API answer may list about a record, beside its subjects and
    # citations (record_prefetches) and its own rows (alternate names, page images).
    public_relations: tuple[PublicRelation, ...] = ()

    @property
    def url_name(self) -> str:
        """The URL name of a record's public page (archive:<name>-detail)."""
        return f"archive:{self.name}-detail"

    def relation(self, to_attr: str) -> PublicRelation:
        """The public relation kept in `to_attr`; KeyError if the kind has none."""
        for relation in self.public_relations:
            if relation.to_attr == to_attr:
                return relation
        raise KeyError(f"A {self.name} has no public relation {to_attr!r}.")

    def public_prefetches(self, to_attrs: Iterable[str] | None = None) -> list[Prefetch]:
        """Prefetches of the kind's public relations: all of them, or those kept in `to_attrs`
        (a surface that lists less prefetches less)."""
        if to_attrs is None:
            return [relation.prefetch() for relation in self.public_relations]
        return [self.relation(to_attr).prefetch() for to_attr in to_attrs]


DATED = ("date", "date_lower", "date_upper")

# In the order the site lists them. OAI-PMH numbers the kinds by their position here (its
# resumption tokens hold that number): add a new kind at the end, never in between.
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
        public_relations=(
            PublicRelation(
                "relations",
                PersonRelation,
                "public_relations",
                through="related",
                order=("kind", "related__sort_name", "related__title", "pk"),
            ),
            PublicRelation(
                "inverse_relations",
                PersonRelation,
                "public_inverse_relations",
                through="person",
                order=("kind", "person__sort_name", "person__title", "pk"),
            ),
            PublicRelation(
                "contribution_set",
                Contribution,
                "public_contributions",
                through="document",
                order=("document__date_lower", "document__title", "pk"),
            ),
            PublicRelation("depicted_in", Photograph, "public_depicted_in"),
            PublicRelation("photographs_taken", Photograph, "public_photographs_taken"),
            PublicRelation(
                "trials",
                Defendant,
                "public_defendant_rows",
                through="trial",
                order=("trial__date_lower", "pk"),
            ),
            PublicRelation("trials_prosecuted", Trial, "public_trials_prosecuted"),
            PublicRelation("trials_judged", Trial, "public_trials_judged"),
            PublicRelation("events", Event, "public_events", select=("place",)),
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
        public_relations=(
            PublicRelation(
                "contribution_set",
                Contribution,
                "public_contributions",
                through="person",
                order=("position", "pk"),
            ),
            PublicRelation("trials", Trial, "public_trials", order=("date_lower", "title", "pk")),
        ),
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
        public_relations=(
            PublicRelation(
                "depiction_set",
                Depiction,
                "public_depictions",
                through="person",
                order=("position", "pk"),
            ),
        ),
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
        public_relations=(
            PublicRelation(
                "defendants",
                Defendant,
                "public_defendants",
                through="person",
                order=("position", "pk"),
            ),
            PublicRelation("judges", Person, "public_judges", order=("sort_name", "title", "pk")),
            PublicRelation(
                "documents", Document, "public_documents", order=("date_lower", "title", "pk")
            ),
        ),
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
        public_relations=(
            PublicRelation("persons", Person, "public_persons", order=("sort_name", "title", "pk")),
        ),
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


def record_prefetches() -> list:
    """What every record lists, whatever its kind: its subjects and its citations with their
    sources (neither carries a publication status of its own)."""
    return ["subjects", Prefetch("citations", queryset=Citation.objects.select_related("source"))]
