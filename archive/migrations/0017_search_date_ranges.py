"""PostgreSQL: a GiST index on the index rows' date ranges, daterange(date_lower, date_upper),
finds the rows a year range reaches into (and a check keeps each row's range in order).

Before, "from 1930 to 1935" compared date_upper >= 1930 and date_lower <= 1935, each true for
most of the archive, so the rows were found by reading them all (1M records: about 1.3 s).
"""

from django.db import migrations

INDEX = "archive_search_dates_gist"
CHECK = "archive_search_dates_in_order"
FORWARD = [
    # As on the records; daterange() refuses a range that ends before it starts.
    f"ALTER TABLE archive_search_entry ADD CONSTRAINT {CHECK} "
    "CHECK (date_lower IS NULL OR date_upper IS NULL OR date_lower <= date_upper)",
    f"CREATE INDEX {INDEX} ON archive_search_entry "
    "USING gist (daterange(date_lower, date_upper, '[]'))",
]
REVERSE = [
    f"DROP INDEX IF EXISTS {INDEX}",
    f"ALTER TABLE archive_search_entry DROP CONSTRAINT {CHECK}",
]


def _run(statements):
    # PostgreSQL only: SQLite has no range types, and a constraint added there by Django would
    # rebuild the table and drop the triggers that keep its FTS5 table in step.
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0016_search_value_cells_per_pair"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(REVERSE))]
