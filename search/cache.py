"""Caching search answers without ever serving a stale count.

An answer is cached under the index's generation, which changes with every index write, and is
dropped when the earliest scheduled publication comes due. Repeated requests (the same query,
facets and page) then cost one primary-key lookup. Works with any Django cache; a shared one
(Redis) serves every app server at once.
"""

import datetime
import hashlib
import json
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from archive.models.base import Status
from search.entry import SearchIndexState
from search.query import SearchQuery, SearchResults

TIMEOUT = 60 * 60


def _state() -> SearchIndexState:
    state = SearchIndexState.objects.filter(pk=1).first()
    if state is None:
        state, _ = SearchIndexState.objects.get_or_create(pk=1)
    return state


def index_changed(now: datetime.datetime | None = None) -> datetime.datetime:
    """Called after every index write: catch up with the publications that came due by `now`
    (default: the present; see catch_up), change the generation and find the next publication
    after `now`; return `now`."""
    return _update_state(now or timezone.now(), written=True)


def catch_up(now: datetime.datetime | None = None) -> datetime.datetime:
    """Called before every index write: count the publications that came due by `now` (default:
    the present) and return `now`, holding the index state's row lock until the transaction ends.

    The stored browse counts count the rows public at the last catch-up (search.counts),
    so an index write first catches up and then counts its rows as public at the same `now`:
    every row is counted once, whichever comes first — its publication time or a write. Catching
    up (under the lock, so concurrent requests do it once) adds the rows that came due to the
    counts, and reindexes the records that name newly public persons. Every writer takes the
    lock before it writes index rows, so no two wait on each other's rows.
    """
    return _update_state(now or timezone.now(), written=False)


def _update_state(now: datetime.datetime, *, written: bool) -> datetime.datetime:
    with transaction.atomic():
        state, _ = SearchIndexState.objects.select_for_update().get_or_create(pk=1)
        due = state.next_publication if _is_due(state, now) else None
        if due is None and not written:
            return now
        state.next_publication = _next_publication(now)
        # A random generation, not a counter: a rolled-back or restored database never meets an
        # answer cached for another state under the same number.
        state.generation = secrets.randbits(62)
        state.save()
        if due is not None:
            _catch_up(due, now)
    return now


def _next_publication(now):
    """The earliest publication after now, from each kind's (status, published_at) index.

    The index rows carry the same times, but an index on their published_at invited
    PostgreSQL to AND it with the text index in searches of common words (72 ms lost at a
    million records for "party"), so the index table has none.
    """
    from search.index import KINDS

    times = [
        kind.model.objects.filter(status=Status.PUBLISHED, published_at__gt=now).aggregate(
            next=Min("published_at")
        )["next"]
        for kind in KINDS.values()
    ]
    return min((time for time in times if time is not None), default=None)


def _is_due(state: SearchIndexState, now) -> bool:
    return state.next_publication is not None and state.next_publication <= now


def _catch_up(since: datetime.datetime, now: datetime.datetime) -> None:
    """Publications that came due between `since` and `now`: their rows join the stored counts
    (a few rows, where recounting the index took tens of seconds at a million records), and
    records that name a newly public person are reindexed to carry the name."""
    from archive.models import Person
    from search import counts
    from search.index import KINDS, index_records
    from search.signals import records_linking_person

    # Found through each record table's (status, published_at) index, as _next_publication
    # finds them: the index table has no index on published_at (see there).
    for kind, spec in KINDS.items():
        due = spec.model.objects.filter(
            status=Status.PUBLISHED, published_at__gte=since, published_at__lte=now
        ).values_list("pk", flat=True)
        counts.apply_change([], counts.due_rows(kind, due, since, now))
    newly_public = Person.objects.filter(
        status=Status.PUBLISHED, published_at__gte=since, published_at__lte=now
    ).values_list("pk", flat=True)
    for person_id in newly_public:
        for kind, ids in records_linking_person(person_id).items():
            index_records(kind, ids)


def _key(query: SearchQuery, generation: int) -> str:
    payload = json.dumps(query.__dict__, sort_keys=True, default=str)
    return f"vitrine:search:{generation}:{hashlib.sha256(payload.encode()).hexdigest()}"


def _generation() -> tuple[int | None, bool]:
    """The index's generation (None before the first write), and whether a scheduled
    publication has come due: one primary-key read, as cheap as a request can make it."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generation, next_publication IS NOT NULL AND next_publication <= %s "
            "FROM archive_search_state WHERE id = 1",  # SearchIndexState
            [now],
        )
        row = cursor.fetchone()
    return (row[0], bool(row[1])) if row else (None, False)


def cached(query: SearchQuery, compute: Callable[[], SearchResults]) -> SearchResults:
    """The cached answer for query, or compute it and cache it."""
    generation, due = _generation()
    if due:
        index_changed()  # a scheduled record has become public
    if due or generation is None:
        generation = _state().generation
    key = _key(query, generation)
    results = cache.get(key)
    if results is None:
        results = compute()
        cache.set(key, results, TIMEOUT)
    return results
