"""Faceted full-text search of the archive, an app on top of `archive`.

`search.engine.search(query)` answers a SearchQuery with a SearchResults, using the backend for
the database in use: PostgreSQL (tsvector, GIN, websearch_to_tsquery, trigram names) or SQLite
(FTS5). The index rows and stored counts are this app's models (search.models).
"""
