"""PostgreSQL counts facets that share their filters in one pass (grouping sets); the counts must
be exactly those of one count per facet, which SQLite uses."""

import pytest
from django.db import connection

from benchmarks import synthetic
from search.backends.postgres import PostgresSearchBackend
from search.index import KINDS, rebuild
from search.query import SearchQuery

pytestmark = pytest.mark.django_db

QUERIES = [
    {},
    {"text": "party"},
    {"text": "trial", "kind": ("document",)},
    {"text": "party", "kind": ("document", "event"), "language": ("en",)},
    {"decade": (1920, 1930)},
    {"text": "party", "person": 2},  # the two commonest persons
    {"subject": 1, "has_image": False},  # the commonest subject
    {"kind": ("photograph",), "year_from": 1920, "year_to": 1935},
]


class SeparateCounts(PostgresSearchBackend):
    grouping_sets = False


@pytest.fixture
def archive():
    if connection.vendor != "postgresql":
        pytest.skip("grouping sets are used on PostgreSQL")
    synthetic.generate(400, seed=7)
    for kind in KINDS:
        rebuild(kind)


@pytest.mark.parametrize("params", QUERIES, ids=str)
def test_grouped_counts_equal_one_count_per_facet(archive, params):
    commonest = SeparateCounts().search(SearchQuery()).facets
    values = dict(params)
    for facet in ("person", "subject"):
        if facet in values:
            values[facet] = tuple(value.value for value in commonest[facet][: values[facet]])
    query = SearchQuery(**values)
    grouped = PostgresSearchBackend().search(query)
    separate = SeparateCounts().search(query)
    assert grouped.total == separate.total
    assert grouped.total > 0
    assert grouped.facets == separate.facets
    # Enough values that the person facet is cut to its top values.
    assert len(grouped.facets["person"]) >= 10 or query.person
