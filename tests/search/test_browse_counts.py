"""The stored counts that answer a plain browse always equal counting the index afresh."""

import datetime

import pytest
from django.utils import timezone

from archive.models import SearchEntry, SearchIndexState, Status
from archive.search import get_backend, search
from archive.search.query import SearchQuery
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
    counted = backend._search(query, None)  # the general path: counts every public row now
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
    past = timezone.now() - datetime.timedelta(seconds=1)
    type(record).objects.filter(pk=record.pk).update(published_at=past)
    SearchEntry.objects.filter(slug="later").update(published_at=past)
    SearchIndexState.objects.update(next_publication=past)

    assert search(SearchQuery()).total == before + 1
    assert_browse_matches_a_fresh_count()
