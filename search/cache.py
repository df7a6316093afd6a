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
from search.query import SearchQuery

TIMEOUT = 60 * 60


def _key(query: SearchQuery, generation: int, namespace: str = "search") -> str:
    payload = json.dumps(query.__dict__, sort_keys=True, default=str)
    return f"vitrine:{namespace}:{generation}:{hashlib.sha256(payload.encode()).hexdigest()}"


def cached_many[T](
    queries: list[SearchQuery],
    compute: Callable[[list[SearchQuery]], list[T]],
    *,
    namespace: str = "search",
) -> list[T]:
    """cached() for several queries (a page with several searches): the generation and the cache
    are read once, and `compute` is called once with the queries not cached, returning their
    answers in the same order."""
    if not queries:
        return []
    generation = publications.generation()
    keys = [_key(query, generation, namespace) for query in queries]
    found = cache.get_many(keys)
    missing = {key: query for key, query in zip(keys, queries, strict=True) if key not in found}
    if missing:
        answers = dict(zip(missing, compute(list(missing.values())), strict=True))
        cache.set_many(answers, TIMEOUT)
        found.update(answers)
    return [found[key] for key in keys]


def cached[T](query: SearchQuery, compute: Callable[[], T], *, namespace: str = "search") -> T:
    """The cached answer for query, or compute it and cache it; `namespace` tells apart answers
    of another kind to the same query (search.geo's counts by place)."""
    key = _key(query, publications.generation(), namespace)
    results = cache.get(key)
    if results is None:
        results = compute()
        cache.set(key, results, TIMEOUT)
    return results
