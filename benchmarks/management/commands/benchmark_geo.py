"""Benchmark a search's map: median and p95 of /search.geojson (the places of the records a search
finds, with their counts) at growing archive sizes, beside the statement's SQL run directly.

The synthetic archive (generate_synthetic_archive) has no places: this command adds PLACES
synthetic places (`syn-place-N`, spread over Europe) and gives every synthetic document,
photograph and event one of them, round robin, then measures:

    manage.py benchmark_geo --sizes 10000,100000,1000000 --repeat 20

"median"/"p95" are first requests (Vitrine's cache emptied before each); "repeated" is the same
request again, its counts answered from the cache. Requests run as served: DEBUG off.
"""

import statistics

from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from archive.models import Document, Event, Person, Photograph, Place
from benchmarks import synthetic
from benchmarks.management.commands.benchmark_search import (
    NAME_RANK,
    QUERIES,
    YEARS,
    _server_settings,
)
from benchmarks.management.commands.benchmark_search import Command as SearchBenchmark
from benchmarks.timing import percentile, time_request

PLACES = 500
PLACE_PREFIX = f"{synthetic.SLUG_PREFIX}place-"
LOCATED_MODELS = (Document, Photograph, Event)


def _located_count() -> int:
    return sum(
        model.objects.filter(slug__startswith=synthetic.SLUG_PREFIX, place__isnull=False).count()
        for model in LOCATED_MODELS
    )


class Command(SearchBenchmark):
    """The search benchmark's command (its arguments, archive sizes and growth), measuring the
    GeoJSON of its queries instead."""

    help = __doc__

    def _grow_to(self, target: int) -> None:
        super()._grow_to(target)
        self._locate()

    def _locate(self) -> None:
        """The synthetic places, and one for each synthetic record that has none (places are not
        in the search index: nothing to reindex)."""
        existing = set(
            Place.objects.filter(slug__startswith=PLACE_PREFIX).values_list("slug", flat=True)
        )
        Place.objects.bulk_create(
            Place(
                slug=f"{PLACE_PREFIX}{number}",
                name=f"Synthetic place {number}",
                latitude=round(36 + (number * 7919 % 3400) / 100, 4),  # 36°N–70°N
                longitude=round(-10 + (number * 104729 % 5000) / 100, 4),  # 10°W–40°E
            )
            for number in range(PLACES)
            if f"{PLACE_PREFIX}{number}" not in existing
        )
        with transaction.atomic(), connection.cursor() as cursor:
            for model in LOCATED_MODELS:
                table = model._meta.db_table
                cursor.execute(
                    f"UPDATE {table} SET place_id = (SELECT p.id FROM archive_place p "  # noqa: S608
                    f"WHERE p.slug = %s || CAST({table}.id %% %s AS VARCHAR(20))) "
                    f"WHERE place_id IS NULL AND slug LIKE %s",
                    [PLACE_PREFIX, PLACES, f"{synthetic.SLUG_PREFIX}%"],
                )

    def _queries(self) -> list[tuple[str, dict]]:
        person = Person.objects.get(slug=f"{synthetic.SLUG_PREFIX}person-{NAME_RANK - 1}")
        return [*QUERIES[:3], ("name", {"q": person.title}), *QUERIES[3:], *YEARS]

    def _measure(self, size: int, repeat: int) -> None:
        client = Client()
        url = reverse("search-geojson")
        self.stdout.write(
            f"\n{connection.vendor} — {_located_count():,} located synthetic records in "
            f"{PLACES} places, {repeat} requests each{_server_settings()}; milliseconds\n"
            f"{'request':<26}{'found':>10}{'places':>8}{'median':>9}{'p95':>9}"
            f"{'SQL med':>9}{'repeated':>10}{'queries':>9}"
        )
        for label, params in self._queries():
            timed = time_request(client, url, params, repeat, label)
            features = timed.response.json()["features"]
            found = client.get(reverse("search-json"), params).json()["total"]
            self.stdout.write(
                f"{label:<26}{found:>10,}{len(features):>8}{statistics.median(timed.first):>9.1f}"
                f"{percentile(timed.first, 0.95):>9.1f}{statistics.median(timed.sql):>9.1f}"
                f"{statistics.median(timed.repeated):>10.1f}{len(timed.statements):>9}"
            )
