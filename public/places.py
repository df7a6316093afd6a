"""Place pages: /places/, every place that public records name, as a list and on a map, and
/places/<slug>/, one place with its names, its parent, the places within it and its public
records, with a link to the search for all of them (`/search/?place=<id>`, which counts them as
the page does: the records that name the place themselves).

Places are vocabulary without a status of their own: a place's page is there as long as the
place is. The records it lists or counts are only the public ones (archive.visibility), so an
unpublished record is never shown nor counted. /places/ counts through the search's places
(search.geo) the whole public archive, as a search's map does for its results.
"""

from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Window
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from archive import visibility
from archive.kinds import BY_NAME, KINDS, RecordKind
from archive.models import Place
from public.linked_data import SCHEMA_CONTEXT, compact, place_data
from search.geo import place_counts
from search.map_views import map_settings
from search.places import place_fields
from search.query import SearchQuery

# How many records of each kind a place's page lists (the count says how many there are).
RECORDS_PER_KIND = 20
# How many places within a place its page lists.
CHILDREN_SHOWN = 100
# How close a place's page shows it on its map, by the kind of place.
ZOOM = {"country": 5, "region": 7, "city": 11, "building": 16}
# Records of each kind in the order a place's page lists them.
ORDER = {"person": ("sort_name", "title", "pk")}
DATED_ORDER = ("date_lower", "title", "pk")


def names_of(place: Place) -> list[str]:
    """A place's other names, as curators recorded them (separated by semicolons)."""
    return [name.strip() for name in place.alternate_names.split(";") if name.strip()]


def public_records(kind: RecordKind, place: Place) -> QuerySet:
    """The public records of a kind that name this place (in any of their place fields)."""
    condition = Q()
    for field in place_fields(kind.model):
        condition |= Q(**{field: place})
    return visibility.public(kind.model.objects.filter(condition))


class PlaceListView(TemplateView):
    """/places/: the places of the public archive with their counts, a list that a map draws."""

    template_name = "archive/place_list.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        places = sorted(place_counts(SearchQuery()), key=lambda item: item.place.name.casefold())
        context.update(
            map_settings(),
            places=places,
            located=sum(1 for item in places if item.located),
        )
        return context


class PlaceDetailView(TemplateView):
    """/places/<slug>/: a place, where it lies, and the public records that name it."""

    template_name = "archive/place_detail.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        place = get_object_or_404(Place.objects.select_related("parent"), slug=kwargs["slug"])
        children = list(place.children.order_by("name", "pk")[: CHILDREN_SHOWN + 1])
        sections = []
        for kind in KINDS:
            if not place_fields(kind.model):
                continue
            # The first records, each carrying the count of all (a window over the whole set,
            # counted before the limit): one query per kind, however many records there are.
            records = public_records(kind, place).annotate(all_count=Window(Count("pk")))
            shown = list(records.order_by(*ORDER.get(kind.name, DATED_ORDER))[:RECORDS_PER_KIND])
            if not shown:
                continue
            sections.append(
                {
                    "kind": kind,
                    "count": shown[0].all_count,
                    "records": [(record, self.roles(kind, record, place)) for record in shown],
                }
            )
        context.update(
            map_settings(),
            place=place,
            names=names_of(place),
            children=children[:CHILDREN_SHOWN],
            more_children=len(children) > CHILDREN_SHOWN,
            sections=sections,
            total=sum(section["count"] for section in sections),
            records_search_url=f"{reverse('search')}?{urlencode({'place': place.pk})}",
            located=place.latitude is not None and place.longitude is not None,
            place_zoom=ZOOM.get(place.kind, 10),
            json_ld=self.json_ld(place),
        )
        return context

    @staticmethod
    def roles(kind: RecordKind, record, place: Place) -> str:
        """How a record names the place, where a kind has several ways (born, died)."""
        if kind is not BY_NAME["person"]:
            return ""
        roles = [
            role
            for role, place_id in (("born", record.birth_place_id), ("died", record.death_place_id))
            if place_id == place.pk
        ]
        return " and ".join(roles) + " here"

    def json_ld(self, place: Place) -> dict:
        url = self.request.build_absolute_uri(place.get_absolute_url())
        data = {
            "@context": SCHEMA_CONTEXT,
            **place_data(place),
            "@id": url,
            "url": url,
            "alternateName": names_of(place),
            "description": place.description,
        }
        if place.parent is not None:
            data["containedInPlace"] = {
                "@type": "Place",
                "@id": self.request.build_absolute_uri(place.parent.get_absolute_url()),
                "name": place.parent.name,
            }
        return compact(data)
