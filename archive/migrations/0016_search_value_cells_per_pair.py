# The value cells are kept for the whole archive, per one-value facet and per pair of them
# (search.counts.CUBOIDS):
# recount them from the index as it is, as 0015 did for its cuboids. The facets and the SQL are
# repeated here on purpose: a migration must not import code that later changes.

from itertools import combinations

from django.db import migrations
from django.utils import timezone

ARRAYS = {"person": "person_ids", "subject": "subject_ids"}
CELL = {
    "kind": "kind",
    "decade": "decade",
    "language": "language",
    "collection": "collection_id",
    "has_image": "has_image",
}
PAIRS = tuple(cuboid for size in (0, 1, 2) for cuboid in combinations(CELL, size))
BEFORE = (("kind", "decade"), ("language",), ("collection",), ("has_image",))


def _text(column):
    if column == "has_image":
        return "CASE WHEN e.has_image THEN '1' ELSE '0' END"
    return f"coalesce(CAST(e.{column} AS TEXT), '')"


def count_value_cells(connection, cuboids):
    """Count the persons and subjects of every cell of these cuboids from the public index rows."""
    selects, params = [], []
    for cuboid in cuboids:
        cell = ", ".join(_text(CELL[f]) if f in cuboid else "'*'" for f in CELL)
        kept = "".join(f"e.{CELL[f]}, " for f in cuboid)
        for facet, column in ARRAYS.items():
            if connection.vendor == "postgresql":
                unnest, value = f", unnest(e.{column}) AS u(v)", "u.v"
            else:
                unnest, value = f", json_each(e.{column}) AS u", "u.value"
            selects.append(
                f"SELECT '{facet}', {cell}, CAST({value} AS TEXT), count(*) "
                f"FROM archive_search_entry e{unnest} "
                f"WHERE e.status = %s AND e.published_at <= %s GROUP BY {kept}{value}"
            )
            params += ["published", timezone.now()]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_search_value_cell")
        cursor.execute(
            "INSERT INTO archive_search_value_cell "
            "(facet, kind, decade, language, collection, has_image, value, count) "
            + " UNION ALL ".join(selects),
            params,
        )


def per_pair(apps, schema_editor):
    count_value_cells(schema_editor.connection, PAIRS)


def as_before(apps, schema_editor):
    count_value_cells(schema_editor.connection, BEFORE)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0015_search_value_cells"),
    ]

    operations = [migrations.RunPython(per_pair, as_before)]
