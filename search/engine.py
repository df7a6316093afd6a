"""The search engine's entry point: `search(query)` and the backend for the database in use.

The backend is chosen once per database vendor, in `get_backend()`. A search is answered from the
cache (search.cache) when it can be, and by the backend otherwise.
"""

import functools

from django.db import connection

from search.backends.base import SearchBackend
from search.backends.postgres import PostgresSearchBackend
from search.backends.sqlite import SQLiteSearchBackend
from search.cache import cached
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
