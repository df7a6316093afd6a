"""Running an import as a batch (in the request or in the worker), its progress, and undoing it.

A large file is first checked in the worker (a dry run: the preview a small file gets at once),
then, once a curator confirms it, imported in the worker.

An import runs in one transaction: every row is saved, or none is. What it did is written in the
same transaction as ImportChange rows: the records it created, and for each record it changed a
snapshot of that record and the rows it owns as they were before. Undo deletes the created
records and restores the snapshots; it refuses when any of those records was edited since.

Progress cannot go through the database while the import's transaction is open (SQLite allows
one writer, and the rows would not be visible before commit anyway), so it is a small JSON file
beside the uploaded file, written every hundredth of the way.

A worker that stops for good (killed, out of memory, the machine restarted) cannot say so, and
its batch would show "Running" or "Checking" for ever. While it works on a batch, the worker
holds an exclusive lock on a file beside the progress file, which the operating system lets go
of when the process ends however it ends; the file itself is removed when the batch finishes.
A lock file that is there but held by no one therefore means the worker stopped mid-way, and the
admin's list and page of imports say what became of that batch (`recover_stopped`).
"""

import fcntl
import json
import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone

from transfer.columns import OwnedRows
from transfer.formats import FORMATS_BY_NAME
from transfer.models import ImportBatch, ImportChange
from transfer.resources import RESOURCES, owned_rows_of

logger = logging.getLogger(__name__)
MAX_REPORTED_ERRORS = 50
MAX_PREVIEW_ROWS = 1000


class UndoRefused(Exception):
    """The batch cannot be undone; the message says why."""


# Recording what an import does ---------------------------------------------------------------


class BatchLog:
    """Collects the changes of one running import; written inside its transaction."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch = batch
        self.entries: dict[tuple[int, int], ImportChange] = {}
        self.snapshots: dict[tuple[int, int], str] = {}

    @staticmethod
    def key(instance: models.Model) -> tuple[int, int]:
        return ContentType.objects.get_for_model(instance).pk, instance.pk

    def before_change(self, instance: models.Model, owned: tuple[OwnedRows, ...]) -> None:
        """Snapshot a record about to be changed (the first time this import touches it)."""
        key = self.key(instance)
        if key in self.entries or key in self.snapshots:
            return
        stored = type(instance)._default_manager.get(pk=instance.pk)
        rows = [stored, *(row for rows in owned for row in rows.owned(stored))]
        self.snapshots[key] = serializers.serialize("json", rows)

    def saved(self, instance: models.Model, *, created: bool) -> None:
        key = self.key(instance)
        entry = self.entries.get(key)
        if entry is None:
            entry = ImportChange(
                batch=self.batch,
                content_type_id=key[0],
                object_id=instance.pk,
                action=ImportChange.Action.CREATED if created else ImportChange.Action.UPDATED,
                snapshot="" if created else self.snapshots.pop(key),
            )
            self.entries[key] = entry
        entry.updated_at = instance.updated_at

    def write(self) -> None:
        ImportChange.objects.bulk_create(self.entries.values())


# Progress ----------------------------------------------------------------------------------


def progress_path(batch_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "progress" / f"{batch_id}.json"


class ProgressFile:
    """Writes `{"done": n, "total": m}` at most about a hundred times per import."""

    def __init__(self, batch_id: int) -> None:
        self.path = progress_path(batch_id)
        self.total = 0
        self.step = 1

    def __call__(self, done: int, total: int | None) -> None:
        if total is not None:
            self.total, self.step = total, max(total // 100, 1)
        elif done % self.step and done != self.total:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        partial.write_text(json.dumps({"done": done, "total": self.total}))
        os.replace(partial, self.path)


def read_progress(batch: ImportBatch) -> tuple[int, int]:
    """(rows done, rows in all) of a batch, from its progress file while it runs."""
    if batch.state in (
        ImportBatch.State.CHECKED,
        ImportBatch.State.DONE,
        ImportBatch.State.UNDONE,
    ):
        return batch.total_rows, batch.total_rows
    try:
        data = json.loads(progress_path(batch.pk).read_text())
        return int(data["done"]), int(data["total"]) or batch.total_rows
    except (OSError, ValueError, KeyError):
        return 0, batch.total_rows


# A worker at work on a batch, or stopped -----------------------------------------------------

IN_FLIGHT = (ImportBatch.State.CHECKING, ImportBatch.State.RUNNING)
STOPPED_WHILE = {
    ImportBatch.State.CHECKING: (
        "The worker stopped while it was checking the file, so it was not checked and nothing "
        "was saved. Upload the file again."
    ),
    ImportBatch.State.RUNNING: (
        "The worker stopped before the import finished, so nothing was saved (an import is "
        "all or nothing). Upload the file again."
    ),
}


def lock_path(batch_id: int) -> Path:
    return progress_path(batch_id).with_suffix(".lock")


@contextmanager
def worker_lock(batch_id: int) -> Iterator[None]:
    """Hold the batch's lock file while the body runs; remove it when the body ends normally.

    The file says which process holds it, written once the lock is held (an empty file is one
    a worker has only just opened). After a crash the file stays, written and with no lock on
    it: the sign that the worker stopped."""
    path = lock_path(batch_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
        path.unlink(missing_ok=True)


@contextmanager
def stopped_worker_lock(batch_id: int) -> Iterator[bool]:
    """Yield whether the batch's worker started and stopped without finishing; while the body
    runs, hold the batch's lock so that no worker takes the batch up meanwhile."""
    path = lock_path(batch_id)
    try:
        handle = open(path)  # noqa: SIM115 (held for the body, closed below)
    except FileNotFoundError:
        yield False  # not started (queued) or finished
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False  # a worker is at work on it
            return
        # Unlocked and written: the worker is gone. (Empty: a worker opened it and is about to
        # lock it. Gone: the worker removed it and let go just now; the batch's state, read
        # again by the caller under this lock, tells the rest.)
        yield path.exists() and bool(handle.read())


