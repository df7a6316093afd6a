"""The API's querysets: every record, exhibit and nested record comes through archive.visibility.

Each list is a fixed number of queries however long it is: single links are joined
(`select_related`), lists are prefetched with their public part only (`to_attr="public_…"`).
Vocabularies (places, collections, subjects) carry no publication status and are always public.
"""

from django.db.models import Prefetch, QuerySet

from archive import visibility
from archive.models import (
    Collection,
    Contribution,
    Defendant,
    Depiction,
    Document,
    Event,
    Person,
    PersonRelation,
    Photograph,
    Place,
    Subject,
    Trial,
)
from exhibits.models import Exhibit, Section
from public.views import citations_prefetch, public_prefetch

RECORD_JOINS = ("collection", "rights")


def _public_rows(lookup: str, model, through: str, to_attr: str):
    """Rows of a through table whose `through` record is public (contributors, depictions…)."""
    queryset = (
        model.objects.filter(visibility.public_q(f"{through}__"))
        .select_related(through)
        .order_by("position", "pk")
    )
    return Prefetch(lookup, queryset=queryset, to_attr=to_attr)


def _records[M](model: type[M], *joins: str, prefetch: tuple = ()) -> QuerySet:
    queryset = (
        model.objects.select_related(*RECORD_JOINS, *joins)
        .prefetch_related("subjects", citations_prefetch(), *prefetch)
        .order_by(*model._meta.ordering, "pk")
    )
    return visibility.public(queryset)


def persons() -> QuerySet[Person]:
    public_q = visibility.public_q
    return _records(
        Person,
        "birth_place",
        "death_place",
        "portrait",
        prefetch=(
            "alternate_names",
            Prefetch(
                "relations",
                queryset=PersonRelation.objects.filter(public_q("related__"))
                .select_related("related")
                .order_by("kind", "related__sort_name", "related__title", "pk"),
                to_attr="public_relations",
            ),
            Prefetch(
                "inverse_relations",
                queryset=PersonRelation.objects.filter(public_q("person__"))
                .select_related("person")
                .order_by("kind", "person__sort_name", "person__title", "pk"),
                to_attr="public_inverse_relations",
            ),
        ),
    )


def documents() -> QuerySet[Document]:
    return _records(
        Document,
        "place",
        prefetch=(
            _public_rows("contribution_set", Contribution, "person", "public_contributions"),
            "page_images",
            public_prefetch("trials", Trial, "public_trials", order=("date_lower", "title", "pk")),
        ),
    )


def photographs() -> QuerySet[Photograph]:
    return _records(
        Photograph,
        "place",
        "photographer",
        prefetch=(_public_rows("depiction_set", Depiction, "person", "public_depictions"),),
    )


def trials() -> QuerySet[Trial]:
    return _records(
        Trial,
        "place",
        "prosecutor",
        prefetch=(
            _public_rows("defendants", Defendant, "person", "public_defendants"),
            public_prefetch("judges", Person, "public_judges", order=("sort_name", "title", "pk")),
            public_prefetch(
                "documents", Document, "public_documents", order=("date_lower", "title", "pk")
            ),
        ),
    )


def events() -> QuerySet[Event]:
    return _records(
        Event,
        "place",
        prefetch=(
            public_prefetch(
                "persons", Person, "public_persons", order=("sort_name", "title", "pk")
            ),
        ),
    )


def places() -> QuerySet[Place]:
    return Place.objects.select_related("parent").order_by("name", "pk")


def collections() -> QuerySet[Collection]:
    return Collection.objects.select_related("parent").order_by("title", "pk")


def subjects() -> QuerySet[Subject]:
    return Subject.objects.select_related("broader").order_by("name", "pk")


def exhibits() -> QuerySet[Exhibit]:
    sections = Section.objects.order_by("position", "pk")
    queryset = (
        Exhibit.objects.select_related("cover")
        .prefetch_related(Prefetch("sections", queryset=sections))
        .order_by("-featured", "-published_at", "title", "pk")
    )
    return visibility.public(queryset)
