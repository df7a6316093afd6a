"""SQLite search: an FTS5 table (porter stemming, accents removed) over the index rows, bm25
ranking weighted like PostgreSQL's (title > names > summary > body), snippets, and prefix matching
so that a partial or differently ended name ("Bukh", "Bukharin's") still finds the person."""

from collections.abc import Sequence

from django.db import connection

from archive import visibility
from search.backends.base import MARK_END, MARK_START, SearchBackend, TextMatch, marked_html
from search.dialect import SQLiteDialect
from search.query import parse_websearch

FTS_TABLE = "archive_search_fts"
BM25 = f"bm25({FTS_TABLE}, 10.0, 5.0, 2.0, 1.0)"


def fts5_query(text: str) -> str:
    """Web-search syntax as an FTS5 query. Every word is quoted (so no input is FTS syntax) and
    matched as a prefix; phrases stay exact; OR and -exclusion carry over."""
    groups = []
    for group in parse_websearch(text):
        positive, negative = [], []
        for term in group:
            expr = f'"{" ".join(term.words)}"' if term.phrase else f'"{term.words[0]}"*'
            (negative if term.negated else positive).append(expr)
        expr = " AND ".join(positive)
        for neg in negative:
            expr = f"({expr}) NOT {neg}"
        groups.append(f"({expr})")
    return " OR ".join(groups)


class SQLiteSearchBackend(SQLiteDialect, SearchBackend):
    """The faceted search in SQLite's dialect, with FTS5 matching and snippets."""

    def text_match(self, text: str) -> TextMatch | None:
        query = fts5_query(text)
        if not query:
            return None
        return TextMatch(
            from_sql=f" JOIN {FTS_TABLE} ON {FTS_TABLE}.rowid = e.id",
            from_params=[],
            where=f"{FTS_TABLE} MATCH %s",
            where_params=[query],
            rank=f"-{BM25}",
        )

    def name_match(self, words: list[str]) -> tuple[str, list, str, list, str]:
        # Every word in the title or names columns (quoted: no word is FTS5 syntax).
        terms = " AND ".join(f'"{word}"' for word in words)
        return (
            f" JOIN {FTS_TABLE} ON {FTS_TABLE}.rowid = e.id",
            [],
            f"{FTS_TABLE} MATCH %s",
            [f"{{title names}} : ({terms})"],
            f"-{BM25}",
        )

    def array_overlap(self, column: str, values: Sequence[int]) -> tuple[str, list]:
        marks = ", ".join(["%s"] * len(values))
        return (
            f"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value IN ({marks}))",
            list(values),
        )

    def json_rows(self, select_sql: str, columns: str) -> str:
        return f"(SELECT json_group_array(json_array({columns})) FROM ({select_sql}) t)"

    def snippets(self, ids: list[int], text: str) -> dict[int, str]:
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT rowid, snippet({FTS_TABLE}, 3, %s, %s, ' … ', 24), "
            f"snippet({FTS_TABLE}, 2, %s, %s, ' … ', 24) "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid IN ({marks})"
        )
        params = [MARK_START, MARK_END, MARK_START, MARK_END, fts5_query(text), *ids]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = {}
            for pk, body, summary in cursor.fetchall():
                best = body if MARK_START in (body or "") else summary
                found[pk] = marked_html((best or "").strip())
            return found

    def similar_person_ids(self, text: str) -> list[int]:
        # SQLite has no trigram similarity here: try each name word shortened to a prefix, so a
        # typo late in the word ("Bukarin" -> "Buk*") still reaches the person.
        words = [w for group in parse_websearch(text) for t in group for w in t.words if len(w) > 3]
        if not words:
            return []
        query = " AND ".join(f'names : "{w[: max(3, len(w) // 2)]}"*' for w in words)
        public, params = visibility.public_sql("e")
        sql = (
            f"SELECT e.object_id FROM archive_search_entry e JOIN {FTS_TABLE} "
            f"ON {FTS_TABLE}.rowid = e.id WHERE e.kind = 'person' AND {FTS_TABLE} MATCH %s "
            f"AND {public} ORDER BY {BM25} LIMIT 10"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [query, *params])
            return [row[0] for row in cursor.fetchall()]
