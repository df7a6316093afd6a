"""Caching search answers without ever serving a stale count.

An answer is cached under the index's generation (search.publications), which changes with every
index write and when a scheduled publication comes due. Repeated requests (the same query, facets
and page) then cost one primary-key lookup. Works with any Django cache; a shared one (Redis)
serves every app server at once.
"""

import hashlib
import json
from collections.abc import Callable

from django.core.cache import cache

from search import publications
from search.query import SearchQuery, SearchResults

TIMEOUT = 60 * 60


def _key(query: SearchQuery, generation: int) -> str:
    payload = json.dumps(query.__dict__, sort_keys=True, default=str)
    return f"vitrine:search:{generation}:{hashlib.sha256(payload.encode()).hexdigest()}"


def cached(query: SearchQuery, compute: Callable[[], SearchResults]) -> SearchResults:
    """The cached answer for query, or compute it and cache it."""
    key = _key(query, publications.generation())
    results = cache.get(key)
    if results is None:
        results = compute()
        cache.set(key, results, TIMEOUT)
    return results
