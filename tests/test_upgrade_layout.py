"""Upgrading a database from the old layout to this one loses nothing.

At commit 26c731b the search index's models (SearchEntry, SearchIndexState and the stored facet
counts) lived in the archive app; here they belong to the search app, moved by state-only
migrations (search.0001, archive.0019) that keep the tables and rename the content types.

The old tree is taken from git and migrated on a fresh database of the kind this run uses
(SQLite, or PostgreSQL when DATABASE_URL points there; never the test database), the demo is
loaded and the search index rebuilt; then this tree's migrations run on the same database. The
test proves that:

- the new migrations are applied and none of the old ones is lost;
- every table keeps exactly its rows in the columns it had, and every part of the schema
  (tables, columns, indexes, constraints, triggers, functions) is still there unchanged; the moved
  models' content types change app label (archive -> search) and keep their ids, and every other
  content type and permission keeps its row. What later migrations add — new apps, models,
  columns, indexes, and the content types and permissions of the new models — is allowed, as
  long as it only adds;
- the search index rows and the stored facet counts are the same, and the same searches give the
  same answers (totals, hits in order, snippets, facet counts) through the new search app;
- makemigrations finds nothing left to migrate.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parent.parent
OLD_LAYOUT = "26c731b65fa2ede3d478487edb81ecf0d50d2435"  # search still inside the archive app
MOVED = {
    "searchentry",
    "searchindexstate",
    "searchfacetcount",
    "searchfacetcell",
    "searchvaluecell",
}
NEW_MIGRATIONS = {
    ("search", "0001_initial_moved_from_archive"),
    ("archive", "0019_search_moves_to_its_app"),
}
MARK = "CAPTURED:"

# Run by `manage.py shell -c` in either tree, after MARK, SEARCH_MODULE, QUERY_MODULE and
# OLD_COLUMNS are set (the old tree: archive.search and archive.search.query, OLD_COLUMNS None;
# this one: search.engine and search.query, and the old tree's columns of each table, so that a
# table's rows are read in the columns it had). Prints one line: MARK, then JSON of the
# database's contents and search answers.
CAPTURE = r"""
import hashlib, importlib, json
from django.db import connection
import archive

search = importlib.import_module(SEARCH_MODULE).search
SearchQuery = importlib.import_module(QUERY_MODULE).SearchQuery
SEARCHES = {
    "Bukharin": {"text": "Bukharin"},
    "Бухарин": {"text": "Бухарин"},
    "trial by date": {"text": "trial", "sort": "date"},
    "phrase or word": {"text": '"right opposition" OR Rykov'},
    "misspelt name": {"text": "Bukarin"},
    "browse": {},
    "documents by title": {"kind": ["document"], "sort": "title", "per_page": 100},
    "the 1930s": {"decade": [1930], "per_page": 100},
    "persons of the 1880s": {"kind": ["person"], "decade": [1880], "sort": "-date"},
    "with images": {"has_image": True, "sort": "title"},
    "a collection": {"collection": [4]},
    "years, page 2": {"year_from": 1920, "year_to": 1929, "page": 2, "per_page": 5},
}
HIT = ("kind", "object_id", "slug", "title", "date_text", "summary", "snippet", "thumbnail_slug")
TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
}
SEQUENCES = {
    "sqlite": "SELECT name, seq FROM sqlite_sequence",
    "postgresql": "SELECT sequencename, last_value FROM pg_sequences"
    " WHERE schemaname = current_schema()",
}
# SQLite's stored CREATE TABLE text changes when a column is added, so its tables are described
# column by column (the position left out: a rebuilt table may order its columns anew).
SCHEMA = {
    "sqlite": [
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type != 'table'",
        "SELECT m.name, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk FROM sqlite_master m,"
        " pragma_table_info(m.name) c WHERE m.type = 'table'",
    ],
    "postgresql": [
        "SELECT table_name, column_name, data_type, is_nullable, column_default"
        " FROM information_schema.columns WHERE table_schema = current_schema()",
        "SELECT tablename, indexname, indexdef FROM pg_indexes"
        " WHERE schemaname = current_schema()",
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE connamespace = current_schema()::regnamespace",
        "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger"
        " WHERE NOT tgisinternal",
        "SELECT proname, pg_get_functiondef(oid) FROM pg_proc"
        " WHERE pronamespace = current_schema()::regnamespace AND prokind = 'f'",
    ],
}


def plain(value):
    return value if value is None or isinstance(value, (str, int, float)) else repr(value)


def rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(([plain(v) for v in row] for row in cursor.fetchall()), key=repr)


def columns(name):
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, name)]


# Read whole, to compare row by row: content types are renamed and permissions added.
WHOLE = {
    "django_content_type": "id, app_label, model",
    "auth_permission": "id, content_type_id, codename, name",
}


