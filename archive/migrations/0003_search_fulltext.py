"""Full-text structures of the search index, one set per database.

PostgreSQL: the unaccent and pg_trgm extensions, an accent-insensitive English text search
configuration `vitrine`, a generated weighted tsvector column with a GIN index, a trigram index on
names, and GIN indexes on the person and subject id arrays.
SQLite: an FTS5 table over the index rows (external content), kept in step by triggers.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vitrine') THEN
            CREATE TEXT SEARCH CONFIGURATION vitrine (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION vitrine
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF;
    END $$""",
    """ALTER TABLE archive_search_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('vitrine'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('vitrine'::regconfig, coalesce(names, '')), 'B') ||
        setweight(to_tsvector('vitrine'::regconfig, coalesce(summary, '')), 'C') ||
        setweight(to_tsvector('vitrine'::regconfig, left(coalesce(body, ''), 200000)), 'D')
    ) STORED""",
    "CREATE INDEX archive_search_vector_idx ON archive_search_entry USING gin (search_vector)",
    "CREATE INDEX archive_search_names_trgm_idx ON archive_search_entry "
    "USING gin (names gin_trgm_ops)",
    "CREATE INDEX archive_search_person_ids_idx ON archive_search_entry USING gin (person_ids)",
    "CREATE INDEX archive_search_subject_ids_idx ON archive_search_entry USING gin (subject_ids)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS archive_search_subject_ids_idx",
    "DROP INDEX IF EXISTS archive_search_person_ids_idx",
    "DROP INDEX IF EXISTS archive_search_names_trgm_idx",
    "DROP INDEX IF EXISTS archive_search_vector_idx",
    "ALTER TABLE archive_search_entry DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE archive_search_fts USING fts5(
        title, names, summary, body,
        content='archive_search_entry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER archive_search_fts_insert AFTER INSERT ON archive_search_entry BEGIN
        INSERT INTO archive_search_fts(rowid, title, names, summary, body)
        VALUES (new.id, new.title, new.names, new.summary, new.body);
    END""",
    """CREATE TRIGGER archive_search_fts_delete AFTER DELETE ON archive_search_entry BEGIN
        INSERT INTO archive_search_fts(archive_search_fts, rowid, title, names, summary, body)
        VALUES ('delete', old.id, old.title, old.names, old.summary, old.body);
    END""",
    """CREATE TRIGGER archive_search_fts_update AFTER UPDATE ON archive_search_entry BEGIN
        INSERT INTO archive_search_fts(archive_search_fts, rowid, title, names, summary, body)
        VALUES ('delete', old.id, old.title, old.names, old.summary, old.body);
        INSERT INTO archive_search_fts(rowid, title, names, summary, body)
        VALUES (new.id, new.title, new.names, new.summary, new.body);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS archive_search_fts_update",
    "DROP TRIGGER IF EXISTS archive_search_fts_delete",
    "DROP TRIGGER IF EXISTS archive_search_fts_insert",
    "DROP TABLE IF EXISTS archive_search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_search_index")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
