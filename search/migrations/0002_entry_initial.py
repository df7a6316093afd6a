"""The persons A–Z and best match first (issue 20).

- `initial`: the letter a record files under (search.rows.sort_initial). Added by ALTER TABLE ADD
  COLUMN with a default on both databases: Django would rebuild SQLite's table for a NOT NULL
  column, dropping the triggers that keep the FTS5 table in step. The persons' rows get their
  letters here, from their sort names (only persons have an A–Z page); every row gets its letter,
  and a person's row its sort name as its sort title, when it is next written or rebuilt.
- PostgreSQL: a text index of the persons' and trials' rows alone, so that looking for the record
  a search's words name (search.best_match) never reads the matches of a common word elsewhere.
"""

from django.db import migrations, models

from search.rows import sort_initial

ADD_COLUMN = "ALTER TABLE archive_search_entry ADD COLUMN initial varchar(1) DEFAULT '#' NOT NULL"
DROP_COLUMN = "ALTER TABLE archive_search_entry DROP COLUMN initial"
NAMES_INDEX = (
    "CREATE INDEX search_entry_names_vector_idx ON archive_search_entry USING gin (search_vector) "
    "WHERE kind IN ('person', 'trial')"
)
DROP_NAMES_INDEX = "DROP INDEX IF EXISTS search_entry_names_vector_idx"
BATCH = 500
FTS_TRIGGER = "archive_search_fts_update"  # SQLite: keeps the FTS5 table in step (archive 0003)


def add_column(apps, schema_editor):
    schema_editor.execute(ADD_COLUMN)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NAMES_INDEX)


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_NAMES_INDEX)
    schema_editor.execute(DROP_COLUMN)


def file_persons(apps, schema_editor):
    """The persons' rows under the initials of their sort names. On SQLite the FTS5 table's
    update trigger is set aside meanwhile (and put back as it was): the rows' text does not
    change, so neither should the text index."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.id, p.sort_name, p.title FROM archive_search_entry e "
            "JOIN archive_person p ON p.id = e.object_id WHERE e.kind = 'person'"
        )
        by_initial: dict[str, list[int]] = {}
        for pk, sort_name, title in cursor.fetchall():
            by_initial.setdefault(sort_initial((sort_name or title).casefold()), []).append(pk)
        trigger = None
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [FTS_TRIGGER]
            )
            trigger = (cursor.fetchone() or [None])[0]
            if trigger:
                cursor.execute(f"DROP TRIGGER {FTS_TRIGGER}")
        for initial, ids in by_initial.items():
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                cursor.execute(
                    "UPDATE archive_search_entry SET initial = %s "  # noqa: S608
                    f"WHERE id IN ({', '.join(['%s'] * len(batch))})",
                    [initial, *batch],
                )
        if trigger:
            cursor.execute(trigger)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial_moved_from_archive"),
        ("archive", "0019_search_moves_to_its_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchentry",
                    name="initial",
                    field=models.CharField(default="#", max_length=1),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
        migrations.RunPython(file_persons, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=["kind", "initial", "sort_title"],
                include=("status", "published_at"),
                name="search_entry_initial_idx",
            ),
        ),
    ]