def table(name):
    if name in WHOLE:
        return {"whole": rows(f"SELECT {WHOLE[name]} FROM {connection.ops.quote_name(name)}")}
    names = columns(name) if OLD_COLUMNS is None else OLD_COLUMNS.get(name)
    if names is None:  # a table the old tree did not have
        return {"new": True}
    listed = ", ".join(connection.ops.quote_name(column) for column in names)
    found = rows(f"SELECT {listed} FROM {connection.ops.quote_name(name)}")
    return {
        "columns": names,
        "rows": len(found),
        "sha256": hashlib.sha256(repr(found).encode()).hexdigest(),
    }


def answer(results):
    return {
        "total": results.total,
        "fuzzy_names": results.fuzzy_names,
        "hits": [[getattr(hit, f) for f in HIT] + [round(hit.rank, 6)] for hit in results.hits],
        "facets": {
            name: [[plain(v.value), v.label, v.count, v.selected] for v in values]
            for name, values in results.facets.items()
        },
    }


def query(spec):
    return SearchQuery(**{k: tuple(v) if isinstance(v, list) else v for k, v in spec.items()})


vendor = connection.vendor
captured = {
    "archive_file": archive.__file__,
    "search_file": importlib.import_module(SEARCH_MODULE).__file__,
    "tables": {name: table(name) for (name,) in rows(TABLES[vendor])},
    "sequences": dict(rows(SEQUENCES[vendor])),
    "schema": [rows(sql) for sql in SCHEMA[vendor]],
    "migrations": rows("SELECT app, name FROM django_migrations"),
    "content_types": rows("SELECT id, app_label, model FROM django_content_type"),
    "entries": rows(
        "SELECT kind, object_id, slug, title, decade, status, has_image, collection_id"
        " FROM archive_search_entry"
    ),
    "facet_counts": rows("SELECT facet, value, count FROM archive_search_facet_count"),
    "searches": {
        label: answer(search(query(spec), use_cache=False)) for label, spec in SEARCHES.items()
    },
}
print(MARK + json.dumps(captured, ensure_ascii=False))
"""


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (git with fixed arguments)
        ["git", "-C", str(REPO), *args],  # noqa: S607 (git from PATH, as CI has it)
        capture_output=True,
        check=False,
    )


def materialise_old_tree(destination: Path) -> Path:
    """The old layout's files, from `git archive`; skips when this clone lacks the commit."""
    if git("cat-file", "-e", f"{OLD_LAYOUT}^{{commit}}").returncode != 0:
        pytest.skip(f"commit {OLD_LAYOUT[:7]} (the old layout) is not in this clone (shallow?)")
    archived = git("archive", "--format=tar", OLD_LAYOUT)
    assert archived.returncode == 0, archived.stderr.decode()
    with tarfile.open(fileobj=io.BytesIO(archived.stdout)) as tar:
        tar.extractall(destination, filter="data")
    return destination


@contextmanager
def fresh_database(tmp_path: Path) -> Iterator[str]:
    """A DATABASE_URL for a new, empty database of this run's kind, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        return
    assert connection.vendor == "postgresql", connection.vendor
    import psycopg
    from psycopg import sql

    server = connection.settings_dict  # the test connection's server; its database is not used
    name = f"vitrine_upgrade_{uuid.uuid4().hex[:12]}"
    params = {key.lower(): server[key] or None for key in ("HOST", "PORT", "USER", "PASSWORD")}

    def on_server(statement: str) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(sql.SQL(statement).format(sql.Identifier(name)))

    on_server("CREATE DATABASE {}")
    user = quote(server["USER"] or "", safe="")
    password = f":{quote(server['PASSWORD'], safe='')}" if server["PASSWORD"] else ""
    port = f":{server['PORT']}" if server["PORT"] else ""
    try:
        yield f"postgres://{user}{password}@{server['HOST']}{port}/{name}"
    finally:
        on_server("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def environment(database_url: str, tmp_path: Path, first: Path | None = None) -> dict[str, str]:
    """A clean environment: development settings (DEBUG on, its SECRET_KEY) on that database,
    with the modules of `first` found before any others."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "1",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    if first is not None:
        env["PYTHONPATH"] = str(first)
    return env


