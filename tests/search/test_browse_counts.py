"""The stored counts that answer a plain browse always equal counting the index afresh."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.models import Status
from search.backends.base import CELL_TABLE, VALUE_CELL_TABLE, SearchBackend
from search.engine import get_backend, search
from search.models import SearchEntry, SearchIndexState
from search.query import SearchQuery
from tests import factories as f


def facet_table(results) -> dict:
    return {
        facet: sorted((v.value, v.count) for v in values)
        for facet, values in results.facets.items()
    }


def assert_browse_matches_a_fresh_count():
    backend = get_backend()
    query = SearchQuery()
    stored = backend._browse(query)
    # The general path with no stored cell either: counts every public row now.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SearchBackend, "_counts_from_cells", staticmethod(lambda *args: False))
        with backend.snapshot(), CaptureQueriesContext(connection) as captured:
            counted = backend._search(query, None)
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert CELL_TABLE not in sql and VALUE_CELL_TABLE not in sql
    assert stored.total == counted.total
    assert facet_table(stored) == facet_table(counted)
    assert [h.slug for h in stored.hits] == [h.slug for h in counted.hits]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_counts_follow_saves_unpublishing_and_deletes(archive, commit):
    assert_browse_matches_a_fresh_count()
    with commit():
        archive.econ.status = Status.WITHDRAWN
        archive.econ.save()
    assert_browse_matches_a_fresh_count()
    with commit():
        archive.econ.status = Status.PUBLISHED
        archive.econ.language = "de"
        archive.econ.save()
        archive.econ.subjects.add(archive.trials)
    assert_browse_matches_a_fresh_count()
    with commit():
        archive.rykov_photo.delete()
    assert_browse_matches_a_fresh_count()
    with commit():
        f.DocumentFactory(slug="new-doc", date="1955", language="fr")
    assert_browse_matches_a_fresh_count()
    # One public photograph deleted, one public document added.
    assert get_backend()._browse(SearchQuery()).total == len(archive.public)


def test_a_scheduled_record_is_counted_once_its_time_comes(archive, commit):
    with commit():
        record = f.DocumentFactory(
            slug="later", published_at=timezone.now() + datetime.timedelta(hours=1)
        )
    before = get_backend()._browse(SearchQuery()).total
    assert search(SearchQuery()).total == before  # and now cached

    # The time comes: move the clock's mark instead of waiting an hour.
    # The time comes now: after every row the index has counted (as a real next publication
    # is always later than the last index write).
    past = timezone.now()
    type(record).objects.filter(pk=record.pk).update(published_at=past)
    SearchEntry.objects.filter(slug="later").update(published_at=past)
    SearchIndexState.objects.update(next_publication=past)

    assert search(SearchQuery()).total == before + 1
    assert_browse_matches_a_fresh_count()


def test_an_index_write_after_a_publication_came_due_still_recounts(archive, commit):
    with commit():
        later = f.DocumentFactory(
            slug="later", published_at=timezone.now() + datetime.timedelta(hours=1)
        )
    # The time comes now: after every row the index has counted (as a real next publication
    # is always later than the last index write).
    past = timezone.now()
    type(later).objects.filter(pk=later.pk).update(published_at=past)
    SearchEntry.objects.filter(slug="later").update(published_at=past)
    SearchIndexState.objects.update(next_publication=past)

    with commit():  # an unrelated write comes first, before any search notices the due time
        f.EventFactory(slug="unrelated")

    assert_browse_matches_a_fresh_count()
    assert "later" in {h.slug for h in search(SearchQuery(kind=("document",))).hits}


def test_a_person_whose_time_comes_lends_their_name_to_linked_records(archive, commit):
    from archive.models import Depiction

    with commit():
        person = f.PersonFactory(
            title="Zenon Scheduled",
            slug="zenon",
            published_at=timezone.now() + datetime.timedelta(hours=1),
        )
        photo = f.PhotographFactory(slug="zenon-photo", title="A group", caption="A group.")
        Depiction.objects.create(photograph=photo, person=person)
    assert search(SearchQuery(text="Zenon", kind=("photograph",))).total == 0

    # The time comes now: after every row the index has counted (as a real next publication
    # is always later than the last index write).
    past = timezone.now()
    type(person).objects.filter(pk=person.pk).update(published_at=past)
    SearchEntry.objects.filter(slug="zenon").update(published_at=past)
    SearchIndexState.objects.update(next_publication=past)

    assert [h.slug for h in search(SearchQuery(text="Zenon", kind=("photograph",))).hits] == [
        "zenon-photo"
    ]


@pytest.mark.django_db
def test_stored_top_persons_and_subjects_equal_a_fresh_count_in_a_large_archive(monkeypatch):
    """Thousands of persons: the stored counts keep the same top values as counting afresh.
    Rebuilding every kind counts the index once, at the end (each recount reads it all)."""
    from benchmarks import synthetic
    from search import counts
    from search.index import KINDS, rebuild_kinds

    synthetic.generate(400, seed=11)
    recounts = []
    recount = counts.recount
    monkeypatch.setattr(counts, "recount", lambda *a: recounts.append(a) or recount(*a))
    bars = []

    class Bar:
        def __init__(self, kind: str, total: int) -> None:
            self.kind, self.total, self.done, self.finished = kind, total, 0, False
            bars.append(self)

        def __call__(self, count: int) -> None:
            self.done += count

        def finish(self) -> None:
            self.finished = True

    assert rebuild_kinds(bar=Bar) == sum(kind.model.objects.count() for kind in KINDS.values())
    assert len(recounts) == 1
    assert [(b.kind, b.done, b.finished) for b in bars] == [
        (kind, KINDS[kind].model.objects.count(), True) for kind in KINDS
    ]
    assert all(b.total == b.done for b in bars)
    assert len(get_backend()._browse(SearchQuery()).facets["person"]) == 15
    assert_browse_matches_a_fresh_count()


def test_a_catch_up_counts_the_rows_that_came_due_once_without_recounting(
    archive, commit, monkeypatch
):
    """A full recount is far too slow for whichever request notices a publication time; a
    catch-up adds only the rows that came due. The record itself saved again after
    its time came, before any search noticed, is still counted once."""
    from search import counts

    with commit():
        later = f.DocumentFactory(
            slug="later", published_at=timezone.now() + datetime.timedelta(hours=1)
        )
    before = get_backend()._browse(SearchQuery()).total

    def no_recount(*args, **kwargs):
        raise AssertionError("a catch-up recounted the whole index")

    monkeypatch.setattr(counts, "recount", no_recount)
    past = timezone.now()  # the time comes now (see above)
    type(later).objects.filter(pk=later.pk).update(published_at=past)
    SearchEntry.objects.filter(slug="later").update(published_at=past)
    SearchIndexState.objects.update(next_publication=past)
    later.refresh_from_db()
    later.title = "Later, and edited"
    with commit():
        later.save()

    assert get_backend()._browse(SearchQuery()).total == before + 1
    monkeypatch.undo()
    assert_browse_matches_a_fresh_count()
