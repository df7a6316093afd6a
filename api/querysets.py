"""The API's querysets: every record, exhibit and nested record comes through archive.visibility.

Each list is a fixed number of queries however long it is: single links are joined
(`select_related`), lists are prefetched with their public part only (`to_attr="public_…"`), from
the public relations of each kind (archive.kinds), as the record pages are. Vocabularies (places,
collections, subjects) carry no publication status and are always public.
"""

from django.db.models import Prefetch, QuerySet

from archive import visibility
from archive.kinds import kind_of, record_prefetches
from archive.models import (
    Collection,
    Document,
    Event,
    Person,
    Photograph,
    Place,
    Subject,
    Trial,
)
from exhibits.models import Exhibit, Section

RECORD_JOINS = ("collection", "rights")


def _records[M](
    model: type[M], *joins: str, own: tuple = (), public: tuple[str, ...] = ()
) -> QuerySet:
    """The public records of a kind with their joins, their own rows (`own`) and the public
    relations kept in `public` (to_attr names): what the kind's serializer reads, no more."""
    queryset = (
        model.objects.select_related(*RECORD_JOINS, *joins)
        .prefetch_related(*record_prefetches(), *own, *kind_of(model).public_prefetches(public))
        .order_by(*model._meta.ordering, "pk")
    )
    return visibility.public(queryset)


def persons() -> QuerySet[Person]:
    return _records(
        Person,
        "birth_place",
        "death_place",
        "portrait",
        own=("alternate_names",),
        public=("public_relations", "public_inverse_relations"),
    )


def documents() -> QuerySet[Document]:
    return _records(
        Document,
        "place",
        own=("page_images",),
        public=("public_contributions", "public_trials"),
    )


def photographs() -> QuerySet[Photograph]:
    return _records(Photograph, "place", "photographer", public=("public_depictions",))


def trials() -> QuerySet[Trial]:
    return _records(
        Trial,
        "place",
        "prosecutor",
        public=("public_defendants", "public_judges", "public_documents"),
    )


def events() -> QuerySet[Event]:
    return _records(Event, "place", public=("public_persons",))


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