def recover_stopped(batches: Iterable[ImportBatch]) -> list[ImportBatch]:
    """Settle the in-flight batches whose worker stopped mid-way; return those settled.

    A stopped import saved nothing, unless it had committed and only its last step was lost:
    what it created and changed is then recorded (ImportChange, written in its transaction), and
    it is done."""
    settled = []
    for batch in batches:
        if batch.state not in IN_FLIGHT:
            continue
        with stopped_worker_lock(batch.pk) as stopped:
            if not stopped:
                continue
            batch.refresh_from_db()
            if batch.state not in IN_FLIGHT:
                continue
            actions = list(batch.changes.values_list("action", flat=True))
            if batch.state == ImportBatch.State.RUNNING and actions:
                batch.created = actions.count(ImportChange.Action.CREATED)
                batch.updated = actions.count(ImportChange.Action.UPDATED)
                batch.skipped = max(batch.total_rows - batch.created - batch.updated, 0)
                batch.errors, batch.state = [], ImportBatch.State.DONE
            else:
                batch.errors = [STOPPED_WHILE[batch.state]]
                batch.state = ImportBatch.State.FAILED
            logger.warning("Import batch %s: its worker stopped; now %s", batch.pk, batch.state)
            batch.finished_at = timezone.now()
            batch.save()
            progress_path(batch.pk).unlink(missing_ok=True)
            lock_path(batch.pk).unlink(missing_ok=True)
        settled.append(batch)
    return settled


# Running -----------------------------------------------------------------------------------


def read_dataset(batch: ImportBatch) -> Any:
    with batch.file.open("rb") as handle:
        return FORMATS_BY_NAME[batch.file_format]().create_dataset(handle.read())


def check_batch(batch_id: int) -> str:
    """Dry-run a large file in the worker: its totals and row-by-row preview, or its errors."""
    with worker_lock(batch_id):
        return _check_batch(batch_id)


def _check_batch(batch_id: int) -> str:
    batch = ImportBatch.objects.select_related("content_type", "user").get(pk=batch_id)
    if batch.state != ImportBatch.State.CHECKING:
        return batch.state
    try:
        result = import_file(batch, dry_run=True)
    except Exception as exc:
        logger.exception("Checking import batch %s failed", batch_id)
        batch.errors = [f"The file could not be checked: {exc}"]
    else:
        batch.errors = describe_errors(result)
        batch.created, batch.updated, batch.skipped = totals(result)
        batch.preview = [
            {
                "row": number,
                "action": row.import_type,
                "record": row.object_repr or "",
                "changed": getattr(row, "changed_fields", []),
            }
            for number, row in enumerate(result.valid_rows(), 1)
        ][:MAX_PREVIEW_ROWS]
    batch.state = ImportBatch.State.FAILED if batch.errors else ImportBatch.State.CHECKED
    batch.finished_at = timezone.now() if batch.errors else None
    batch.save()
    progress_path(batch.pk).unlink(missing_ok=True)
    return batch.state


def totals(result: Any) -> tuple[int, int, int]:
    """(created, updated, skipped) of an import-export result."""
    return result.totals["new"], result.totals["update"], result.totals["skip"]


def run_batch(batch_id: int) -> str:
    """Import a queued batch's file, all or nothing; return its final state."""
    with worker_lock(batch_id):  # before the claim: a running batch's lock is always held
        return _run_batch(batch_id)


