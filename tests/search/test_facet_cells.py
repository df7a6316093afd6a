"""A browse filtered only on kind, decade, language, collection or image sums stored cells
(search.counts.SearchFacetCell), and one filtered on one or two of those facets reads
its persons and subjects from the value cells (SearchValueCell); its answer
always equals counting the index afresh, counts only public records, and the cells follow every
index write."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.models import Status
from search.backends.base import CELL_TABLE, VALUE_CELL_TABLE, SearchBackend
from search.counts import cuboid_for, recount_cells
from search.engine import get_backend, search
from search.models import SearchEntry, SearchFacetCell, SearchIndexState, SearchValueCell
from search.query import COLUMN_FACETS, SearchQuery
from tests import factories as f

FILTERED = [
    SearchQuery(kind=("document",)),
    SearchQuery(kind=("document",), decade=(1920,)),
    SearchQuery(kind=("document", "photograph"), decade=(1920, 1930)),
    SearchQuery(language=("ru",)),
    SearchQuery(language=("ru", "en"), kind=("document",)),
    SearchQuery(has_image=True),
    SearchQuery(has_image=False, sort="-date"),
    SearchQuery(decade=(1930,), sort="date"),
    SearchQuery(kind=("event",), decade=(1980,)),  # only the scheduled event: nothing public
]


def facet_table(results) -> dict:
    return {
        facet: sorted((v.value, v.count, v.selected) for v in values)
        for facet, values in results.facets.items()
    }


def from_cells(query: SearchQuery):
    backend = get_backend()
    with backend.snapshot(), CaptureQueriesContext(connection) as captured:
        results = backend._search(query, None)
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert CELL_TABLE in sql, query
    filtered = [facet for facet in COLUMN_FACETS if query.selected(facet)]
    assert (VALUE_CELL_TABLE in sql) == (cuboid_for(filtered) is not None), query
    return results


def counted(query: SearchQuery, monkeypatch):
    """The general path, which counts every public row now."""
    backend = get_backend()
    with monkeypatch.context() as patch:
        patch.setattr(SearchBackend, "_counts_from_cells", staticmethod(lambda *args: False))
        with backend.snapshot(), CaptureQueriesContext(connection) as captured:
            results = backend._search(query, None)
    assert not any(CELL_TABLE in q["sql"] for q in captured.captured_queries)
    return results


def assert_cells_match_a_fresh_count(monkeypatch, queries=FILTERED):
    for query in queries:
        stored, fresh = from_cells(query), counted(query, monkeypatch)
        assert stored.total == fresh.total, query
        assert facet_table(stored) == facet_table(fresh), query
        assert [h.slug for h in stored.hits] == [h.slug for h in fresh.hits], query


def collection_queries(archive) -> list[SearchQuery]:
    return [
        SearchQuery(collection=(archive.papers.pk,)),
        SearchQuery(collection=(archive.papers.pk, archive.press.pk), has_image=False),
    ]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_filtered_browse_counts_equal_a_fresh_count(archive, monkeypatch):
    assert_cells_match_a_fresh_count(monkeypatch, FILTERED + collection_queries(archive))


def test_cells_count_public_records_only(archive):
    public_documents = [r for r in archive.public if type(r).__name__ == "Document"]
    results = search(SearchQuery(kind=("document",)))
    assert results.total == len(public_documents)
    assert {h.slug for h in results.hits} == {r.slug for r in public_documents}
    hidden = {r.slug for r in archive.unpublished}
    for query in FILTERED:
        assert not hidden & {h.slug for h in search(query).hits}
    # The scheduled event (1980s) is in no count and no cell.
    assert search(SearchQuery(kind=("event",), decade=(1980,))).total == 0
    assert 1980 not in {v.value for v in search(SearchQuery(kind=("event",))).facets["decade"]}
    assert sum(SearchFacetCell.objects.values_list("count", flat=True)) == len(archive.public)


def statement(query: SearchQuery) -> str:
    backend = get_backend()
    with backend.snapshot(), CaptureQueriesContext(connection) as captured:
        backend._search(query, backend.text_match(query.text) if query.text else None)
    return " ".join(q["sql"] for q in captured.captured_queries)


def test_searches_with_a_text_or_years_count_rows(archive):
    for query in [
        SearchQuery(text="Bukharin", kind=("document",)),
        SearchQuery(kind=("document",), year_from=1920),
        SearchQuery(person=(archive.bukharin.pk,), year_to=1930),
    ]:
        sql = statement(query)
        assert CELL_TABLE not in sql and VALUE_CELL_TABLE not in sql, query


def array_filtered(archive) -> list[SearchQuery]:
    bukharin, rykov, politics = archive.bukharin.pk, archive.rykov.pk, archive.politics.pk
    return [
        SearchQuery(person=(bukharin,)),
        SearchQuery(person=(bukharin, rykov), sort="-date"),
        SearchQuery(kind=("document",), person=(bukharin,)),
        SearchQuery(kind=("document",), subject=(politics,)),
        SearchQuery(subject=(politics,), language=("ru",), decade=(1920,)),
        SearchQuery(person=(bukharin,), subject=(politics,)),
        SearchQuery(person=(rykov,), has_image=True),
    ]


def assert_array_filters_match_a_fresh_count(monkeypatch, queries):
    """A person or subject filter: the total, the page and the other facets count the rows;
    the filtered facet itself counts under the other filters, from the value cells when they are
    one or two one-value filters (or none), and always as counting the rows afresh gives it."""
    for query in queries:
        selected = [facet for facet in ("person", "subject") if query.selected(facet)]
        others = [facet for facet in COLUMN_FACETS if query.selected(facet)]
        sql = statement(query)
        assert (VALUE_CELL_TABLE in sql) == (
            len(selected) == 1 and cuboid_for(others) is not None
        ), query
        assert "SELECT count(*) FROM m" in sql, query
        stored, fresh = search(query), counted(query, monkeypatch)
        assert stored.total == fresh.total, query
        assert facet_table(stored) == facet_table(fresh), query
        assert [h.slug for h in stored.hits] == [h.slug for h in fresh.hits], query


def test_a_person_or_subject_filter_counts_its_own_facet_from_value_cells(archive, monkeypatch):
    assert_array_filters_match_a_fresh_count(monkeypatch, array_filtered(archive))
    # Bukharin is counted under no other filter: as many as browsing shows for him.
    browse = {v.value: v.count for v in search(SearchQuery()).facets["person"]}
    persons = search(SearchQuery(person=(archive.bukharin.pk,))).facets["person"]
    assert {v.value: v.count for v in persons} == browse


@pytest.mark.django_db
def test_top_persons_and_subjects_of_value_cells_equal_a_fresh_count_in_a_large_archive(
    monkeypatch,
):
    """Thousands of persons: the value cells give the same top 15 persons and subjects (ties at
    the cut broken in id order) as counting the rows, for one cell and for several."""
    from benchmarks import synthetic
    from search.index import KINDS, rebuild

    synthetic.generate(400, seed=12)
    for kind in KINDS:
        rebuild(kind)
    browse = search(SearchQuery(kind=("document",))).facets
    decades = [v.value for v in browse["decade"]]
    languages = [v.value for v in browse["language"]]
    collections = [v.value for v in browse["collection"]]
    queries = [
        SearchQuery(kind=("document",)),
        SearchQuery(decade=(decades[0],)),
        SearchQuery(kind=("document",), decade=(decades[0],)),
        SearchQuery(kind=("document", "photograph"), decade=tuple(decades[:3])),
        SearchQuery(language=(languages[0],)),
        SearchQuery(language=tuple(languages[:2]), sort="-date"),
        SearchQuery(collection=(collections[0],)),
        SearchQuery(collection=tuple(collections[:3])),
        SearchQuery(has_image=False),
        SearchQuery(kind=("document",), language=(languages[0],)),
        SearchQuery(kind=("document", "photograph"), collection=tuple(collections[:2])),
        SearchQuery(decade=tuple(decades[:2]), language=(languages[0],), sort="title"),
        SearchQuery(collection=(collections[0],), language=tuple(languages[:2])),
        SearchQuery(decade=(decades[0],), has_image=False),
        # Three one-value facets: no value cells, the rows are counted.
        SearchQuery(kind=("document",), decade=(decades[0],), language=(languages[0],)),
    ]
    assert_cells_match_a_fresh_count(monkeypatch, queries)
    assert len(search(queries[0]).facets["person"]) == 15
    # A person or subject chosen, also one outside the top 15 (its count is kept beside them).
    top = [v.value for v in search(SearchQuery()).facets["person"]]
    ids = {i for row in SearchEntry.objects.values_list("person_ids", flat=True) for i in row}
    rare = max(ids - set(top))
    subject = search(SearchQuery()).facets["subject"][0].value
    chosen = [
        SearchQuery(person=(rare,)),
        SearchQuery(person=(top[0], rare), kind=("document",)),
        SearchQuery(person=(top[1],), language=(languages[0],), collection=(collections[0],)),
        SearchQuery(subject=(subject,), decade=(decades[0],)),
        SearchQuery(person=(top[0],), kind=("document",), decade=(decades[0],), sort="title"),
    ]
    assert_array_filters_match_a_fresh_count(monkeypatch, chosen)
    assert rare in {v.value for v in search(chosen[0]).facets["person"]}


def test_value_cells_are_kept_for_each_one_value_facet_and_each_pair():
    facets = list(COLUMN_FACETS)
    for size in (1, 2):
        for chosen in itertools.combinations(facets, size):
            assert set(cuboid_for(reversed(chosen))) == set(chosen)
    assert cuboid_for(["kind", "decade", "language"]) is None
    assert cuboid_for(facets) is None


def test_cells_follow_saves_unpublishing_and_deletes(archive, commit, monkeypatch):
    queries = FILTERED + collection_queries(archive)
    with commit():
        archive.econ.status = Status.WITHDRAWN
        archive.econ.save()
    assert_cells_match_a_fresh_count(monkeypatch, queries)
    with commit():
        archive.econ.status = Status.PUBLISHED
        archive.econ.language = "de"
        archive.econ.collection = archive.press
        archive.econ.save()
    assert_cells_match_a_fresh_count(monkeypatch, [*queries, SearchQuery(language=("de",))])
    with commit():
        archive.draft.status = Status.PUBLISHED
        archive.draft.published_at = timezone.now() - datetime.timedelta(minutes=1)
        archive.draft.save()
    assert_cells_match_a_fresh_count(monkeypatch, queries)
    with commit():
        archive.rykov_photo.delete()
    assert_cells_match_a_fresh_count(monkeypatch, queries)
    with commit():
        f.DocumentFactory(slug="new-doc", date="1955", language="fr", collection=archive.papers)
    assert_cells_match_a_fresh_count(monkeypatch, [*queries, SearchQuery(decade=(1950,))])
    assert not SearchFacetCell.objects.filter(count__lte=0).exists()
    assert not SearchValueCell.objects.filter(count__lte=0).exists()
    assert value_cells() == recounted_value_cells()


def test_cells_count_a_scheduled_record_once_its_time_comes(archive, commit, monkeypatch):
    query = SearchQuery(kind=("event",), decade=(1980,))
    assert search(query).total == 0
    # The time comes now: after every row the index has counted (as a real next publication
    # is always later than the last index write).
    past = timezone.now()
    type(archive.scheduled).objects.filter(pk=archive.scheduled.pk).update(published_at=past)
    SearchEntry.objects.filter(slug=archive.scheduled.slug).update(published_at=past)
    SearchIndexState.objects.update(next_publication=past)

    assert search(query).total == 1
    assert_cells_match_a_fresh_count(monkeypatch)


def value_cells() -> list[tuple]:
    return sorted(
        SearchValueCell.objects.values_list(
            "facet", "kind", "decade", "language", "collection", "has_image", "value", "count"
        )
    )


def recounted_value_cells() -> list[tuple]:
    recount_cells()
    return value_cells()


def test_recounting_the_cells_changes_nothing(archive):
    before = sorted(SearchFacetCell.objects.values_list("kind", "decade", "language", "count"))
    before_values = value_cells()
    recount_cells()
    after = sorted(SearchFacetCell.objects.values_list("kind", "decade", "language", "count"))
    assert before == after
    assert value_cells() == before_values
    bukharin = str(archive.bukharin.pk)
    cells = {row[:7] for row in before_values}
    assert ("person", "document", "1920", "*", "*", "*", bukharin) in cells
    assert ("person", "*", "*", "en", "*", "*", bukharin) in cells
    assert ("person", "*", "*", "*", str(archive.papers.pk), "*", bukharin) in cells


def test_the_value_cell_migrations_count_an_existing_index(archive):
    """0016 counts the cells of every facet and pair as the index's own recount does; undone, it
    leaves the cells 0015 counted."""
    import importlib
    from types import SimpleNamespace

    first = importlib.import_module("archive.migrations.0015_search_value_cells")
    per_pair = importlib.import_module("archive.migrations.0016_search_value_cells_per_pair")
    editor = SimpleNamespace(connection=connection)
    expected = recounted_value_cells()
    SearchValueCell.objects.all().delete()
    per_pair.per_pair(None, editor)
    assert value_cells() == expected
    assert {row[0] for row in expected} == {"person", "subject"}

    per_pair.as_before(None, editor)
    undone = value_cells()
    SearchValueCell.objects.all().delete()
    first.count_value_cells(None, editor)
    assert value_cells() == undone
    assert len(undone) < len(expected)


def test_the_migration_counts_the_cells_of_an_existing_index(archive):
    import importlib
    from types import SimpleNamespace

    migration = importlib.import_module("archive.migrations.0011_perf_facet_cells")
    recount_cells()
    expected = sorted(
        SearchFacetCell.objects.values_list(
            "kind", "decade", "language", "collection", "has_image", "count"
        )
    )
    SearchFacetCell.objects.all().delete()
    migration.count_cells(None, SimpleNamespace(connection=connection))
    counted_now = sorted(
        SearchFacetCell.objects.values_list(
            "kind", "decade", "language", "collection", "has_image", "count"
        )
    )
    assert counted_now == expected
    assert sum(count for *_, count in counted_now) == len(archive.public)
