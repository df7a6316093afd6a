"""PostgreSQL keeps what every search reads in the index row, and the texts out of it
(migration archive 0012: read in half the time at 100,000 records; see the README's benchmarks)."""

import datetime
import importlib

import pytest
from django.db import connection

from search.engine import get_backend

pytestmark = pytest.mark.django_db

layout = importlib.import_module("archive.migrations.0012_search_vector_inline")


def test_columns_searches_read_stay_in_the_row_and_texts_leave_it():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL storage layout")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute "
            "WHERE attrelid = 'archive_search_entry'::regclass AND attnum > 0 "
            "AND NOT attisdropped"
        )
        storage = dict(cursor.fetchall())
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'archive_search_entry'")
        options = cursor.fetchone()[0]
    assert {column: storage[column] for column in layout.IN_ROW} == dict.fromkeys(
        layout.IN_ROW, "m"
    )
    assert {storage[column] for column in ("title", "names", "summary", "body")} == {"x"}
    assert "toast_tuple_target=128" in options


def test_a_long_record_is_still_found_ranked_and_snippeted(django_capture_on_commit_callbacks):
    """A body far over a page: its tsvector leaves the row after all, and still matches."""
    from search.engine import search
    from search.query import SearchQuery
    from tests import factories as f

    with django_capture_on_commit_callbacks(execute=True):
        f.DocumentFactory(
            title="Long transcript",
            transcription=" ".join(f"word{n} testimony" for n in range(6000)),
        )
    assert [hit.title for hit in search(SearchQuery(text="word5999")).hits] == ["Long transcript"]
    hit = search(SearchQuery(text="word3")).hits[0]
    assert "<mark>word3</mark>" in hit.snippet


def test_a_year_range_finds_its_rows_through_the_date_range_index():
    """Migration 0017: without it, both comparisons matched most rows and every row was read."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL index")
    sql, params = get_backend().dates_overlap(
        datetime.date(1930, 1, 1), datetime.date(1935, 12, 31)
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN SELECT id FROM archive_search_entry e WHERE {sql}", params)  # noqa: S608
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "archive_search_dates_gist" in plan


def test_a_browse_the_cells_count_empty_reads_no_row(django_capture_on_commit_callbacks):
    """With no public image, "with image" would walk the whole title index for its page."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL plan")
    from django.test.utils import CaptureQueriesContext

    from search.query import SearchQuery
    from tests import factories as f

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            f.DocumentFactory(slug=f"plain-{n}")
    backend = get_backend()
    with backend.snapshot(), CaptureQueriesContext(connection) as captured:
        results = backend._search(SearchQuery(has_image=True), None)
    assert results.total == 0
    statement = next(q["sql"] for q in captured.captured_queries if q["sql"].startswith("WITH m"))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {statement}")
        plan = [row[0] for row in cursor.fetchall()]
    scans = [line for line in plan if "on archive_search_entry" in line]
    assert scans, plan
    assert all("never executed" in line for line in scans), plan


def test_the_page_of_images_is_read_from_the_image_index(django_capture_on_commit_callbacks):
    """An archive of few images: without an index "with image" finds its page by reading every
    row. Migration 0018's partial index holds only the rows with an image."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL plan")
    from django.test.utils import CaptureQueriesContext

    from search.query import SearchQuery
    from tests import factories as f

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            f.DocumentFactory(slug=f"plain-{n}")
        f.PhotographFactory(title="A hall")
    backend = get_backend()
    with backend.snapshot(), CaptureQueriesContext(connection) as captured:
        results = backend._search(SearchQuery(has_image=True), None)
    assert [hit.title for hit in results.hits] == ["A hall"]
    statement = next(q["sql"] for q in captured.captured_queries if q["sql"].startswith("WITH m"))
    with connection.cursor() as cursor:
        # A tiny table is read whole whatever its indexes: without that way out, the planner
        # shows which index it would take at scale.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (COSTS OFF) {statement}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "archive_search_image_idx" in plan, plan


def test_a_rebuild_drops_the_rows_of_deleted_records_by_an_anti_join(
    django_capture_on_commit_callbacks,
):
    """`NOT IN (the record ids)` cannot be an anti-join (NULLs): once the ids outgrow
    work_mem, PostgreSQL compares every row with every id. NOT EXISTS is planned as an
    anti-join at any size."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL plan")
    from django.test.utils import CaptureQueriesContext

    from search.index import rebuild
    from search.models import SearchEntry
    from tests import factories as f

    with django_capture_on_commit_callbacks(execute=True):
        f.DocumentFactory(slug="kept")
        gone = f.DocumentFactory(slug="gone")
    type(gone).objects.filter(pk=gone.pk)._raw_delete(connection.alias)  # no signal: row stays
    with CaptureQueriesContext(connection) as captured:
        rebuild("document")
    assert list(SearchEntry.objects.filter(kind="document").values_list("slug", flat=True)) == [
        "kept"
    ]
    delete = next(q["sql"] for q in captured.captured_queries if q["sql"].startswith("DELETE FROM"))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (COSTS OFF) {delete}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Anti Join" in plan and "SubPlan" not in plan, plan
