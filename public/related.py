"""The related lists of a record page, each bounded: its first RELATED_SHOWN rows in a sensible
order (dated records by date, then title; persons by name), how many records it holds in all,
and the search that lists them all where the search can filter on the record (a person's
documents, photographs, trials and events: `person=<id>&kind=<kind>`).

So a page's time and size do not grow with the number of its links, and its query count is fixed:
one query for the first rows of each relation and one count for each list (a public person's
four searchable lists are counted in one read of the search's stored counts, which are what
the linked search answers). Which rows are public comes from the kinds' public relations
(archive.kinds, built on archive.visibility). The first rows of each relation are also set on
the record as its `public_…` attribute, which the templates, linked data and citations read.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Model, Q
from django.urls import NoReverseMatch, reverse

from archive import visibility
from archive.kinds import BY_NAME, kind_of
from archive.models import Contribution, Defendant, Depiction, Event, Person, Trial
from search import counts, publications
from search.presentation import query_params
from search.query import SearchQuery

# How many rows each related list of a record page shows.
RELATED_SHOWN = 12
# The kinds of record a person's page lists that the search finds by `person=`.
PERSON_LINKED_KINDS = ("document", "photograph", "trial", "event")


@dataclass
class RelatedList:
    """The first rows of one related list, how many records it holds in all, and the search
    that lists them all ("" where the search cannot filter on the record)."""

    rows: list
    count: int
    search_url: str = ""
    shown: int | None = None  # the records the rows show, where a record may fill two rows

    @property
    def shown_count(self) -> int:
        return len(self.rows) if self.shown is None else self.shown

    @property
    def more(self) -> bool:
        """Whether the page leaves records of the list out."""
        return self.count > self.shown_count


def dated(prefix: str = "") -> tuple:
    """The order of dated records (through `prefix`): by date, undated last, then by title."""
    return (F(f"{prefix}date_lower").asc(nulls_last=True), f"{prefix}title", "pk")


def by_date(record) -> tuple:
    """The same order in Python, for a list merged from several relations."""
    return (record.date_lower is None, record.date_lower or 0, record.title, record.pk)


def first(record: Model, to_attr: str, order: tuple = ()) -> list:
    """The first RELATED_SHOWN public rows of one of the record's public relations, in `order`
    or the relation's own; also set on the record as `to_attr`.

    The record's rows are read through its own link (its foreign key or link table), the public
    ones sorted first rather than filtered: the link's index is then the one the query can use,
    so the database reads the record's links, not every public record. Only the keys of the
    first rows are sorted, then those rows are read, so that whole records (a document's
    transcription) are not carried through the sort.
    """
    relation = kind_of(record).relation(to_attr)
    listed = ExpressionWrapper(relation.condition(), output_field=BooleanField())
    order = (F("listed").desc(), *(order or relation.order or ("pk",)))
    keys = relation.rows_of(record).alias(listed=listed).order_by(*order).values("pk")
    rows = relation.joined(relation.model.objects.filter(pk__in=keys[:RELATED_SHOWN]))
    shown = [row for row in rows.annotate(listed=listed).order_by(*order) if row.listed]
    setattr(record, to_attr, shown)
    return shown


def count(record: Model, to_attr: str) -> int:
    """How many public rows one of the record's public relations holds (read, as `first()`
    reads them, through the record's link)."""
    relation = kind_of(record).relation(to_attr)
    rows = relation.rows_of(record).order_by()
    return rows.aggregate(n=Count("pk", filter=relation.condition()))["n"]


def related_lists(record: Model) -> dict[str, RelatedList]:
    """Every related list of a record's page, by name: a person's "relations", "documents",
    "photographs", "trials" and "events"; for the other kinds, each of the kind's public
    relations by its `to_attr` ("public_defendants")."""
    if isinstance(record, Person):
        return person_lists(record)
    return {
        relation.to_attr: RelatedList(
            first(record, relation.to_attr), count(record, relation.to_attr)
        )
        for relation in kind_of(record).public_relations
    }


def person_lists(person: Person) -> dict[str, RelatedList]:
    """A person's relations; the documents they contributed to; the photographs of them and
    those they took; the trials where they were defendant, prosecutor or judge; their events."""
    relations = first(person, "public_relations") + first(person, "public_inverse_relations")
    contributions = first(person, "public_contributions", dated("document__"))
    photographs = first(person, "public_depicted_in", dated()) + first(
        person, "public_photographs_taken", dated()
    )
    trials = [
        (row.trial, "defendant", row)
        for row in first(person, "public_defendant_rows", dated("trial__"))
    ]
    trials += [(t, "prosecutor", None) for t in first(person, "public_trials_prosecuted", dated())]
    trials += [(t, "judge", None) for t in first(person, "public_trials_judged", dated())]
    trials = sorted(trials, key=lambda item: by_date(item[0]))[:RELATED_SHOWN]
    events = first(person, "public_events", dated())
    rows = {
        "document": (contributions, {row.document_id for row in contributions}),
        "photograph": (photographs, {photograph.pk for photograph in photographs}),
        "trial": (trials, {trial.pk for trial, _, _ in trials}),
        "event": (events, {event.pk for event in events}),
    }
    searchable = visibility.is_public(person)
    linked = linked_counts(person, searchable=searchable)
    lists = {
        "relations": RelatedList(
            relations[:RELATED_SHOWN],
            count(person, "public_relations") + count(person, "public_inverse_relations"),
        )
    }
    for kind, (shown, records) in rows.items():
        lists[BY_NAME[kind].url_prefix] = RelatedList(
            shown,
            max(linked[kind], len(records)),
            person_search_url(person, kind) if searchable else "",
            shown=len(records),
        )
    return lists


def linked_counts(person: Person, *, searchable: bool) -> dict[str, int]:
    """How many public records of each of PERSON_LINKED_KINDS link to a person.

    For a public person, what the person's search finds, read from the search's stored counts
    (one read, however many); the search does not know a person the public cannot see (a staff
    preview), so theirs are counted here.
    """
    if searchable:
        publications.generation()  # first catch the stored counts up with publications come due
        return counts.person_counts(person.pk, PERSON_LINKED_KINDS)
    linked = {
        "document": Q(pk__in=Contribution.objects.filter(person=person).values("document_id")),
        "photograph": Q(pk__in=Depiction.objects.filter(person=person).values("photograph_id"))
        | Q(photographer=person),
        "trial": Q(pk__in=Defendant.objects.filter(person=person).values("trial_id"))
        | Q(pk__in=Trial.judges.through.objects.filter(person=person).values("trial_id"))
        | Q(prosecutor=person),
        "event": Q(pk__in=Event.persons.through.objects.filter(person=person).values("event_id")),
    }
    return {
        kind: visibility.public(BY_NAME[kind].model.objects.filter(condition)).count()
        for kind, condition in linked.items()
    }


def person_search_url(person: Person, kind: str) -> str:
    """The search for the public records of a kind linked to this person, oldest first ("" on
    a site without the search page)."""
    try:
        path = reverse("search")
    except NoReverseMatch:
        return ""
    query = SearchQuery(person=(person.pk,), kind=(kind,), sort="date")
    return f"{path}?{urlencode(query_params(query))}"
