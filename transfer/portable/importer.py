"""Loading an archive into an empty database, all or nothing.

In order: the manifest is read and checked (format, version, schema); every data file and every
media file is checked against its SHA-256 before the database is touched; then, in one
transaction, the rows are loaded as they were exported (same primary keys, timestamps and
revisions; no signals act on them), foreign keys are checked, sequences reset, the media files
written and the search index rebuilt. If anything fails the transaction rolls back and the media
files written so far are deleted again.
"""

import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, reset_queries, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

from archive import images
from archive.progress import Progress
from search.index import rebuild_kinds
from transfer.portable import containers, layout
from transfer.portable.layout import ArchiveError, ProgressFactory

INSERT_BATCH = 1_000


def read_manifest(source: containers.Reader) -> dict[str, Any]:
    """The manifest, once its format, version and shape are known to be ones this code reads."""
    try:
        with source.open(layout.MANIFEST) as handle:
            manifest = json.load(handle)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ArchiveError(f"{layout.MANIFEST} is not valid JSON: {exc}.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != layout.FORMAT:
        raise ArchiveError(f"This is not a {layout.FORMAT} archive (see its {layout.MANIFEST}).")
    if manifest.get("version") != layout.VERSION:
        raise ArchiveError(
            f"The archive is in format version {manifest.get('version')!r}; this Vitrine reads "
            f"version {layout.VERSION}."
        )
    known = {layout.USERS, *(layout.label(m) for m in layout.exported_models())}
    try:
        for entry in manifest["files"]:
            if entry["model"] not in known:
                raise ArchiveError(f"The archive holds rows of an unknown model {entry['model']}.")
            layout.safe_name(entry["path"])
            int(entry["rows"]), int(entry["bytes"]), str(entry["sha256"])
        media = manifest["media"]
        int(media["files"]), int(media["list_bytes"]), str(media["sha256"])
        dict(manifest["schema"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ArchiveError(f"{layout.MANIFEST} is incomplete or malformed ({exc!r}).") from None
    return manifest


def check_schema(manifest: dict[str, Any]) -> None:
    """Refuse an archive written by a schema this database does not have yet."""
    applied = MigrationRecorder(connection).applied_migrations()
    missing = [
        f"{app}.{name}"
        for app, names in manifest["schema"].items()
        for name in names
        if (app, name) not in applied
    ]
    if missing:
        raise ArchiveError(
            "The archive was written by a newer database schema: migrations "
            f"{', '.join(missing)} are not applied here. Upgrade Vitrine and run migrate first."
        )


def _verify(source: containers.Reader, name: str, sha256: str, size: int, what: str) -> None:
    with source.open(name) as handle:
        found, found_size = images.stream_fixity(handle)
    if found != sha256 or found_size != size:
        raise ArchiveError(
            f"{what} {name} does not match its checksum in the archive (expected SHA-256 "
            f"{sha256}, {size:,} bytes; found {found}, {found_size:,} bytes): the archive is "
            "damaged or was changed after export. Nothing was imported."
        )


def media_entries(source: containers.Reader) -> Iterator[dict[str, Any]]:
    """The media list, a line at a time: {"name", "sha256", "bytes"}."""
    with source.open(layout.MEDIA_LIST) as raw:
        for number, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), start=1):
            try:
                entry = json.loads(line)
                entry["name"] = layout.safe_name(entry["name"])
                int(entry["bytes"]), str(entry["sha256"])
            except (ValueError, KeyError, TypeError):
                raise ArchiveError(f"{layout.MEDIA_LIST} line {number} is malformed.") from None
            yield entry


def verify(
    source: containers.Reader, manifest: dict[str, Any], progress: ProgressFactory | None
) -> None:
    """Check every data file and media file against the checksums the archive records."""
    for entry in manifest["files"]:
        _verify(source, entry["path"], entry["sha256"], entry["bytes"], "Data file")
    media = manifest["media"]
    _verify(source, layout.MEDIA_LIST, media["sha256"], media["list_bytes"], "Media list")
    bar = progress("media", media["files"], "verified") if progress else None
    count = 0
    for entry in media_entries(source):
        name = layout.media_path(entry["name"])
        _verify(source, name, entry["sha256"], entry["bytes"], "Media file")
        count += 1
        if bar:
            bar(1)
    if bar:
        bar.finish()
    if count != media["files"]:
        raise ArchiveError(
            f"{layout.MEDIA_LIST} lists {count:,} files; the manifest says {media['files']:,}."
        )


def archive_counts() -> dict[str, int]:
    """Rows of every exported model in this database (models without rows left out)."""
    counts = {layout.label(m): m._base_manager.count() for m in layout.exported_models()}
    return {label: n for label, n in counts.items() if n}


def clear_archive() -> None:
    """Delete every row of every exported model — records, exhibits, revisions — without
    signals or cascades (foreign keys are checked when the import ends), in the current
    transaction. Media files stay in storage."""
    with connection.cursor() as cursor:
        for model in reversed(layout.exported_models()):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def _load_users(handle: io.TextIOWrapper) -> int:
    """Revision authors: users missing here are added, inactive and without a password."""
    users = get_user_model()._base_manager
    count = 0
    for line in handle:
        fields = json.loads(line)["fields"]
        users.get_or_create(
            username=fields["username"],
            defaults={
                "first_name": fields.get("first_name", ""),
                "last_name": fields.get("last_name", ""),
                "is_active": False,
                "password": make_password(None),
            },
        )
        count += 1
    return count


def _insert(model: type[Model], rows: list[Model]) -> None:
    """Insert rows exactly as they are, a statement per batch.

    This is the raw insert `Model.save_base(raw=True)` makes for one row (loaddata's save:
    values kept, auto_now not applied, no signals), for a batch; bulk_create would stamp
    created_at/updated_at with the present time. A row at a time is three times slower.
    """
    fields = model._meta.local_concrete_fields
    size = max(1, connection.ops.bulk_batch_size(fields, rows))
    for start in range(0, len(rows), size):
        model._base_manager._insert(rows[start : start + size], fields=fields, raw=True)
    # With DEBUG on, Django keeps the last 9,000 statements: here, megabytes each.
    reset_queries()


def _load_rows(handle: io.TextIOWrapper, model: type[Model], bar: Progress | None) -> int:
    count = 0
    batch: list[Model] = []
    for row in serializers.deserialize("jsonl", handle):
        if type(row.object) is not model or row.object.pk is None:
            raise ArchiveError(
                f"A row of {row.object._meta.label_lower} without its key or "
                f"in another model's file ({model._meta.label_lower})."
            )
        batch.append(row.object)
        if len(batch) == INSERT_BATCH:
            _insert(model, batch)
            count += len(batch)
            batch = []
            if bar:
                bar(INSERT_BATCH)
    _insert(model, batch)
    count += len(batch)
    if bar:
        bar(len(batch))
        bar.finish()
    return count


def load(
    source: containers.Reader, manifest: dict[str, Any], progress: ProgressFactory | None
) -> int:
    """Load every data file in manifest order; return the number of rows."""
    total = 0
    for entry in manifest["files"]:
        with source.open(entry["path"]) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8")
            try:
                if entry["model"] == layout.USERS:
                    count = _load_users(text)
                else:
                    model = layout.model(entry["model"])
                    bar = progress(entry["model"], entry["rows"], "imported") if progress else None
                    count = _load_rows(text, model, bar)
            except (DeserializationError, DatabaseError, ValueError, KeyError) as exc:
                raise ArchiveError(f"{entry['path']} could not be loaded: {exc}") from exc
        if count != entry["rows"]:
            raise ArchiveError(
                f"{entry['path']} holds {count:,} rows; the manifest says {entry['rows']:,}."
            )
        total += count
    return total


def check_foreign_keys() -> None:
    tables = [m._meta.db_table for m in layout.exported_models()]
    try:
        connection.check_constraints(table_names=tables)
    except DatabaseError as exc:
        raise ArchiveError(f"The archive's rows point at rows it does not hold: {exc}") from exc


def reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), layout.exported_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class HashingReader:
    """A readable stream that keeps the SHA-256 of what was read from it."""

    def __init__(self, source: BinaryIO) -> None:
        self.source, self.digest, self.size = source, hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def write_media(
    source: containers.Reader, written: list[str], progress: ProgressFactory | None, total: int
) -> int:
    """Copy the media files into storage, appending each name written to `written` (so a
    failure can delete them); files already stored with the same checksum are kept as they are.
    Return how many were written."""
    bar = progress("media", total, "written") if progress else None
    for entry in media_entries(source):
        name = entry["name"]
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as stored:
                found, _ = images.stream_fixity(stored)
            if found != entry["sha256"]:
                raise ArchiveError(
                    f"The media storage already holds a different file at {name}. Import into "
                    "an empty media storage, or move that file away first."
                )
        else:
            with source.open(layout.media_path(name)) as handle:
                reader = HashingReader(handle)
                saved = default_storage.save(name, File(reader, name=name))  # type: ignore[arg-type]
            written.append(saved)
            if saved != name or reader.digest.hexdigest() != entry["sha256"]:
                raise ArchiveError(f"Media file {name} could not be stored intact (as {saved}).")
        if bar:
            bar(1)
    if bar:
        bar.finish()
    return len(written)


def import_archive(
    path: Path, *, replace: bool = False, progress: ProgressFactory | None = None
) -> dict[str, Any]:
    """Load the archive at `path` (directory or zip) into this database, which must hold no
    archive data unless `replace` says to delete it first. Return a summary."""
    with containers.reader(path) as source:
        manifest = read_manifest(source)
        check_schema(manifest)
        verify(source, manifest, progress)
        written: list[str] = []
        try:
            with transaction.atomic():
                if replace:
                    clear_archive()
                elif present := archive_counts():
                    listed = ", ".join(f"{n:,} {label}" for label, n in list(present.items())[:3])
                    raise ArchiveError(
                        f"The database already holds archive data ({sum(present.values()):,} "
                        f"rows in {len(present)} tables: {listed}…). import_archive loads into "
                        "an empty database; --replace deletes all archive data first (in the "
                        "same transaction)."
                    )
                rows = load(source, manifest, progress)
                check_foreign_keys()
                reset_sequences()
                write_media(source, written, progress, manifest["media"]["files"])
                rebuild_kinds(
                    bar=(lambda kind, total: progress(kind, total, "indexed")) if progress else None
                )
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    return {"rows": rows, "media_written": len(written), "media": manifest["media"]["files"]}
