"""Stored facet counts of the public index, and keeping them exact as the index changes.

Counting every facet of a large archive takes seconds, and browsing it is the commonest request.
So the counts are kept in tables: a write of a few rows adds the new rows' counts and subtracts
the old ones' (in the same transaction, so the counts are always exact), a rebuild recounts
everything, and a scheduled publication that comes due adds the rows it made public
(search.publications).

The same is kept per cell of (kind, decade, language, collection, image), so that a browse
filtered only on those facets sums cells instead of counting rows; and the persons and subjects
are counted per value of each of those facets and per pair of their values (the "value cells"),
so that a browse filtered on one or two of them reads its top persons and subjects from those
counts instead of unnesting the id lists of every matching row.

The SQL that differs by database comes from search.dialect; this module calls nothing above it.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from itertools import combinations

from django.db import connection, models, transaction
from django.db.models import F
from django.db.models.functions import Length

from archive import visibility
from archive.models.base import Status
from search import dialect
from search.entry import SearchEntry
from search.query import ARRAY_FACETS, COLUMN_FACETS, TOP_VALUES

TOTAL = "total"
RECOUNT_WORK_MEM = "512MB"  # PostgreSQL, while recounting the value cells


class SearchFacetCount(models.Model):
    """How many public index rows have this facet value ("total" counts them all)."""

    facet = models.CharField(max_length=12)
    value = models.CharField(max_length=64, blank=True)
    count = models.BigIntegerField(default=0)

    class Meta:
        db_table = "archive_search_facet_count"
        constraints = [
            models.UniqueConstraint(fields=["facet", "value"], name="archive_search_count_key")
        ]
        indexes = [
            # The top values of a facet in the order browsing lists them: ids (text here) by
            # length, then text, is their numeric order, as a search of the rows orders them.
            models.Index(
                F("facet"),
                F("count").desc(),
                Length("value"),
                F("value"),
                name="archive_search_count_top",
            )
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}: {self.count}"


# A cell is one combination of the one-value facets (COLUMN_FACETS: facet -> index column).
CELL_COLUMNS = COLUMN_FACETS


class Cell(models.Model):
    """A count stored under a combination of the one-value facets (CELL_COLUMNS, by facet name).

    Values are stored as text ("" for none, "1"/"0" for the image flag) so that the key has no
    NULLs and one unique constraint keeps a cell to one row.
    """

    kind = models.CharField(max_length=12)
    decade = models.CharField(max_length=8, blank=True)
    language = models.CharField(max_length=10, blank=True)
    collection = models.CharField(max_length=20, blank=True)
    has_image = models.CharField(max_length=1)
    count = models.BigIntegerField(default=0)

    class Meta:
        abstract = True

    @property
    def cell(self) -> str:
        return "/".join(getattr(self, facet) for facet in CELL_COLUMNS)


class SearchFacetCell(Cell):
    """How many public index rows have this combination of kind, decade, language, collection
    and image. A browse filtered only on these facets sums cells instead of counting rows."""

    class Meta:
        db_table = "archive_search_facet_cell"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "decade", "language", "collection", "has_image"],
                name="archive_search_cell_key",
            )
        ]

    def __str__(self) -> str:
        return self.cell


class SearchValueCell(Cell):
    """How many public index rows of a value cell carry this person or subject.

    A value cell is a combination of the one-value facets of one of the CUBOIDS; the facets
    outside it are ANY ("*"). So one table holds the counts per kind, per (kind, decade), per
    (language, collection), and so on for each facet and each pair.
    """

    facet = models.CharField(max_length=12)
    value = models.CharField(max_length=20)

    class Meta:
        db_table = "archive_search_value_cell"
        constraints = [
            # Also the index a browse reads: one facet's values in the cells it selects.
            models.UniqueConstraint(
                fields=["facet", "kind", "decade", "language", "collection", "has_image", "value"],
                name="archive_search_value_cell_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value} in {self.cell}: {self.count}"


# The combinations of one-value facets the value cells are kept for: none (the whole archive),
# each facet alone and every pair, so that persons and subjects counted under one or two of those
# filters (or none, beside a person or subject filter of their own) are read from the cells of
# exactly those facets. Three or more such filters leave few enough rows to count.
CUBOIDS = tuple(cuboid for size in (0, 1, 2) for cuboid in combinations(CELL_COLUMNS, size))
ANY = "*"


def cuboid_for(facets: Iterable[str]) -> tuple[str, ...] | None:
    """The value cells of exactly these one-value facets, if they are kept."""
    wanted = set(facets)
    return next((cuboid for cuboid in CUBOIDS if set(cuboid) == wanted), None)


def _key(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _counter(rows: Iterable[dict]) -> Counter:
    counts: Counter = Counter()
    for row in rows:
        counts[(TOTAL, "")] += 1
        for facet, column in COLUMN_FACETS.items():
            counts[(facet, _key(row[column]))] += 1
        for facet, column in ARRAY_FACETS.items():
            for value in set(row[column] or ()):
                counts[(facet, _key(value))] += 1
    return counts


def _cells(rows: Iterable[dict]) -> Counter:
    return Counter(tuple(_key(row[column]) for column in CELL_COLUMNS.values()) for row in rows)


def _value_cells(rows: Iterable[dict]) -> Counter:
    counts: Counter = Counter()
    for row in rows:
        for cuboid in CUBOIDS:
            cell = tuple(
                _key(row[column]) if facet in cuboid else ANY
                for facet, column in CELL_COLUMNS.items()
            )
            for facet, column in ARRAY_FACETS.items():
                for value in set(row[column] or ()):
                    counts[(facet, *cell, _key(value))] += 1
    return counts


# Each store of counts: its model, its key fields, and how a list of index rows adds to it.
STORES = (
    (SearchFacetCount, ("facet", "value"), _counter),
    (SearchFacetCell, tuple(CELL_COLUMNS), _cells),
    (SearchValueCell, ("facet", *CELL_COLUMNS, "value"), _value_cells),
)


def cell_value(facet: str, text: str) -> object:
    """A stored cell value as the index column holds it (the facets' value types)."""
    if facet == "has_image":
        return text == "1"
    if facet in ("decade", "collection", *ARRAY_FACETS):
        return None if text == "" else int(text)
    return text


def cell_text(facet: str, value: object) -> str:
    """A facet value as a cell stores it."""
    return _key(value)


ROW_FIELDS = (
    "kind",
    "decade",
    "language",
    "collection_id",
    "has_image",
    "person_ids",
    "subject_ids",
)


def public_rows(kind: str, ids: Iterable[int], at: datetime.datetime) -> list[dict]:
    """The facet columns of these records' index rows that are public at `at`."""
    entries = SearchEntry.objects.filter(kind=kind, object_id__in=list(ids))
    return list(visibility.public(entries, at).values(*ROW_FIELDS))


def due_rows(
    kind: str, ids: Iterable[int], since: datetime.datetime, until: datetime.datetime
) -> list[dict]:
    """The facet columns of these records' published index rows whose publication time falls
    in [since, until]: the rows a scheduled publication made public."""
    entries = SearchEntry.objects.filter(
        kind=kind,
        object_id__in=list(ids),
        status=Status.PUBLISHED,
        published_at__gte=since,
        published_at__lte=until,
    )
    return list(entries.values(*ROW_FIELDS))


def apply_change(before: list[dict], after: list[dict]) -> None:
    """Move the stored counts from the `before` rows to the `after` rows."""
    for model, keys, count in STORES:
        delta = count(after)
        delta.subtract(count(before))
        _add(model, keys, [(*key, n) for key, n in delta.items() if n])


def _add(model: type[models.Model], keys: tuple[str, ...], changes: list[tuple]) -> None:
    """Add each change's last value to the count stored under its keys; drop the counts it
    emptied (only a subtraction can, so only those keys are looked at)."""
    if not changes:
        return
    table, key = model._meta.db_table, ", ".join(keys)
    values = ", ".join(["%s"] * (len(keys) + 1))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({key}, count) VALUES ({values}) "
            f"ON CONFLICT ({key}) DO UPDATE SET count = {table}.count + excluded.count",
            changes,
        )
        if emptied := [change[:-1] for change in changes if change[-1] < 0]:
            cursor.executemany(
                f"DELETE FROM {table} WHERE {' AND '.join(f'{k} = %s' for k in keys)} "
                "AND count <= 0",
                emptied,
            )


