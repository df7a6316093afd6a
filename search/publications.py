"""Scheduled publications: the one place that notices one come due and catches the index up.

A record published for a later time is indexed at once, and its row carries its publication time,
so searches find it on time with nothing rewritten (archive.visibility). Two things do not follow
by themselves: the stored counts (search.counts), which count the rows public at the last
catch-up, and the rows of other records, which carry a person's names only once the person is
public. So the index state (SearchIndexState) holds the earliest publication still to come, and
whoever first finds that it has come — an index write, or a search through the cache
(`generation()`) — catches up, under the state's row lock so that it happens once.

The state also holds the index's generation, which changes with every write so that cached
answers (search.cache) expire.
"""

import datetime
import secrets

from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from archive.kinds import KINDS
from archive.models import Person
from archive.models.base import Status
from search import counts
from search.entry import SearchIndexState
from search.rows import records_linking_person, write_records


def catch_up(now: datetime.datetime | None = None) -> datetime.datetime:
    """Called before every index write: catch up with the publications that came due by `now`
    (default: the present) and return `now`, holding the index state's row lock until the
    transaction ends.

    The stored browse counts count the rows public at the last catch-up, so an index write first
    catches up and then counts its rows as public at the same `now`: every row is counted once,
    whichever comes first — its publication time or a write. Every writer takes the lock before
    it writes index rows, so no two wait on each other's rows.
    """
    return _update_state(now or timezone.now(), written=False)


def index_changed(now: datetime.datetime | None = None) -> datetime.datetime:
    """Called after every index write: catch up as catch_up() does, change the generation and
    find the next publication after `now` (default: the present); return `now`."""
    return _update_state(now or timezone.now(), written=True)


def generation() -> int:
    """The index's generation for a cached answer, after catching up if a scheduled publication
    has come due. Usually one primary-key read, as cheap as a request can make it."""
    current, due = _read_state()
    if due:
        index_changed()  # a scheduled record has become public
    if due or current is None:
        current = _state().generation
    return current


def _read_state() -> tuple[int | None, bool]:
    """The index's generation (None before the first write), and whether a scheduled
    publication has come due, in one primary-key read."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generation, next_publication IS NOT NULL AND next_publication <= %s "
            "FROM archive_search_state WHERE id = 1",  # SearchIndexState
            [now],
        )
        row = cursor.fetchone()
    return (row[0], bool(row[1])) if row else (None, False)


def _state() -> SearchIndexState:
    state = SearchIndexState.objects.filter(pk=1).first()
    if state is None:
        state, _ = SearchIndexState.objects.get_or_create(pk=1)
    return state


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
            _catch_up_publications(due, now)
    return now


def _is_due(state: SearchIndexState, now: datetime.datetime) -> bool:
    return state.next_publication is not None and state.next_publication <= now


def _next_publication(now: datetime.datetime) -> datetime.datetime | None:
    """The earliest publication after now, from each kind's (status, published_at) index.

    The index rows carry the same times, but an index on their published_at invited PostgreSQL
    to combine it with the text index in searches of common words, which is slower, so the index
    table has none.
    """
    times = [
        kind.model.objects.filter(status=Status.PUBLISHED, published_at__gt=now).aggregate(
            next=Min("published_at")
        )["next"]
        for kind in KINDS
    ]
    return min((time for time in times if time is not None), default=None)


def _catch_up_publications(since: datetime.datetime, now: datetime.datetime) -> None:
    """The catch-up itself, for the publications that came due between `since` and `now`: their
    rows join the stored counts (a few rows, not a recount of the index), and the records that
    name a newly public person are reindexed to carry the name."""
    # Found through each record table's (status, published_at) index, as _next_publication
    # finds them: the index table has no index on published_at (see there).
    for kind in KINDS:
        due = kind.model.objects.filter(
            status=Status.PUBLISHED, published_at__gte=since, published_at__lte=now
        ).values_list("pk", flat=True)
        counts.apply_change([], counts.due_rows(kind.name, due, since, now))
    newly_public = Person.objects.filter(
        status=Status.PUBLISHED, published_at__gte=since, published_at__lte=now
    ).values_list("pk", flat=True)
    for person_id in newly_public:
        for kind, ids in records_linking_person(person_id).items():
            write_records(kind, ids, now)
