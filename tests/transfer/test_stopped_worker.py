"""A background worker that stops mid-way (killed, out of memory, the machine restarted) leaves
no batch "Running" or "Checking" for ever: the admin shows what became of it."""

import multiprocessing
import os
import signal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from archive.models import Person
from tests import factories
from tests.transfer.conftest import csv_bytes
from transfer.batches import lock_path, recover_stopped, run_batch, worker_lock
from transfer.models import ImportBatch, ImportChange

pytestmark = pytest.mark.django_db

ROWS = [["slug", "title"], ["a", "Person A"], ["b", "Person B"]]


def make_batch(state: str, curator=None) -> ImportBatch:
    batch = ImportBatch(
        content_type=ContentType.objects.get_for_model(Person),
        file_name="people.csv",
        file_format="csv",
        user=curator,
        total_rows=len(ROWS) - 1,
        state=state,
    )
    batch.file.save("people.csv", ContentFile(csv_bytes(ROWS)), save=False)
    batch.save()
    return batch


def hold_lock_until_killed(batch_id: int, ready) -> None:
    """A worker at work on the batch: it holds the lock until it is killed."""
    with worker_lock(batch_id):
        ready.set()
        signal.pause()


def test_a_killed_worker_is_told_from_a_working_one_and_its_import_fails_saving_nothing(
    curator_client,
):
    batch = make_batch(ImportBatch.State.RUNNING)
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    worker = context.Process(target=hold_lock_until_killed, args=(batch.pk, ready))
    worker.start()
    try:
        assert ready.wait(10)
        # At work: the list and the page leave it running.
        assert recover_stopped([batch]) == []
        page = curator_client.get(batch.get_absolute_url()).content.decode()
        assert "Running" in page and 'http-equiv="refresh"' in page
        batch.refresh_from_db()
        assert batch.state == ImportBatch.State.RUNNING
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(10)
    assert worker.exitcode == -signal.SIGKILL
    # What a killed worker leaves behind: its lock file, naming it, locked by no one.
    assert lock_path(batch.pk).read_text() == f"{worker.pid}\n"

    page = curator_client.get("/admin/transfer/importbatch/").content.decode()
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED and batch.finished_at
    assert batch.errors == [
        "The worker stopped before the import finished, so nothing was saved (an import is all "
        "or nothing). Upload the file again."
    ]
    assert "Failed (nothing saved)" in page
    assert not lock_path(batch.pk).exists()
    detail = curator_client.get(batch.get_absolute_url()).content.decode()
    assert "The worker stopped before the import finished" in detail
    assert 'http-equiv="refresh"' not in detail
    assert not Person.objects.exists()


def stopped(batch: ImportBatch) -> None:
    """What a worker that stopped mid-way leaves: its lock file, written, held by no one."""
    path = lock_path(batch.pk)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("4242\n")


def test_a_lock_file_a_worker_has_only_just_opened_is_not_a_stopped_worker():
    """Between opening the file and locking it, a worker has written nothing in it yet: the
    check it is about to run (CHECKING from the upload on) must not be failed meanwhile."""
    batch = make_batch(ImportBatch.State.CHECKING)
    path = lock_path(batch.pk)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    assert recover_stopped([batch]) == []
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.CHECKING


def test_a_check_whose_worker_stopped_fails_and_says_so(curator_client):
    batch = make_batch(ImportBatch.State.CHECKING)
    stopped(batch)
    page = curator_client.get(batch.get_absolute_url()).content.decode()
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED
    assert "The worker stopped while it was checking the file" in page
    assert "Confirm import" not in page


def test_a_batch_no_worker_has_taken_up_yet_waits():
    """A large file waits in CHECKING (or QUEUED) until a worker starts on it."""
    checking = make_batch(ImportBatch.State.CHECKING)
    queued = make_batch(ImportBatch.State.QUEUED)
    assert recover_stopped(ImportBatch.objects.all()) == []
    assert {b.state for b in ImportBatch.objects.all()} == {
        ImportBatch.State.CHECKING,
        ImportBatch.State.QUEUED,
    }
    assert not lock_path(checking.pk).exists() and not lock_path(queued.pk).exists()


def test_an_import_that_committed_before_its_worker_stopped_is_done():
    """The import's transaction had committed (its records and their ImportChange rows are
    saved); only the batch's last update was lost."""
    batch = make_batch(ImportBatch.State.RUNNING)
    person = factories.PersonFactory(slug="a")
    changed = factories.PersonFactory(slug="b")
    person_type = ContentType.objects.get_for_model(Person)
    ImportChange.objects.create(
        batch=batch,
        content_type=person_type,
        object_id=person.pk,
        action=ImportChange.Action.CREATED,
        updated_at=person.updated_at,
    )
    ImportChange.objects.create(
        batch=batch,
        content_type=person_type,
        object_id=changed.pk,
        action=ImportChange.Action.UPDATED,
        snapshot="[]",
        updated_at=changed.updated_at,
    )
    stopped(batch)
    assert recover_stopped([batch]) == [batch]
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DONE and batch.errors == []
    assert (batch.created, batch.updated, batch.skipped) == (1, 1, 0)


def test_a_finished_batch_leaves_no_lock_file_and_is_not_recovered():
    batch = make_batch(ImportBatch.State.QUEUED)
    assert run_batch(batch.pk) == ImportBatch.State.DONE
    assert not lock_path(batch.pk).exists()
    stopped(batch)  # even a stray file: the batch is done, so it stays done
    assert recover_stopped(ImportBatch.objects.all()) == []
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DONE and batch.created == 2
