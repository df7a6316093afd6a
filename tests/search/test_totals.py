"""Several searches at once (search.engine.totals and search_many), for pages that show several:
the same totals and results as `search()`, public records only, and the cache read once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Status
from search.engine import search, search_many, totals
from search.query import SearchQuery
from tests.search.conftest import found

pytestmark = pytest.mark.django_db


def queries_for(archive) -> list[SearchQuery]:
    return [
        SearchQuery(text="bukharin"),
        SearchQuery(text="Bukarin"),  # a typo: falls back to persons with similar names
        SearchQuery(text="xyzzy"),  # nothing, and no similar name
        SearchQuery(kind=("document",)),
        SearchQuery(kind=("document", "photograph"), decade=(1920,)),
        SearchQuery(text="communism", language=("en",)),
        SearchQuery(year_from=1925, year_to=1930),
        SearchQuery(initial="B", kind=("person",)),
        SearchQuery(subject=(archive.politics.pk,), sort="date", page=2, per_page=3),
        SearchQuery(person=(archive.bukharin.pk,), collection=(archive.papers.pk,)),
        SearchQuery(),  # the whole public archive
    ]


def test_totals_are_the_totals_search_counts(archive):
    queries = queries_for(archive)
    expected = [search(query, use_cache=False).total for query in queries]
    assert totals(queries) == expected
    assert expected[:3] == [7, 7, 0]  # the typo found Bukharin's records, xyzzy nothing
    assert expected[-1] == len(archive.public)
    assert totals(queries) == expected  # and from the cache
    assert totals([]) == []


def test_totals_count_public_records_only_and_follow_publication(
    archive, django_capture_on_commit_callbacks
):
    query = SearchQuery(text="communism")
    before = totals([query])[0]
    # The draft, the withdrawn and the scheduled record say "communism" too.
    assert before == search(query, use_cache=False).total >= 1
    with django_capture_on_commit_callbacks(execute=True):
        archive.draft.status = Status.PUBLISHED
        archive.draft.save()
    assert totals([query]) == [before + 1]


def test_totals_of_many_searches_take_as_many_queries_as_one(archive):
    queries = [q for q in queries_for(archive) if q.text not in ("Bukarin", "xyzzy")]
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        totals(queries[:1])
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        totals(queries)
    assert len(many) == len(one)
    with CaptureQueriesContext(connection) as cached:
        totals(queries)
    assert len(cached) == 1  # the index's generation; every count from the cache


def test_search_many_answers_as_search_does_and_reads_the_cache_once(archive):
    queries = queries_for(archive)[:6]
    answers = search_many(queries)
    for query, answer in zip(queries, answers, strict=True):
        alone = search(query, use_cache=False)
        assert answer.total == alone.total
        assert [hit.slug for hit in answer.hits] == [hit.slug for hit in alone.hits]
        assert not found(answer) & {r.slug for r in archive.unpublished}
    with CaptureQueriesContext(connection) as cached:
        assert [a.total for a in search_many(queries)] == [a.total for a in answers]
    assert len(cached) == 1