def _run_batch(batch_id: int) -> str:
    claimed = ImportBatch.objects.filter(pk=batch_id, state=ImportBatch.State.QUEUED).update(
        state=ImportBatch.State.RUNNING
    )
    batch = ImportBatch.objects.select_related("content_type", "user").get(pk=batch_id)
    if not claimed:
        return batch.state  # already run (a task delivered twice) or undone
    try:
        result = import_file(batch, dry_run=False)
    except Exception as exc:
        logger.exception("Import batch %s failed", batch_id)
        batch.errors = [f"The import stopped: {exc}"]
        batch.state = ImportBatch.State.FAILED
    else:
        batch.created, batch.updated, batch.skipped = totals(result)
        batch.errors = describe_errors(result)
        batch.state = ImportBatch.State.FAILED if batch.errors else ImportBatch.State.DONE
    batch.finished_at = timezone.now()
    batch.save()
    progress_path(batch.pk).unlink(missing_ok=True)
    return batch.state


def import_file(batch: ImportBatch, *, dry_run: bool) -> Any:
    """Run the batch's file through its resource (a dry run rolls everything back)."""
    dataset = read_dataset(batch)
    batch.total_rows = len(dataset)
    ImportBatch.objects.filter(pk=batch.pk).update(total_rows=batch.total_rows)
    resource = RESOURCES[batch.model]()
    return resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=batch.user,
        file_name=batch.file_name,
        batch_log=None if dry_run else BatchLog(batch),
        progress=ProgressFile(batch.pk),
    )


def describe_errors(result: Any) -> list[str]:
    """The file's and the rows' errors as sentences (empty when the import succeeded)."""
    errors = [str(error.error) for error in result.base_errors]
    for number, row_errors in result.row_errors():
        errors.extend(f"Row {number}: {error.error}" for error in row_errors)
    for row in result.invalid_rows:
        for field, messages in row.field_specific_errors.items():
            errors.extend(f"Row {row.number}, {field}: {message}" for message in messages)
        errors.extend(f"Row {row.number}: {message}" for message in row.non_field_specific_errors)
    return errors[:MAX_REPORTED_ERRORS]


# Undo --------------------------------------------------------------------------------------


def can_undo(user: AbstractBaseUser, batch: ImportBatch) -> bool:
    """Undo deletes records: only users who may change and delete that kind (Curators)."""
    meta = batch.model._meta
    return user.has_perm(f"{meta.app_label}.delete_{meta.model_name}") and user.has_perm(
        f"{meta.app_label}.change_{meta.model_name}"
    )


@transaction.atomic
def undo_batch(batch_id: int, user: AbstractBaseUser | None = None) -> int:
    """Delete what the batch created and restore what it changed; return the records touched."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
    if batch.state != ImportBatch.State.DONE:
        raise UndoRefused(f"“{batch}” is {batch.get_state_display().lower()}: nothing to undo.")
    changes = list(batch.changes.select_related("content_type"))
    edited = []
    for change in changes:
        model = change.content_type.model_class()
        current = model._default_manager.filter(pk=change.object_id).first()
        if current is None or current.updated_at != change.updated_at:
            edited.append(str(current) if current else f"{model._meta.verbose_name} (deleted)")
        elif change.action == ImportChange.Action.CREATED:
            edited.extend(f"{current} ({what})" for what in dependents(current))
    if edited:
        raise UndoRefused(
            "These records were changed or deleted after the import, or other records now point "
            f"to them, so undoing it would lose that work: {', '.join(edited[:20])}. "
            "Nothing was undone."
        )
    for change in reversed(changes):
        model = change.content_type.model_class()
        if change.action == ImportChange.Action.CREATED:
            model._default_manager.filter(pk=change.object_id).first().delete()
        else:
            restore(model, change.snapshot)
    batch.state = ImportBatch.State.UNDONE
    batch.undone_at = timezone.now()
    batch.undone_by = user
    batch.save()
    return len(changes)


def dependents(record: models.Model) -> list[str]:
    """What deleting a record would also delete, beyond its own rows (names, authors…):
    e.g. "2 contributions" when documents now name an imported person as author."""
    model = type(record)
    own = {model, *(owned.model for owned in owned_rows_of(model))}
    own |= {field.remote_field.through for field in model._meta.many_to_many}
    collector = Collector(using=router.db_for_write(model))
    collector.collect([record])
    found: dict[type[models.Model], int] = {}
    for related, instances in collector.data.items():
        if related not in own:
            found[related] = found.get(related, 0) + len(instances)
    for queryset in collector.fast_deletes:
        if queryset.model not in own and (count := queryset.count()):
            found[queryset.model] = found.get(queryset.model, 0) + count
    return [
        f"{count} {(m._meta.verbose_name if count == 1 else m._meta.verbose_name_plural)}"
        for m, count in found.items()
    ]


def restore(model: type[models.Model], snapshot: str) -> None:
    """Put a record and the rows it owns back as the snapshot has them (saved normally, so
    revisions and the search index see the change)."""
    record, *rows = serializers.deserialize("json", snapshot)
    instance = record.object
    for owned in owned_rows_of(model):
        owned.owned(instance).delete()
    instance._state.adding = False  # an update: keep created_at
    instance.save()
    for name, values in record.m2m_data.items():
        getattr(instance, name).set(values)
    for row in rows:
        row.object.save()
