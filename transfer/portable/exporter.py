"""Writing the whole archive out: every row of every exported model, a model at a time, streamed
from the database in chunks and written a line at a time (memory stays flat whatever the size of
the archive), then the media files with their checksums, then the manifest.

The export reads one consistent snapshot: it runs in one transaction (REPEATABLE READ on
PostgreSQL; on SQLite the transaction itself keeps writers out until it ends).
"""

import datetime
import io
import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import FileField, Model, QuerySet
from django.utils import timezone

from archive.progress import Progress
from transfer.portable import containers, layout
from transfer.portable.layout import ProgressFactory

CHUNK_SIZE = 2_000


class ArchiveJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but keeping microseconds (it cuts times to milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class JSONLinesSerializer(jsonl.Serializer):
    """Django's JSON Lines serializer, encoding each row in one call (the C encoder: several
    times faster than the chunked `json.dump` it uses), with the usual ", " between items."""

    def _init_options(self) -> None:
        super()._init_options()
        self.json_kwargs["separators"] = (", ", ": ")

    def end_object(self, obj: Model) -> None:
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs))
        self.stream.write("\n")
        self._current = None


class CountedRows:
    """Rows passed through, counted, and ticked on a progress bar a chunk at a time."""

    def __init__(self, rows: Iterable[Model], progress: Progress | None) -> None:
        self.rows, self.progress, self.count = rows, progress, 0

    def __iter__(self) -> Iterator[Model]:
        for row in self.rows:
            yield row
            self.count += 1
            if self.progress and self.count % CHUNK_SIZE == 0:
                self.progress(CHUNK_SIZE)
        if self.progress and self.count % CHUNK_SIZE:
            self.progress(self.count % CHUNK_SIZE)


def _write_rows(
    target: containers.Writer,
    name: str,
    queryset: QuerySet,
    fields: list[str],
    progress: Progress | None,
    **options: Any,
) -> dict[str, Any]:
    """Write one JSON Lines file of these rows; return its manifest entry (path, rows, bytes,
    SHA-256)."""
    with target.open(name) as raw:
        hashing = containers.HashingWriter(raw)
        buffered = io.BufferedWriter(hashing, buffer_size=containers.CHUNK)
        text = io.TextIOWrapper(buffered, encoding="utf-8", newline="\n")
        serializer = JSONLinesSerializer()
        rows = CountedRows(queryset.iterator(chunk_size=CHUNK_SIZE), progress)
        serializer.serialize(
            rows,
            stream=text,
            fields=fields,
            cls=ArchiveJSONEncoder,
            use_natural_foreign_keys=True,
            **options,
        )
        text.flush()
        text.detach().flush()
    if progress:
        progress.finish()
    return {
        "path": name,
        "rows": rows.count,
        "bytes": hashing.size,
        "sha256": hashing.sha256,
    }


def _model_file(
    target: containers.Writer, model: type[Model], progress: ProgressFactory | None
) -> dict[str, Any]:
    label = layout.label(model)
    queryset = model._base_manager.order_by("pk")
    natural = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and hasattr(f.related_model, "natural_key")
    ]
    if natural:
        queryset = queryset.select_related(*natural)
    total = queryset.count()
    fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    entry = _write_rows(
        target,
        layout.data_path(label),
        queryset,
        fields,
        progress(label, total, "exported") if progress else None,
    )
    if entry["rows"] != total:
        raise layout.ArchiveError(
            f"{total - entry['rows']:,} rows of {label} could not be read with their content "
            "types or revision authors; run the export again or repair those rows."
        )
    return {"model": label, **entry}


def _users_file(target: containers.Writer) -> dict[str, Any]:
    """The revision authors: users named in any revision, by username and name only."""
    user_ids: set[int] = set()
    for history in layout.history_models().values():
        user_ids.update(
            history._base_manager.exclude(history_user__isnull=True)
            .values_list("history_user_id", flat=True)
            .distinct()
        )
    users = get_user_model()._base_manager.filter(pk__in=user_ids).order_by("username")
    entry = _write_rows(
        target,
        layout.data_path(layout.USERS),
        users,
        list(layout.USER_FIELDS),
        None,
        use_natural_primary_keys=True,
    )
    return {"model": layout.USERS, **entry}


