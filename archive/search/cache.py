"""Caching search answers without ever serving a stale count.

An answer is cached under the index's generation, which changes with every index write, and is
dropped when the earliest scheduled publication comes due. Repeated requests (the same query,
facets and page) then cost one primary-key lookup. Works with any Django cache; a shared one
(Redis) serves every app server at once.
"""

import hashlib
import json
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from archive.models.base import Status
from archive.search.entry import SearchEntry, SearchIndexState
from archive.search.query import SearchQuery, SearchResults

TIMEOUT = 60 * 60


def _state() -> SearchIndexState:
    state = SearchIndexState.objects.filter(pk=1).first()
    if state is None:
        state, _ = SearchIndexState.objects.get_or_create(pk=1)
    return state


def index_changed() -> None:
    """Called after every index write: bump the generation and find the next publication."""
    next_publication = SearchEntry.objects.filter(
        status=Status.PUBLISHED, published_at__gt=timezone.now()
    ).aggregate(next=Min("published_at"))["next"]
    # A random generation, not a counter: a rolled-back or restored database never meets an
    # answer cached for another state under the same number.
    SearchIndexState.objects.update_or_create(
        pk=1, defaults={"generation": secrets.randbits(62), "next_publication": next_publication}
    )


def _key(query: SearchQuery, generation: int) -> str:
    payload = json.dumps(query.__dict__, sort_keys=True, default=str)
    return f"vitrine:search:{generation}:{hashlib.sha256(payload.encode()).hexdigest()}"


def cached(query: SearchQuery, compute: Callable[[], SearchResults]) -> SearchResults:
    """The cached answer for query, or compute it and cache it."""
    state = _state()
    if state.next_publication and state.next_publication <= timezone.now():
        from archive.search.counts import recount

        recount()  # a scheduled record has become public
        index_changed()
        state = _state()
    key = _key(query, state.generation)
    results = cache.get(key)
    if results is None:
        results = compute()
        cache.set(key, results, TIMEOUT)
    return results
