"""The search backend interface and the one-statement faceted search both databases share.

A search is answered by one statement: the public matches of a text go into a MATERIALIZED
common table expression, and the page of hits, the total and every facet count are computed from
it, rather than one query per facet. Browsing the whole archive uses stored counts instead
(search.counts), and a browse filtered only on kind, decade, language, collection or image sums
stored cells for its total and those facets' counts, and — filtered on one or two of them — for
its persons and subjects too (the value cells).
Facets are disjunctive: values of one facet are OR-ed, facets are AND-ed, and each facet's counts
apply every filter except its own, so the other values of a facet keep honest counts.
A second statement fetches the page's rows with highlighted snippets; a third names the facets'
persons, subjects and collections.

Subclasses supply the dialect: how text matches and ranks, how id lists overlap (search.dialect
supplies how they unnest), how rows become JSON, and how snippets are made. The backend builds
SQL and reads the stored counts; it never writes them.
"""

import datetime
import json
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape

from archive import visibility
from search import best_match, places
from search.counts import ANY, CELL_COLUMNS, browse_counts, cell_text, cell_value, cuboid_for
from search.dialect import Dialect
from search.facets import label_facets
from search.query import (
    ARRAY_FACETS,
    COLUMN_FACETS,
    FACETS,
    TOP_VALUES,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
)

CELL_TABLE = "archive_search_facet_cell"  # search.counts.SearchFacetCell
VALUE_CELL_TABLE = "archive_search_value_cell"  # search.counts.SearchValueCell
MARK_START, MARK_END = "\x02", "\x03"  # sentinels the engine puts around matches in snippets
MATCH_COLUMNS = (
    "id, kind, decade, language, collection_id, person_ids, subject_ids, has_image, "
    "date_lower, sort_title"
)
SORT_COLUMNS = ("date_lower", "sort_title")  # in MATCH_COLUMNS, read only by some orders
HIT_COLUMNS = "id, kind, object_id, slug, title, date_text, summary, thumbnail_slug"
INITIAL = "initial"  # the index column an A–Z page filters and counts (a filter, not a facet)


def marked_html(text: str) -> str:
    """Escape engine output and turn the match sentinels into <mark> elements."""
    return escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def own_set(width: int, position: int) -> int:
    """GROUPING() of the grouping set of the key at `position` among `width` keys: every
    other key's bit is set (not grouped), its own is clear."""
    return ((1 << width) - 1) ^ (1 << (width - 1 - position))


@dataclass(frozen=True)
class TextMatch:
    from_sql: str  # joined after the index table (alias e)
    from_params: list
    where: str
    where_params: list
    rank: str  # a rank expression, higher is better; takes no parameters