@transaction.atomic
def recount(at: datetime.datetime | None = None) -> None:
    """Count every facet of the index rows public at `at` (default: now) afresh. It reads the
    whole index, so an ordinary write moves the counts instead (apply_change)."""
    public, params = visibility.public_sql("e", at)
    table = SearchFacetCount._meta.db_table
    SearchFacetCount.objects.all().delete()
    selects = [f"SELECT '{TOTAL}', '', count(*) FROM archive_search_entry e WHERE {public}"]
    all_params = list(params)
    for facet, column in COLUMN_FACETS.items():
        value = f"CAST({column} AS TEXT)"
        if column == "has_image":
            value = f"CASE WHEN {column} THEN '1' ELSE '0' END"
        selects.append(
            f"SELECT '{facet}', coalesce({value}, ''), count(*) FROM archive_search_entry e "
            f"WHERE {public} GROUP BY {column}"
        )
        all_params += params
    db = dialect.current()
    for facet, column in ARRAY_FACETS.items():
        from_sql, value = db.unnest(f"e.{column}")
        selects.append(
            f"SELECT '{facet}', CAST({value} AS TEXT), count(*) FROM archive_search_entry e"
            f"{from_sql} WHERE {public} GROUP BY {value}"
        )
        all_params += params
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (facet, value, count) " + " UNION ALL ".join(selects),
            all_params,
        )
    recount_cells(at)


def _text(column: str) -> str:
    if column.endswith("has_image"):
        return f"CASE WHEN {column} THEN '1' ELSE '0' END"
    return f"coalesce(CAST({column} AS TEXT), '')"


