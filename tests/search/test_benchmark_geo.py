"""`manage.py benchmark_geo` gives the synthetic archive places and prints each GeoJSON request's
figures."""

import io
import re

import pytest
from django.core.management import call_command

from archive.models import Document, Event, Photograph, Place
from search.geo import place_counts
from search.query import SearchQuery

pytestmark = pytest.mark.django_db(transaction=True)

ROW = re.compile(
    r"^(?P<label>.+?)\s+(?P<found>[\d,]+)\s+(?P<places>\d+)(?:\s+[\d.]+){4}\s+(?P<queries>\d+)$",
    re.MULTILINE,
)


def test_benchmark_locates_the_synthetic_records_and_measures_every_request():
    out = io.StringIO()
    call_command("benchmark_geo", "--sizes", "200", "--repeat", "1", stdout=out)
    rows = {m["label"]: m for m in ROW.finditer(out.getvalue())}
    assert {"rare term", "5% term", "15% term", "name", "browse"} <= rows.keys()
    for model in (Document, Photograph, Event):
        records = model.objects.filter(slug__startswith="syn-")
        assert records.exists() and not records.filter(place__isnull=True).exists()
    assert Place.objects.filter(slug__startswith="syn-place-").count() == 500
    # The places printed are the features of the whole archive's map.
    located = [item for item in place_counts(SearchQuery()) if item.located]
    assert int(rows["browse"]["places"]) == len(located) > 0
    assert all(int(row["queries"]) >= 1 for row in rows.values())
