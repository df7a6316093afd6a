"""The SQL that differs between PostgreSQL and SQLite, below everything that builds statements.

The stored counts (search.counts) and the index writer (search.rows) use it as it is; the search
backends (search.backends) extend it with text matching, ranking and snippets. `current()` picks
the dialect of the default database.
"""

import functools

from django.db import connection

# PostgreSQL session settings for search statements. A larger work_mem keeps GIN bitmaps exact.
WORK_MEM = "64MB"
# The index lives in memory or on SSD: random reads cost about what sequential ones do. At the
# default (4) the planner matched a common term by reading every public row and testing its
# tsvector instead of using the GIN index.
RANDOM_PAGE_COST = "1.1"


class Dialect:
    vendor = ""
    grouping_sets = False  # GROUP BY GROUPING SETS: several facets counted in one pass
    now = "CURRENT_TIMESTAMP"  # the current time, in SQL

    def unnest(self, column: str) -> tuple[str, str]:
        """Return (FROM fragment, value expression) that yields one row per id in column."""
        raise NotImplementedError

    def prepare_cursor(self, cursor) -> None:
        """Session settings for search statements (PostgreSQL: work_mem, no JIT, page costs)."""


class PostgresDialect(Dialect):
    vendor = "postgresql"
    grouping_sets = True
    now = "now()"

    def unnest(self, column: str) -> tuple[str, str]:
        return f", unnest({column}) AS u(v)", "u.v"

    def prepare_cursor(self, cursor) -> None:
        # JIT costs more than it saves on these queries. One statement for the three settings
        # (set_config(…, true) is SET LOCAL).
        cursor.execute(
            "SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true), "
            "set_config('random_page_cost', %s, true)",
            [WORK_MEM, RANDOM_PAGE_COST],
        )


class SQLiteDialect(Dialect):
    vendor = "sqlite"

    def unnest(self, column: str) -> tuple[str, str]:
        return f", json_each({column}) AS u", "u.value"


@functools.cache
def _dialect_for(vendor: str) -> Dialect:
    for dialect in (PostgresDialect, SQLiteDialect):
        if dialect.vendor == vendor:
            return dialect()
    raise NotImplementedError(f"Vitrine's search supports PostgreSQL and SQLite, not {vendor}.")


def current() -> Dialect:
    """The dialect of the default database."""
    return _dialect_for(connection.vendor)