def recount_cells(at: datetime.datetime | None = None) -> None:
    """Count the public index rows of every cell afresh, and the persons and subjects of every
    value cell."""
    public, params = visibility.public_sql("e", at)
    table = SearchFacetCell._meta.db_table
    SearchFacetCell.objects.all().delete()
    columns = ", ".join(f"e.{column}" for column in CELL_COLUMNS.values())
    values = ", ".join(_text(f"e.{column}") for column in CELL_COLUMNS.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(CELL_COLUMNS)}, count) "
            f"SELECT {values}, count(*) FROM archive_search_entry e WHERE {public} "
            f"GROUP BY {columns}",
            params,
        )
    _recount_value_cells(at)


def _recount_value_cells(at: datetime.datetime | None) -> None:
    db = dialect.current()
    public, params = visibility.public_sql("e", at)
    table = SearchValueCell._meta.db_table
    SearchValueCell.objects.all().delete()
    selects, all_params = [], []
    for facet, column in ARRAY_FACETS.items():
        if db.grouping_sets:
            # Every cuboid in one pass over the rows, not one pass per cuboid and column.
            selects.append(_grouped_value_cells_sql(facet, column, public))
            all_params += params
            continue
        for cuboid in CUBOIDS:
            kept = [f"e.{CELL_COLUMNS[name]}" for name in cuboid]
            cell = ", ".join(
                _text(f"e.{cell_column}") if name in cuboid else f"'{ANY}'"
                for name, cell_column in CELL_COLUMNS.items()
            )
            from_sql, value = db.unnest(f"e.{column}")
            selects.append(
                f"SELECT '{facet}', {cell}, CAST({value} AS TEXT), count(*) "
                f"FROM archive_search_entry e{from_sql} WHERE {public} "
                f"GROUP BY {', '.join([*kept, value])}"
            )
            all_params += params
    with connection.cursor() as cursor:
        db.prepare_cursor(cursor)
        if db.grouping_sets:
            # The sets' groups hashed in memory rather than sorted set by set. For this
            # transaction only.
            cursor.execute("SELECT set_config('work_mem', %s, true)", [RECOUNT_WORK_MEM])
        cursor.execute(
            f"INSERT INTO {table} (facet, {', '.join(CELL_COLUMNS)}, value, count) "
            + " UNION ALL ".join(selects),
            all_params,
        )


def _grouped_value_cells_sql(facet: str, column: str, public: str) -> str:
    """The value cells of every cuboid for one id-list column, as one GROUP BY GROUPING SETS
    (PostgreSQL): a facet outside a set's cuboid is ANY."""
    names = list(CELL_COLUMNS)
    texts = ", ".join(f"{_text(f'e.{CELL_COLUMNS[name]}')} AS {name}" for name in names)
    cell = ", ".join(
        f"CASE WHEN GROUPING({name}) = 1 THEN '{ANY}' ELSE {name} END" for name in names
    )
    sets = ", ".join(f"({', '.join([*cuboid, 'v'])})" for cuboid in CUBOIDS)
    return (
        f"SELECT '{facet}', {cell}, CAST(v AS TEXT), count(*) FROM "
        f"(SELECT {texts}, unnest(e.{column}) AS v FROM archive_search_entry e WHERE {public}) r "
        f"GROUP BY GROUPING SETS ({sets})"
    )


TYPES = {"decade": int, "person": int, "subject": int, "collection": int}


def browse_counts() -> tuple[int, dict[str, list[tuple[object, int]]]]:
    """The total and each facet's (value, count) pairs as stored: every value of the small
    facets, the commonest of persons and subjects."""
    table = SearchFacetCount._meta.db_table
    small = [TOTAL, *COLUMN_FACETS]
    # Every value of the small facets, then the top values of each id facet, read from the
    # archive_search_count_top index rather than ranking every stored value with a window.
    selects = [
        f"SELECT facet, value, count FROM {table} WHERE facet IN ({', '.join(['%s'] * len(small))})"
    ]
    params: list = list(small)
    for facet in ARRAY_FACETS:
        selects.append(
            f"SELECT * FROM (SELECT facet, value, count FROM {table} WHERE facet = %s "
            "ORDER BY count DESC, length(value), value LIMIT %s) AS top"
        )
        params += [facet, TOP_VALUES]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = cursor.fetchall()
    total = 0
    facets: dict[str, list[tuple[object, int]]] = {}
    for facet, value, count in rows:
        if facet == TOTAL:
            total = count
            continue
        if value == "":
            typed = None
        elif facet == "has_image":
            typed = value == "1"
        else:
            typed = TYPES.get(facet, str)(value)
        facets.setdefault(facet, []).append((typed, count))
    return total, facets


def person_counts(person_id: int, kinds: tuple[str, ...]) -> dict[str, int]:
    """How many public records of each of these kinds carry this person: what a search for
    `person=<id>&kind=<kind>` counts, read from the value cells of the kind alone (counts as of
    the last catch-up: call search.publications.generation() first)."""
    cells = SearchValueCell.objects.filter(
        facet="person",
        kind__in=kinds,
        **{facet: ANY for facet in CELL_COLUMNS if facet != "kind"},
        value=cell_text("person", person_id),
    )
    return dict.fromkeys(kinds, 0) | dict(cells.values_list("kind", "count"))