class SearchBackend(Dialect):
    """The faceted search both databases share. A backend is also its database's Dialect
    (search.dialect), which it extends with the methods below."""

    # Dialect ------------------------------------------------------------------------------------

    def text_match(self, text: str) -> "TextMatch | None":
        """How this text matches and ranks, or None if it has no searchable terms."""
        raise NotImplementedError

    def array_overlap(self, column: str, values: Sequence[int]) -> tuple[str, list]:
        raise NotImplementedError

    def array_values(self, column: str) -> str:
        """SQL selecting each id in this column of the matches m as k, one row per id (a WHERE
        clause over m may follow)."""
        from_sql, value = self.unnest(f"m.{column}")
        return f"SELECT {value} AS k FROM m{from_sql}"

    def dates_overlap(
        self, first: datetime.date | None, last: datetime.date | None
    ) -> tuple[str, list]:
        """SQL for index rows e whose dates reach into [first, last] (None: open); a row
        without dates never does."""
        parts, params = [], []
        if first is not None:
            parts.append("e.date_upper >= %s")
            params.append(first)
        if last is not None:
            parts.append("e.date_lower <= %s")
            params.append(last)
        return " AND ".join(parts), params

    def json_rows(self, select_sql: str, columns: str) -> str:
        """SQL for a JSON array of arrays built from the rows of select_sql (aliased t)."""
        raise NotImplementedError

    def snippets(self, ids: list[int], text: str) -> dict[int, str]:
        """Highlighted snippets (escaped HTML) for these index rows."""
        raise NotImplementedError

    def similar_person_ids(self, text: str) -> list[int]:
        """Public persons whose names are close to text (typos), best first."""
        raise NotImplementedError

    def load_json(self, value):
        return json.loads(value) if isinstance(value, str) else (value or [])

    def name_match(self, words: list[str]) -> tuple[str, list, str, list, str]:
        """How index rows with all these words in their title or names match and rank:
        (FROM SQL joined after alias e, its parameters, WHERE SQL, its parameters, rank SQL,
        higher is better) — for search.best_match."""
        raise NotImplementedError

    # The search --------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        with self.snapshot():
            results = self._search_with_fallback(query)
            if query.text and query.page == 1:
                results.best_match = best_match.find(query, self.name_match)
            return results

    def snapshot(self) -> AbstractContextManager:
        """Where a search's statements run (PostgreSQL: one read transaction)."""
        return nullcontext()

    def _search_with_fallback(self, query: SearchQuery) -> SearchResults:
        if self._is_plain_browse(query):
            return self._browse(query)
        results = self._search(query, self.text_match(query.text) if query.text else None)
        if results.total == 0 and self._may_fall_back(query):
            person_ids = self.similar_person_ids(query.text)
            if person_ids:
                fuzzy = self._search(query, None, extra_person_ids=person_ids)
                if fuzzy.total:
                    fuzzy.fuzzy_names = True
                    return fuzzy
        return results

    @staticmethod
    def _may_fall_back(query: SearchQuery) -> bool:
        """Whether words that find nothing give way to the records of persons with similar
        names (typos in a name)."""
        return bool(query.text) and not any(query.selected("person"))

    def found_sql(self, query: SearchQuery) -> tuple[str, list]:
        """SQL selecting the index rows (id, kind, object_id) this search finds — the rows its
        total counts, with every filter — and its parameters, for a caller that reads them its
        own way (search.geo). Words without a match find what the search then shows: the
        records of persons with similar names."""
        sql, params = self._found_sql(query, self.text_match(query.text) if query.text else None)
        if self._may_fall_back(query):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT EXISTS ({sql})", params)
                found = cursor.fetchone()[0]
            if not found and (person_ids := self.similar_person_ids(query.text)):
                sql, params = self._found_sql(query, None, extra_person_ids=person_ids)
        return sql, params

    def totals(self, queries: Sequence[SearchQuery]) -> list[int]:
        """The total of each search — what `search()` counts, the fall-back to similar person
        names included — in one statement for all of them. Only a search whose words find
        nothing, and that may fall back, costs statements of its own, as it does in search()."""
        if not queries:
            return []
        parts, params = [], []
        for query in queries:
            match = self.text_match(query.text) if query.text else None
            sql, found_params = self._found_sql(query, match)
            parts.append(f"(SELECT count(*) FROM ({sql}) f)")
            params += found_params
        with self.snapshot(), connection.cursor() as cursor:
            self.prepare_cursor(cursor)
            cursor.execute(f"SELECT {', '.join(parts)}", params)
            totals = [int(count) for count in cursor.fetchone()]
            for position, query in enumerate(queries):
                if totals[position] or not self._may_fall_back(query):
                    continue
                if person_ids := self.similar_person_ids(query.text):
                    sql, found_params = self._found_sql(query, None, extra_person_ids=person_ids)
                    cursor.execute(f"SELECT count(*) FROM ({sql}) f", found_params)
                    totals[position] = int(cursor.fetchone()[0])
        return totals

    def _found_sql(
        self, query: SearchQuery, match: TextMatch | None, *, extra_person_ids=None
    ) -> tuple[str, list]:
        from_sql, params, where, where_params = self._matches(query, match, extra_person_ids)
        for sql, filter_params in self._facet_filters(query).values():
            where.append(f"({sql})")
            where_params += filter_params
        return (
            f"SELECT e.id, e.kind, e.object_id FROM archive_search_entry e{from_sql} "
            f"WHERE {' AND '.join(where)}",
            params + where_params,
        )

    def _is_plain_browse(self, query: SearchQuery) -> bool:
        has_terms = bool(query.text) and self.text_match(query.text) is not None
        has_filters = any(query.selected(facet) for facet in FACETS) or bool(query.place)
        years = query.year_from is not None or query.year_to is not None
        initials = bool(query.initial) or query.initials
        return not (has_terms or has_filters or years or initials)

    def _browse(self, query: SearchQuery) -> SearchResults:
        """The whole public archive: stored counts (search.counts) and one page of rows."""
        total, rows = browse_counts()
        public, params = visibility.public_sql("e")
        order = self._order(query, False)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, 0.0 FROM archive_search_entry e WHERE {public} "
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, query.per_page, query.offset],
            )
            hit_rows = cursor.fetchall()
        return SearchResults(
            query=query,
            total=total,
            hits=self._hits(hit_rows, None, ""),
            facets=self._facets(rows, query),
        )

    def _facet_filters(self, query: SearchQuery) -> dict[str, tuple[str, list]]:
        filters: dict[str, tuple[str, list]] = {}
        for facet, column in COLUMN_FACETS.items():
            values = query.selected(facet)
            if values:
                filters[facet] = (f"{column} IN ({', '.join(['%s'] * len(values))})", list(values))
        for facet, column in ARRAY_FACETS.items():
            values = query.selected(facet)
            if values:
                filters[facet] = self.array_overlap(column, values)
        if query.initial:
            # Not a facet of the stored cells: a filter on it counts rows.
            filters[INITIAL] = ("initial = %s", [query.initial])
        return filters

    @staticmethod
    def _where(filters: dict[str, tuple[str, list]], *, without: str = "") -> tuple[str, list]:
        parts = [(sql, params) for name, (sql, params) in filters.items() if name != without]
        if not parts:
            return "", []
        return " WHERE " + " AND ".join(f"({sql})" for sql, _ in parts), [
            p for _, params in parts for p in params
        ]

    def _order(self, query: SearchQuery, has_text: bool) -> str:
        if query.sort == "date":
            return "date_lower IS NULL, date_lower, id"
        if query.sort == "-date":
            return "date_lower IS NULL, date_lower DESC, id"
        if query.sort == "title" or not has_text:
            return "sort_title, id"
        return "rank DESC, id"

    def _matches(
        self, query: SearchQuery, match: TextMatch | None, extra_person_ids: list[int] | None
    ) -> tuple[str, list, list[str], list]:
        """The index rows e a search reads before its facet filters: public, matching the words
        (or linked to `extra_person_ids`), within the years, naming the places asked for (a
        filter every count applies, so it is applied once, here). Returns the joins after the
        index table and their parameters, then the conditions and theirs."""
        public, public_params = visibility.public_sql("e")
        from_sql, from_params = "", []
        where, where_params = [public], list(public_params)
        if match:
            from_sql, from_params = match.from_sql, list(match.from_params)
            where.append(match.where)
            where_params += match.where_params
        if extra_person_ids:
            sql, extra = self.array_overlap("e.person_ids", extra_person_ids)
            where.append(sql)
            where_params += extra
        if query.year_from is not None or query.year_to is not None:
            first = datetime.date(query.year_from, 1, 1) if query.year_from is not None else None
            last = datetime.date(query.year_to, 12, 31) if query.year_to is not None else None
            sql, years_params = self.dates_overlap(first, last)
            where.append(sql)
            where_params += years_params
        if query.place:
            sql, place_params = places.naming_sql(query.place)
            where.append(sql)
            where_params += place_params
        return from_sql, from_params, where, where_params

    def _search(
        self,
        query: SearchQuery,
        match: TextMatch | None,
        *,
        extra_person_ids: list[int] | None = None,
    ) -> SearchResults:
        from_sql, params, where, where_params = self._matches(query, match, extra_person_ids)
        rank = match.rank if match else "0.0"
        years = query.year_from is not None or query.year_to is not None
        params += where_params
        order = self._order(query, bool(match))
        # The sort columns only when this order reads them: the matches are copied once and read
        # by every count, so each column left out is less to copy and read.
        selected = ", ".join(
            f"e.{column}"
            for column in MATCH_COLUMNS.split(", ")
            if column not in SORT_COLUMNS or column in order
        )
        if query.initial or query.initials:
            selected += f", e.{INITIAL}"
        filters = self._facet_filters(query)
        columns: list[str] = []
        col_params: list = []
        # Without a text or years, the one-value filters as the stored cells hold them
        # (search.counts): a count filtered on nothing else is a sum of cells, so no
        # row outside the filters is read.
        cells = None
        if self._counts_from_cells(query, match, extra_person_ids):
            cells = self._cell_filters(query)
        # A filter whose own facet is counted from cells is applied by every count of the rows,
        # so it goes into the matches themselves; the other filters apply to each count but
        # their own facet's.
        from_cells = {facet for facet in FACETS if self._from_cells(facet, filters, cells)}
        pushed = [name for name in filters if name in from_cells]
        for name in pushed:
            where.append(filters[name][0])
            params += filters[name][1]
        counted = {name: value for name, value in filters.items() if name not in pushed}
        # Text matches, and the rows of a year range, of places or of a person or subject (an
        # index's scattered rows), are read once and reused by every count. Otherwise each count is
        # better planned on its own, with its own filters reaching the indexes.
        once = match or years or query.place or any(name in ARRAY_FACETS for name in pushed)
        materialized = "MATERIALIZED" if once else "NOT MATERIALIZED"
        cte = (
            f"WITH m AS {materialized} (SELECT {selected}, {rank} AS rank "
            f"FROM archive_search_entry e{from_sql} WHERE {' AND '.join(where)})"
        )

        all_where, all_params = self._where(counted)
        hits_where, hits_params = all_where, all_params
        if cells is None or len(cells) < len(filters):
            columns.append(f"(SELECT count(*) FROM m{all_where})")
            col_params += all_params
        else:
            cell_where, cell_params = self._where(cells)
            total_sql = f"(SELECT coalesce(sum(count), 0) FROM {CELL_TABLE}{cell_where})"
            columns.append(total_sql)
            col_params += cell_params
            # Nothing to list when the cells count nothing: the page would otherwise walk the
            # whole order index looking for its rows.
            hits_where = f"{all_where} AND " if all_where else " WHERE "
            hits_where += f"{total_sql} > 0"
            hits_params = [*all_params, *cell_params]
        hits_sql = f"SELECT id, rank FROM m{hits_where} ORDER BY {order} LIMIT %s OFFSET %s"
        columns.append(self.json_rows(hits_sql, "t.id, t.rank"))
        col_params += [*hits_params, query.per_page, query.offset]

        facet_columns = self._facet_columns(counted, query, cells, from_cells)
        for _, sql, facet_params in facet_columns:
            columns.append(sql)
            col_params += facet_params
        if query.initials:
            # The records under each letter, under every filter but the letter's own.
            where, initial_params = self._where(counted, without=INITIAL)
            inner = f"SELECT {INITIAL} AS k, count(*) AS n FROM m{where} GROUP BY {INITIAL}"
            columns.append(self.json_rows(inner, "t.k, t.n"))
            col_params += initial_params

        sql = f"{cte} SELECT {', '.join(columns)}"
        with connection.cursor() as cursor:
            self.prepare_cursor(cursor)
            cursor.execute(sql, params + col_params)
            row = cursor.fetchone()
        total = int(row[0])
        hit_rows = self.load_json(row[1])
        facet_rows: dict[str, list] = {}
        facet_values = row[2 : 2 + len(facet_columns)]
        for (facets, _, _), value in zip(facet_columns, facet_values, strict=True):
            facet_rows.update(self._split_groups(facets, self.load_json(value)))
        for facet in from_cells:
            facet_rows[facet] = [[cell_value(facet, k), n] for k, n in facet_rows[facet]]
        hits = self._hits(hit_rows, match, query.text)
        initials = []
        if query.initials:
            initials = sorted((str(k), int(n)) for k, n in self.load_json(row[-1]) if k)
        return SearchResults(
            query=query,
            total=total,
            hits=hits,
            facets=self._facets(facet_rows, query),
            initials=initials,
        )

    @staticmethod
    def _counts_from_cells(
        query: SearchQuery, match: TextMatch | None, extra_person_ids: list[int] | None
    ) -> bool:
        """Whether any of this search's counts can be summed from the stored cells: no text,
        no years, no places (the cells know nothing of those)."""
        return not (
            match
            or extra_person_ids
            or query.year_from is not None
            or query.year_to is not None
            or query.place
        )

    @staticmethod
    def _cell_filters(query: SearchQuery) -> dict[str, tuple[str, list]]:
        filters: dict[str, tuple[str, list]] = {}
        for facet in COLUMN_FACETS:
            values = query.selected(facet)
            if values:
                filters[facet] = (
                    f"{facet} IN ({', '.join(['%s'] * len(values))})",
                    [cell_text(facet, value) for value in values],
                )
        return filters

    @staticmethod
    def _from_cells(
        facet: str, filters: dict[str, tuple[str, list]], cells: dict[str, tuple[str, list]] | None
    ) -> bool:
        """Whether this facet is counted from stored cells. A facet counts under every filter but
        its own, so it can be when those are all one-value filters: then a one-value facet sums
        the cells of (kind, decade, language, collection, image), and a person or subject facet
        the value cells of one or two such filters (or none)."""
        if cells is None or any(name not in cells for name in filters if name != facet):
            return False
        return facet in COLUMN_FACETS or cuboid_for(cells) is not None

    def _value_cell_sql(
        self, facet: str, cells: dict[str, tuple[str, list]], selected: tuple
    ) -> tuple[str, list]:
        """The top values of a person or subject facet summed over the selected value cells,
        in the order a count of the rows gives them (ids by length then text is numeric), and
        the values selected in it whatever their rank."""
        cuboid = cuboid_for(cells) or ()
        # The filters select the cuboids that keep their facets; ANY in every other facet
        # selects this cuboid's cells alone (a pair's cuboid also holds each of its facets').
        outside = {name: (f"{name} = '{ANY}'", []) for name in CELL_COLUMNS if name not in cuboid}
        where, where_params = self._where({"facet": ("facet = %s", [facet]), **cells, **outside})
        inner = (
            f"SELECT k, n FROM (SELECT value AS k, sum(count) AS n FROM {VALUE_CELL_TABLE}{where} "
            "GROUP BY value ORDER BY n DESC, length(value), value LIMIT %s) AS top"
        )
        params = [*where_params, TOP_VALUES]
        if selected:
            inner += (
                f" UNION SELECT k, n FROM (SELECT value AS k, sum(count) AS n "
                f"FROM {VALUE_CELL_TABLE}{where} "
                f"AND value IN ({', '.join(['%s'] * len(selected))}) GROUP BY value) AS chosen"
            )
            params += [*where_params, *(cell_text(facet, value) for value in selected)]
        return self.json_rows(inner, "t.k, t.n"), params

    def _cell_facet_sql(self, facet: str, cells: dict[str, tuple[str, list]]) -> tuple[str, list]:
        where, params = self._where(cells, without=facet)
        inner = (
            f"SELECT {facet} AS k, sum(count) AS n FROM {CELL_TABLE}{where} "
            f"GROUP BY {facet} HAVING sum(count) > 0"
        )
        return self.json_rows(inner, "t.k, t.n"), params

    def _facet_columns(
        self,
        counted: dict[str, tuple[str, list]],
        query: SearchQuery,
        cells: dict[str, tuple[str, list]] | None,
        from_cells: set[str],
    ) -> list[tuple[tuple[str, ...], str, list]]:
        """(facets, SQL, parameters) of each facet count the statement selects: the facets in
        `from_cells` sum stored cells, the others count rows under the `counted` filters (the
        rest are in the matches already).

        A facet with a selected value counts under every filter but its own, so it needs its own
        count. The others all count under every filter: where the database has grouping sets,
        the one-value facets are counted in one pass over the matches, and persons and subjects
        in another, instead of a pass per facet.
        """
        columns = []
        shared: dict[str, list[str]] = {"column": [], "array": []}
        for facet in FACETS:
            if facet in from_cells and facet in COLUMN_FACETS:
                sql, facet_params = self._cell_facet_sql(facet, cells)
            elif facet in from_cells:
                sql, facet_params = self._value_cell_sql(facet, cells, query.selected(facet))
            elif self.grouping_sets and facet not in counted:
                shared["array" if facet in ARRAY_FACETS else "column"].append(facet)
                continue
            else:
                sql, facet_params = self._facet_sql(facet, counted, query)
            columns.append(((facet,), sql, facet_params))
        where, params = self._where(counted)
        for group, grouped_sql, extra in (
            (shared["column"], self._grouped_columns_sql, []),
            (shared["array"], self._grouped_arrays_sql, [TOP_VALUES] * len(shared["array"])),
        ):
            if len(group) == 1:
                columns.append(((group[0],), *self._facet_sql(group[0], counted, query)))
            elif group:
                columns.append((tuple(group), grouped_sql(group, where), [*params, *extra]))
        return columns

    def _grouped_columns_sql(self, facets: list[str], where: str) -> str:
        """Counts of several one-value facets in one pass: rows of (grouping, value per facet,
        count), one grouping set per facet."""
        names = [COLUMN_FACETS[facet] for facet in facets]
        keys = ", ".join(names)
        inner = (
            f"SELECT GROUPING({keys}) AS g, {keys}, count(*) AS n FROM m{where} "
            f"GROUP BY GROUPING SETS ({', '.join(f'({name})' for name in names)})"
        )
        return self.json_rows(inner, ", ".join(["t.g", *(f"t.{name}" for name in names), "t.n"]))

    def _grouped_arrays_sql(self, facets: list[str], where: str) -> str:
        """The top values of several id-list facets in one pass: their ids unnested side by side
        (the shorter list padded with NULL), one grouping set per facet, then each facet's top
        values by a top-N sort of its own set (takes TOP_VALUES once per facet); rows of
        (grouping, value per facet, count)."""
        keys = [f"k{i}" for i in range(len(facets))]
        unnested = ", ".join(
            f"unnest(m.{ARRAY_FACETS[facet]}) AS {key}"
            for facet, key in zip(facets, keys, strict=True)
        )
        tops = " UNION ALL ".join(
            f"(SELECT {', '.join(keys)}, g, n FROM c WHERE g = {own_set(len(keys), i)} "
            f"AND {key} IS NOT NULL ORDER BY n DESC, {key} LIMIT %s)"
            for i, key in enumerate(keys)
        )
        inner = (
            f"WITH c AS MATERIALIZED (SELECT GROUPING({', '.join(keys)}) AS g, {', '.join(keys)}, "
            f"count(*) AS n FROM (SELECT {unnested} FROM m{where}) v "
            f"GROUP BY GROUPING SETS ({', '.join(f'({key})' for key in keys)})) {tops}"
        )
        return self.json_rows(inner, ", ".join(["t.g", *(f"t.{key}" for key in keys), "t.n"]))

    @staticmethod
    def _split_groups(facets: tuple[str, ...], rows: list) -> dict[str, list]:
        """A facet column's rows as [value, count] rows by facet. A grouped column's rows are
        (GROUPING() bits, one value per facet, count): a facet's set leaves its own bit clear."""
        if len(facets) == 1:
            return {facets[0]: rows}
        split: dict[str, list] = {facet: [] for facet in facets}
        for position, facet in enumerate(facets):
            bits = own_set(len(facets), position)
            split[facet] = [[row[1 + position], row[-1]] for row in rows if row[0] == bits]
        return split

    def _facet_sql(
        self, facet: str, filters: dict[str, tuple[str, list]], query: SearchQuery
    ) -> tuple[str, list]:
        where, params = self._where(filters, without=facet)
        if facet in ARRAY_FACETS:
            values = self.array_values(ARRAY_FACETS[facet])
            selected = query.selected(facet)
            keep = ""
            keep_params: list = []
            if selected:
                keep = f" OR k IN ({', '.join(['%s'] * len(selected))})"
                keep_params = list(selected)
            inner = (
                f"SELECT k, n FROM (SELECT k, n, row_number() OVER (ORDER BY n DESC, k) AS r "
                f"FROM (SELECT k, count(*) AS n FROM ({values}{where}) v "
                f"GROUP BY k) g) ranked WHERE r <= %s{keep}"
            )
            return self.json_rows(inner, "t.k, t.n"), [*params, TOP_VALUES, *keep_params]
        column = COLUMN_FACETS[facet]
        inner = f"SELECT {column} AS k, count(*) AS n FROM m{where} GROUP BY {column}"
        return self.json_rows(inner, "t.k, t.n"), params

    def _hits(self, rows: list, match: TextMatch | None, text: str) -> list[Hit]:
        ids = [row[0] for row in rows]
        if not ids:
            return []
        ranks = {row[0]: row[1] for row in rows}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {HIT_COLUMNS} FROM archive_search_entry "
                f"WHERE id IN ({', '.join(['%s'] * len(ids))})",
                ids,
            )
            entries = {row[0]: row for row in cursor.fetchall()}
        snippets = self.snippets(ids, text) if match else {}
        hits = []
        for pk in ids:
            if pk not in entries:
                continue
            _, kind, object_id, slug, title, date_text, summary, thumbnail_slug = entries[pk]
            hits.append(
                Hit(
                    kind=kind,
                    object_id=object_id,
                    slug=slug,
                    title=title,
                    date_text=date_text,
                    summary=summary,
                    snippet=snippets.get(pk) or escape(summary[:300]),
                    thumbnail_slug=thumbnail_slug,
                    rank=float(ranks.get(pk) or 0),
                )
            )
        return hits

    def _facets(self, rows: dict[str, list], query: SearchQuery) -> dict[str, list[FacetValue]]:
        return label_facets(rows, query)
