"""The search engine's entry point: `search(query)` and the backend for the database in use.

The backend is chosen once, by `connection.vendor`, in `get_backend()`; nothing else looks at the
vendor.
"""

import functools

from django.db import connection

from search.backends.base import SearchBackend
from search.query import SearchQuery, SearchResults


@functools.cache
def _backend_for(vendor: str) -> SearchBackend:
    if vendor == "postgresql":
        from search.backends.postgres import PostgresSearchBackend

        return PostgresSearchBackend()
    if vendor == "sqlite":
        from search.backends.sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend()
    raise NotImplementedError(f"Vitrine's search supports PostgreSQL and SQLite, not {vendor}.")


def get_backend() -> SearchBackend:
    """The search backend for the default database."""
    return _backend_for(connection.vendor)


def search(query: SearchQuery, *, use_cache: bool = True) -> SearchResults:
    """Run a faceted search; only public records are found or counted."""
    from search.cache import cached

    if not use_cache:
        return get_backend().search(query)
    return cached(query, lambda: get_backend().search(query))