def media_names() -> tuple[dict[str, str | None], int]:
    """Every media file name the archive refers to, with the row that needs it (None when only
    revision history names it), and how many such history-only names are no longer stored.

    Live rows' files must exist; a file that only old revisions name is exported while it is
    still in storage (a revert may want it) and skipped otherwise.
    """
    names: dict[str, str | None] = {}
    history = layout.history_models()
    for label in layout.LIVE:
        model = layout.model(label)
        for field in model._meta.concrete_fields:
            if not isinstance(field, FileField):
                continue
            rows = model._base_manager.exclude(**{field.name: ""}).values_list("pk", field.name)
            for pk, name in rows.order_by("pk").iterator(chunk_size=CHUNK_SIZE):
                names.setdefault(name, f"{label} {pk} ({field.name})")
            if model in history:
                old = (
                    history[model]
                    ._base_manager.exclude(**{field.name: ""})
                    .exclude(**{f"{field.name}__isnull": True})
                    .values_list(field.name, flat=True)
                    .distinct()
                )
                for name in old.iterator(chunk_size=CHUNK_SIZE):
                    names.setdefault(name, None)
    gone = [n for n, row in names.items() if row is None and not default_storage.exists(n)]
    for name in gone:
        del names[name]
    return names, len(gone)


def _media(
    target: containers.Writer, progress: ProgressFactory | None
) -> tuple[dict[str, Any], int]:
    """Copy every media file into the archive, then the list of them with their checksums."""
    names, gone = media_names()
    bar = progress("media", len(names), "exported") if progress else None
    total_bytes = 0
    # The list is spooled to a temporary file: a zip writes one member at a time.
    with tempfile.TemporaryFile("w+b") as listing:
        for name in sorted(names):
            row = names[name]
            if not default_storage.exists(name):
                raise layout.ArchiveError(
                    f"Media file {name} is missing from storage ({row}); run check_fixity."
                )
            member = layout.media_path(layout.safe_name(name))
            with (
                default_storage.open(name, "rb") as source,
                target.open(member, compress=False) as raw,
            ):
                hashing = containers.HashingWriter(raw)
                shutil.copyfileobj(source, hashing, containers.CHUNK)
            total_bytes += hashing.size
            line = {"name": name, "sha256": hashing.sha256, "bytes": hashing.size}
            listing.write(json.dumps(line, ensure_ascii=False).encode() + b"\n")
            if bar:
                bar(1)
        if bar:
            bar.finish()
        listing.seek(0)
        with target.open(layout.MEDIA_LIST) as raw:
            hashing = containers.HashingWriter(raw)
            shutil.copyfileobj(listing, hashing, containers.CHUNK)
    entry = {
        "path": layout.MEDIA_LIST,
        "files": len(names),
        "bytes": total_bytes,
        "list_bytes": hashing.size,
        "sha256": hashing.sha256,
    }
    return entry, gone


def applied_migrations() -> dict[str, list[str]]:
    applied = MigrationRecorder(connection).applied_migrations()
    return {app: sorted(name for a, name in applied if a == app) for app in layout.APPS}


def _write(target: containers.Writer, progress: ProgressFactory | None) -> dict[str, Any]:
    files = [_users_file(target)]
    files += [_model_file(target, model, progress) for model in layout.exported_models()]
    media, gone = _media(target, progress)
    manifest = {
        "format": layout.FORMAT,
        "version": layout.VERSION,
        "exported_at": timezone.now().isoformat(),
        "schema": applied_migrations(),
        "files": files,
        "media": media,
        "history_media_no_longer_stored": gone,
        "derived": {
            "not exported": list(layout.DERIVED),
            "rebuilt on import": "the search index (search.index.rebuild)",
        },
    }
    with target.open(layout.MANIFEST) as raw:
        raw.write(json.dumps(manifest, indent=2, ensure_ascii=False).encode() + b"\n")
    return manifest


def export_archive(path: Path, *, progress: ProgressFactory | None = None) -> dict[str, Any]:
    """Write the whole archive to a directory (or a zip when the path ends in .zip) and return
    its manifest. Nothing is left at `path` if the export fails."""
    target = containers.writer(path)
    try:
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            manifest = _write(target, progress)
        target.finish()
    except BaseException:
        target.abort()
        raise
    return manifest
