"""The search engine's entry point: `search(query)` and the backend for the database in use.

The backend is chosen once per database vendor, in `get_backend()`. A search is answered from the
cache (search.cache) when it can be, and by the backend otherwise.
"""

import functools
from collections.abc import Iterable
from dataclasses import replace

from django.db import connection

from search.backends.base import SearchBackend
from search.backends.postgres import PostgresSearchBackend
from search.backends.sqlite import SQLiteSearchBackend
from search.cache import cached, cached_many
from search.query import SearchQuery, SearchResults

BACKENDS: tuple[type[SearchBackend], ...] = (PostgresSearchBackend, SQLiteSearchBackend)


@functools.cache
def _backend_for(vendor: str) -> SearchBackend:
    for backend in BACKENDS:
        if backend.vendor == vendor:
            return backend()
    raise NotImplementedError(f"Vitrine's search supports PostgreSQL and SQLite, not {vendor}.")


def get_backend() -> SearchBackend:
    """The search backend for the default database."""
    return _backend_for(connection.vendor)


def search(query: SearchQuery, *, use_cache: bool = True) -> SearchResults:
    """Run a faceted search; only public records are found or counted."""
    if not use_cache:
        return get_backend().search(query)
    return cached(query, lambda: get_backend().search(query))


def search_many(queries: Iterable[SearchQuery]) -> list[SearchResults]:
    """search() for each query, for a page with several searches on it: the index's generation
    and the cache are read once for all of them, and each search not cached runs as search()
    runs it."""
    backend = get_backend()
    return cached_many(list(queries), lambda missing: [backend.search(q) for q in missing])


def totals(queries: Iterable[SearchQuery]) -> list[int]:
    """The total of each search (what `search(query).total` counts), for a page that shows
    several counts: cached, and the counts not cached taken in one statement
    (SearchBackend.totals)."""
    counted = [
        replace(query, page=1, per_page=SearchQuery.per_page, sort="relevance", initials=False)
        for query in queries
    ]
    return cached_many(counted, get_backend().totals, namespace="total")