def manage(tree: Path, env: dict[str, str], *args: str) -> str:
    """Run a tree's `manage.py` with this interpreter, from the tree's folder; its output."""
    done = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"manage.py {args[0]} in {tree}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def capture(
    tree: Path,
    env: dict[str, str],
    search_module: str,
    query_module: str,
    old_columns: dict[str, list[str]] | None = None,
) -> dict:
    """The database's contents and the search answers, read by `tree`'s code; with
    `old_columns`, each table that had them is read in those columns only."""
    script = (
        f"MARK = {MARK!r}\nSEARCH_MODULE = {search_module!r}\nQUERY_MODULE = {query_module!r}\n"
        f"import json\nOLD_COLUMNS = json.loads({json.dumps(old_columns)!r})\n" + CAPTURE
    )
    output = manage(tree, env, "shell", "--no-imports", "--command", script)
    line = next(line for line in output.splitlines() if line.startswith(MARK))
    return json.loads(line.removeprefix(MARK))


def test_a_database_of_the_old_layout_migrates_forward_with_nothing_lost(tmp_path):
    old = materialise_old_tree(tmp_path / "old")
    with fresh_database(tmp_path) as database_url:
        old_env = environment(database_url, tmp_path, first=old)
        # Without system checks: they import the old URLconf, whose IIIF views need the `iiif`
        # package this tree no longer installs; the commands themselves never load it.
        manage(old, old_env, "migrate", "--noinput", "--skip-checks")
        manage(old, old_env, "load_demo", "--skip-checks")
        manage(old, old_env, "rebuild_search_index", "--skip-checks")
        before = capture(old, old_env, "archive.search", "archive.search.query")

        new_env = environment(database_url, tmp_path)
        migrate_output = manage(REPO, new_env, "migrate", "--noinput")
        old_columns = {
            name: contents["columns"]
            for name, contents in before["tables"].items()
            if "columns" in contents
        }
        after = capture(REPO, new_env, "search.engine", "search.query", old_columns)
        manage(REPO, new_env, "makemigrations", "--check", "--dry-run")  # fails on changes

    # Each tree ran its own code.
    assert Path(before["archive_file"]).is_relative_to(old)
    assert Path(before["search_file"]).is_relative_to(old)
    assert Path(after["archive_file"]).is_relative_to(REPO)
    assert Path(after["search_file"]).is_relative_to(REPO)

    # The old database was a real one: the demo, indexed and counted, found by every search.
    assert len(before["entries"]) > 50
    assert before["facet_counts"]
    assert all(found["total"] > 0 for found in before["searches"].values())

    # Migrations: the new ones applied, none of the old ones lost.
    old_migrations = {tuple(row) for row in before["migrations"]}
    new_migrations = {tuple(row) for row in after["migrations"]}
    assert old_migrations <= new_migrations
    assert new_migrations - old_migrations >= NEW_MIGRATIONS, migrate_output

    # Content types: the moved models' rows change app label and keep their ids; the others stay
    # as they were; new models add theirs.
    assert {model for _, app, model in before["content_types"] if app == "archive"} >= MOVED
    renamed = {
        ct_id: ["search" if app == "archive" and model in MOVED else app, model]
        for ct_id, app, model in before["content_types"]
    }
    now = {ct_id: [app, model] for ct_id, app, model in after["content_types"]}
    assert {ct_id: now.get(ct_id) for ct_id in renamed} == renamed
    added_types = set(now) - set(renamed)
    assert added_types, "the apps installed since (axes at least) add content types"
    assert all(ct_id > max(renamed) for ct_id in added_types)

    # Permissions: every old one kept, row for row; the new ones belong to new content types.
    permissions_before = before["tables"]["auth_permission"]["whole"]
    permissions_after = after["tables"]["auth_permission"]["whole"]
    assert [row for row in permissions_after if row in permissions_before] == permissions_before
    assert all(row[1] in added_types for row in permissions_after if row not in permissions_before)

    # Every old table is still there, with the same rows in the columns it had; tables added
    # since are new ones only.
    assert set(before["tables"]) <= set(after["tables"])
    assert all(
        after["tables"][name].get("new") for name in set(after["tables"]) - set(before["tables"])
    )
    for name, contents in before["tables"].items():
        if name in ("django_migrations", "django_content_type", "auth_permission"):
            continue
        assert after["tables"][name] == contents, f"{name}: rows changed"

    # Every part of the old schema is still there, unchanged (later migrations may add to it).
    for old_part, new_part in zip(before["schema"], after["schema"], strict=True):
        missing = [row for row in old_part if row not in new_part]
        assert not missing, missing

    # Sequences: unchanged but for those that counted the rows added since.
    grown = ("django_migrations", "django_content_type", "auth_permission")
    assert set(before["sequences"]) <= set(after["sequences"])
    for sequence, value in before["sequences"].items():
        if sequence.startswith(grown):
            assert after["sequences"][sequence] >= value, sequence
        else:
            assert after["sequences"][sequence] == value, sequence

    # The search index and its stored counts, and what the searches answer.
    assert after["entries"] == before["entries"]
    assert after["facet_counts"] == before["facet_counts"]
    for label, found in before["searches"].items():
        assert after["searches"][label] == found, label
