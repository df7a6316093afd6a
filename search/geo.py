"""The places of a search: the records it finds, counted by the places they name, and that count
as GeoJSON (RFC 7946).

A record names a place through its foreign keys to Place (search.places): an event's, document's,
photograph's or trial's place, a person's places of birth and death (a person born and dead in one
place is counted there once). The rows come from the search engine itself
(SearchBackend.found_sql), so a search's map finds exactly the records the search does, words,
filters and years alike; each record is checked against archive.visibility again as its place is
read, so an index row that lags behind its record never puts an unpublished record on a map.

The counts by place id are cached like search answers (search.cache), under the index's
generation; places' names and coordinates are read afresh for every answer, since editing a
place does not change the index.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection

from archive import visibility
from archive.kinds import KINDS
from archive.models import Place
from search.cache import cached
from search.engine import get_backend
from search.forms import SearchForm, shown
from search.places import place_columns
from search.query import SearchQuery

GEOJSON_TYPE = "application/geo+json"
PLACES_PER_QUERY = 10_000


@dataclass(frozen=True)
class PlaceCount:
    """A place and how many of the records found name it, in all and by kind."""

    place: Place
    count: int
    kinds: dict[str, int]

    @property
    def located(self) -> bool:
        return self.place.latitude is not None and self.place.longitude is not None

    @property
    def kinds_text(self) -> str:
        """ "3 events, 1 photograph": the counts by kind, in the registry's order."""
        return ", ".join(
            f"{self.kinds[kind.name]} "
            f"{(kind.label if self.kinds[kind.name] == 1 else kind.label_plural).lower()}"
            for kind in KINDS
            if self.kinds.get(kind.name)
        )


@dataclass(frozen=True)
class BBox:
    """Bounds in degrees. West may be east of east: the box then crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, latitude: float, longitude: float) -> bool:
        if not self.south <= latitude <= self.north:
            return False
        if self.west <= self.east:
            return self.west <= longitude <= self.east
        return longitude >= self.west or longitude <= self.east


def _links_sql() -> tuple[str, list]:
    """SQL for one row (place_id, kind) per found record and place it names, reading the found
    rows as f (id, kind, object_id); only records the public may see."""
    parts, params = [], []
    for kind in KINDS:
        table = kind.model._meta.db_table
        pk = kind.model._meta.pk.column
        public, public_params = visibility.public_sql("r")
        columns = place_columns(kind.model)
        for position, column in enumerate(columns):
            # The same place twice on one record (born and died there) counts once.
            once = "".join(
                f" AND (r.{earlier} IS NULL OR r.{earlier} <> r.{column})"
                for earlier in columns[:position]
            )
            # Table and column names from the models; values are parameters.
            parts.append(
                f"SELECT r.{column} AS place_id, f.kind AS kind FROM f "  # noqa: S608
                f"JOIN {table} r ON r.{pk} = f.object_id "
                f"WHERE f.kind = %s AND r.{column} IS NOT NULL{once} AND {public}"
            )
            params += [kind.name, *public_params]
    return " UNION ALL ".join(parts), params


def _count(query: SearchQuery) -> list[tuple[int, str, int]]:
    """(place id, kind, records) for every place the found public records name."""
    backend = get_backend()
    links, link_params = _links_sql()
    with backend.snapshot():
        found, found_params = backend.found_sql(query)
        with connection.cursor() as cursor:
            backend.prepare_cursor(cursor)
            cursor.execute(
                f"WITH f AS MATERIALIZED ({found}) "  # noqa: S608 (the engine's SQL)
                f"SELECT place_id, kind, count(*) FROM ({links}) l GROUP BY place_id, kind",
                [*found_params, *link_params],
            )
            return [(place_id, kind, count) for place_id, kind, count in cursor.fetchall()]


def place_counts(query: SearchQuery) -> list[PlaceCount]:
    """The places named by the public records this search finds (whatever its page and order),
    most records first, then by name."""
    query = replace(query, page=1, sort="relevance")  # one answer for every page and order
    rows = cached(query, lambda: _count(query), namespace="places")
    totals: dict[int, dict[str, int]] = {}
    for place_id, kind, count in rows:
        totals.setdefault(place_id, {})[kind] = count
    ids = list(totals)
    # In batches: a statement holds at most 32,766 parameters on SQLite, 65,535 on PostgreSQL.
    places = [
        place
        for start in range(0, len(ids), PLACES_PER_QUERY)
        for place in Place.objects.filter(pk__in=ids[start : start + PLACES_PER_QUERY])
    ]
    found = [
        PlaceCount(place, sum(totals[place.pk].values()), totals[place.pk]) for place in places
    ]
    return sorted(found, key=lambda item: (-item.count, item.place.name, item.place.pk))


def within(places: list[PlaceCount], bbox: BBox | None) -> list[PlaceCount]:
    """The located places among these (inside the bounds, if any)."""
    return [
        item
        for item in places
        if item.located
        and (bbox is None or bbox.contains(float(item.place.latitude), float(item.place.longitude)))
    ]


def feature_collection(
    places: list[PlaceCount], place_url: Callable[[Place], str], *, unlocated: int
) -> dict:
    """GeoJSON of these places: a Point feature for each located one, with its count of records
    by kind and its page (`place_url(place)`); `unlocated`, the number of places found that
    have no coordinates, is a member of its own."""
    features = [
        {
            "type": "Feature",
            "id": item.place.slug,
            "geometry": {
                "type": "Point",
                "coordinates": [float(item.place.longitude), float(item.place.latitude)],
            },
            "properties": {
                "name": item.place.name,
                "url": place_url(item.place),
                "count": item.count,
                "kinds": item.kinds,
            },
        }
        for item in places
        if item.located
    ]
    return {
        "type": "FeatureCollection",
        "features": features,
        "unlocated_places": unlocated,
    }


class BBoxField(forms.CharField):
    """`bbox=west,south,east,north`, in degrees (longitudes -180 to 180, latitudes -90 to 90)."""

    def clean(self, value) -> BBox | None:
        text = super().clean(value)
        if text == "":
            return None
        message = (
            f"“{shown(value)}” is not a bounding box: give west,south,east,north in degrees, "
            "such as -10,35,40,70."
        )
        parts = text.split(",")
        try:
            numbers = [float(part) for part in parts] if len(parts) == 4 else []
        except ValueError:
            numbers = []
        if len(numbers) != 4 or not all(math.isfinite(number) for number in numbers):
            raise ValidationError(message, code="invalid")
        west, south, east, north = numbers
        if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
            raise ValidationError(message, code="invalid")
        return BBox(west, south, east, north)


class MapForm(SearchForm):
    """The search's parameters, and the bounds a map asks for."""

    bbox = BBoxField(label="Bounds", required=False, max_length=200)
