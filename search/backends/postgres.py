"""PostgreSQL search: a weighted tsvector (title A, names B, summary C, body D) generated with the
accent-insensitive `vitrine` text search configuration, a GIN index, `websearch_to_tsquery` syntax,
ts_rank_cd ranking, ts_headline snippets, and pg_trgm word similarity for misspelt person names."""

from collections.abc import Sequence
from contextlib import AbstractContextManager

from django.db import connection, transaction

from archive import visibility
from search.backends.base import MARK_END, MARK_START, SearchBackend, TextMatch, marked_html
from search.dialect import PostgresDialect
from search.query import parse_websearch

CONFIG = "vitrine"
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
NAME_SIMILARITY = 0.45


class PostgresSearchBackend(PostgresDialect, SearchBackend):
    """The faceted search in PostgreSQL's dialect, with its text matching and snippets."""

    def text_match(self, text: str) -> TextMatch | None:
        if not parse_websearch(text):
            return None
        return TextMatch(
            from_sql=f", websearch_to_tsquery('{CONFIG}', %s) AS q",
            from_params=[text],
            where="e.search_vector @@ q",
            where_params=[],
            rank="ts_rank_cd(e.search_vector, q)",
        )

    def name_match(self, words: list[str]) -> tuple[str, list, str, list, str]:
        # Every word in the title (weight A) or names (B). Words are letters and digits only, so
        # none is tsquery syntax. Persons and trials have a text index of their own (migration
        # search 0002), which a common word's matches elsewhere never reach.
        terms = " & ".join(f"{word}:AB" for word in words)
        return (
            f", to_tsquery('{CONFIG}', %s) AS q",
            [terms],
            "e.search_vector @@ q",
            [],
            "ts_rank_cd(e.search_vector, q)",
        )

    def array_overlap(self, column: str, values: Sequence[int]) -> tuple[str, list]:
        return f"{column} && %s::bigint[]", [list(values)]

    def array_values(self, column: str) -> str:
        # unnest() in the select list: faster than a lateral unnest to count ids.
        return f"SELECT unnest(m.{column}) AS k FROM m"

    def dates_overlap(self, first, last) -> tuple[str, list]:
        # The GiST index on the rows' date ranges (migration 0017) finds the overlapping rows;
        # the two comparisons it replaces each matched most of the archive (a year range read
        # every row). A missing bound of the range is open, of a row is never reached.
        parts = ["daterange(e.date_lower, e.date_upper, '[]') && daterange(%s, %s, '[]')"]
        if first is not None:
            parts.append("e.date_upper IS NOT NULL")
        if last is not None:
            parts.append("e.date_lower IS NOT NULL")
        return " AND ".join(parts), [first, last]

    def json_rows(self, select_sql: str, columns: str) -> str:
        return (
            f"(SELECT coalesce(json_agg(json_build_array({columns})), '[]') FROM ({select_sql}) t)"
        )

    def snapshot(self) -> AbstractContextManager:
        # One transaction: the statements see one snapshot, and SET LOCAL settings stay local.
        return transaction.atomic()

    def snippets(self, ids: list[int], text: str) -> dict[int, str]:
        sql = (
            f"SELECT e.id, ts_headline('{CONFIG}', "
            "coalesce(nullif(e.summary, ''), '') || ' ' || left(e.body, 20000), q, %s) "
            f"FROM archive_search_entry e, websearch_to_tsquery('{CONFIG}', %s) AS q "
            "WHERE e.id = ANY(%s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [HEADLINE_OPTIONS, text, list(ids)])
            return {pk: marked_html(snippet.strip()) for pk, snippet in cursor.fetchall()}

    def similar_person_ids(self, text: str) -> list[int]:
        words = " ".join(" ".join(term.words) for group in parse_websearch(text) for term in group)
        if not words:
            return []
        public, params = visibility.public_sql("e")
        sql = (
            "SELECT e.object_id FROM archive_search_entry e "
            f"WHERE e.kind = 'person' AND %s <%% e.names AND {public} "
            "ORDER BY word_similarity(%s, e.names) DESC LIMIT 10"
        )
        with connection.cursor() as cursor:
            # The default threshold (0.6) misses a dropped letter in a short name ("Bukarin").
            cursor.execute(f"SET LOCAL pg_trgm.word_similarity_threshold = {NAME_SIMILARITY}")
            cursor.execute(sql, [words, *params, words])
            return [row[0] for row in cursor.fetchall()]
