"""The worker's heartbeat, what the admin says when no worker is alive, and the settling of the
tasks of a worker that is gone (transfer.workers), in this process on either database.

A worker "process" here is a forked child that holds a worker's lock file and is killed; real
`run_worker` processes are in test_worker_process.py."""

import multiprocessing
import os
import signal
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.tasks import TaskResultStatus, default_task_backend
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from archive.models import Person
from tests.transfer.test_stopped_worker import hold_lock_until_killed, make_batch
from tests.transfer.worker_tasks import touch
from transfer.batches import lock_path
from transfer.models import ImportBatch, WorkerHeartbeat
from transfer.workers import (
    Heartbeat,
    WorkerIdInUse,
    WorkerLost,
    hold_worker_lock,
    live_workers,
    lock_held,
    settle_dead_workers,
    waiting_without_worker,
    worker_lock_path,
)

pytestmark = pytest.mark.django_db

WARNING = "No worker is running"
ADMIN_PAGES = ["/admin/", "/admin/transfer/importbatch/", "/admin/archive/person/import/"]


def heartbeat(worker_id: str, seconds_ago: float = 0) -> WorkerHeartbeat:
    seen = timezone.now() - timedelta(seconds=seconds_ago)
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id, hostname="here", pid=1, started_at=seen, last_seen=seen
    )


def running_task(worker_id: str, tmp_path) -> DBTaskResult:
    """A task that the worker `worker_id` has claimed (as django-tasks-db's worker does)."""
    result = touch.enqueue(str(tmp_path / f"{worker_id}.done"))
    task = DBTaskResult.objects.get(pk=result.id)
    task.claim(worker_id)
    return task


def hold_worker_lock_until_killed(worker_id: str, ready) -> None:
    """A worker process, as far as its lock file goes: it holds it until it is killed."""
    handle = hold_worker_lock(worker_id)
    ready.set()
    signal.pause()
    handle.close()


class Child:
    """A forked process running `target(*args, ready)`, killed with SIGKILL on request."""

    def __init__(self, target, *args) -> None:
        context = multiprocessing.get_context("fork")
        self.ready = context.Event()
        self.process = context.Process(target=target, args=(*args, self.ready))

    def __enter__(self) -> "Child":
        self.process.start()
        assert self.ready.wait(10)
        return self

    def kill(self) -> None:
        if self.process.is_alive():
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(10)

    def __exit__(self, *exc) -> None:
        self.kill()


# --- is a worker alive? -------------------------------------------------------------------------


def test_a_heartbeat_older_than_the_threshold_is_stale(settings):
    settings.VITRINE_WORKER_STALE_AFTER = 30
    heartbeat("fresh", seconds_ago=2)
    heartbeat("late", seconds_ago=29)
    heartbeat("stale", seconds_ago=31)
    assert {beat.worker_id for beat in live_workers()} == {"fresh", "late"}
    settings.VITRINE_WORKER_STALE_AFTER = 60
    assert {beat.worker_id for beat in live_workers()} == {"fresh", "late", "stale"}
    settings.VITRINE_WORKER_STALE_AFTER = 10
    assert {beat.worker_id for beat in live_workers()} == {"fresh"}


def test_a_held_lock_file_says_alive_and_a_released_one_says_gone_whatever_the_heartbeat():
    heartbeat("busy", seconds_ago=3600)  # late: SQLite's write lock held it back
    assert lock_held(worker_lock_path("busy")) is None
    with Child(hold_worker_lock_until_killed, "busy") as child:
        assert lock_held(worker_lock_path("busy")) is True
        assert [beat.worker_id for beat in live_workers()] == ["busy"]
        child.kill()
    WorkerHeartbeat.objects.filter(worker_id="busy").update(last_seen=timezone.now())
    assert lock_held(worker_lock_path("busy")) is False  # the file is there, nobody holds it
    assert live_workers() == []


def test_the_heartbeat_writes_its_row_holds_its_lock_and_cleans_up(settings):
    settings.VITRINE_WORKER_HEARTBEAT = 3600  # its thread stays asleep: beats are written here
    beat = Heartbeat("w-1")
    beat.start()
    try:
        assert lock_held(worker_lock_path("w-1")) is True
        with pytest.raises(WorkerIdInUse):
            Heartbeat("w-1").start()
        assert not WorkerHeartbeat.objects.exists()  # written by beat(), before any claim
        beat.beat()
        row = WorkerHeartbeat.objects.get()
        assert (row.worker_id, row.pid, row.started_at) == ("w-1", os.getpid(), beat.started_at)
        WorkerHeartbeat.objects.update(last_seen=timezone.now() - timedelta(minutes=5))
        beat.beat()
        row.refresh_from_db()
        assert timezone.now() - row.last_seen < timedelta(minutes=1)
        row.delete()  # taken for gone by another process: the next beat writes it again
        beat.beat()
        assert WorkerHeartbeat.objects.get().started_at == beat.started_at
    finally:
        beat.stop()
    assert not WorkerHeartbeat.objects.exists()
    assert lock_held(worker_lock_path("w-1")) is None


# --- settling the tasks of a worker that is gone --------------------------------------------------


def test_only_the_tasks_of_workers_that_are_gone_are_marked_failed(tmp_path, settings):
    settings.VITRINE_WORKER_STALE_AFTER = 30
    heartbeat("alive", seconds_ago=1)
    heartbeat("killed")  # fresh, but its lock file will be left with nobody holding it
    with Child(hold_worker_lock_until_killed, "killed") as child:
        tasks = {worker_id: running_task(worker_id, tmp_path) for worker_id in ("alive", "killed")}
        assert settle_dead_workers() == []  # both alive
        child.kill()
    heartbeat("stale", seconds_ago=600)
    tasks["stale"] = running_task("stale", tmp_path)
    tasks["unknown"] = running_task("unknown", tmp_path)  # no heartbeat at all
    waiting = touch.enqueue(str(tmp_path / "waiting.done"))

    failed = settle_dead_workers()

    assert sorted(failed) == sorted(str(tasks[w].pk) for w in ("killed", "stale", "unknown"))
    status = {str(pk): state for pk, state in DBTaskResult.objects.values_list("pk", "status")}
    assert status[str(tasks["alive"].pk)] == TaskResultStatus.RUNNING
    assert status[waiting.id] == TaskResultStatus.READY
    killed = default_task_backend.get_result(str(tasks["killed"].pk))
    assert killed.status == TaskResultStatus.FAILED and killed.finished_at
    assert killed.errors[0].exception_class is WorkerLost
    assert "The worker killed (pid 1 on here) stopped while running this task" in (
        killed.errors[0].traceback
    )
    assert "An import saves nothing unless it finishes" in killed.errors[0].traceback
    assert "The worker stale (pid 1 on here) stopped" in (
        DBTaskResult.objects.get(pk=tasks["stale"].pk).traceback
    )
    unknown = DBTaskResult.objects.get(pk=tasks["unknown"].pk)
    assert "The worker unknown stopped" in unknown.traceback
    # The workers that are gone are forgotten, their lock files too; the live one stays.
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["alive"]
    assert not worker_lock_path("killed").exists()
    assert settle_dead_workers() == []  # nothing left to settle


def test_a_worker_late_but_alive_keeps_its_row(settings):
    """Settling deletes a row taken for gone only if it has not moved since it was read."""
    settings.VITRINE_WORKER_STALE_AFTER = 30
    heartbeat("late", seconds_ago=600)
    WorkerHeartbeat.objects.filter(worker_id="late").update(last_seen=timezone.now())
    settle_dead_workers()
    assert WorkerHeartbeat.objects.filter(worker_id="late").exists()


def test_looking_at_the_imports_settles_a_killed_workers_task_and_batch_alike(
    curator_client, tmp_path
):
    """The task and the import batch it was running end up failed together, nothing saved."""
    batch = make_batch(ImportBatch.State.RUNNING)
    heartbeat("w-gone")
    with (
        Child(hold_worker_lock_until_killed, "w-gone"),
        Child(hold_lock_until_killed, batch.pk),
    ):
        task = running_task("w-gone", tmp_path)
        page = curator_client.get(reverse("admin:transfer_importbatch_changelist"))
        assert "Running" in page.content.decode()
        assert DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.RUNNING
    # Both killed: the batch's lock and the worker's are left with nobody holding them.
    assert lock_path(batch.pk).exists() and worker_lock_path("w-gone").exists()

    page = curator_client.get(batch.get_absolute_url()).content.decode()
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED
    assert "The worker stopped before the import finished" in page
    assert DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.FAILED
    assert not WorkerHeartbeat.objects.exists()
    assert not Person.objects.exists()


# --- the admin's warning --------------------------------------------------------------------------


def warned(client, url: str) -> bool:
    response = client.get(url)
    assert response.status_code == 200, url
    return WARNING in response.content.decode()


def test_queued_imports_with_no_live_worker_are_warned_of_on_the_admin_pages(curator_client):
    batch = make_batch(ImportBatch.State.QUEUED)
    for url in [*ADMIN_PAGES, batch.get_absolute_url()]:
        page = curator_client.get(url).content.decode()
        assert "No worker is running, so 1 import is waiting." in page, url
        assert "<code>manage.py run_worker</code>" in page
        assert '<div class="worker-warning" role="alert">' in page
    make_batch(ImportBatch.State.CHECKING)  # a large file waiting for its check
    assert "so 2 imports are waiting" in curator_client.get("/admin/").content.decode()


def test_no_warning_while_a_worker_is_alive(curator_client, settings):
    settings.VITRINE_WORKER_STALE_AFTER = 30
    batch = make_batch(ImportBatch.State.QUEUED)
    heartbeat("w-1", seconds_ago=5)
    for url in [*ADMIN_PAGES, batch.get_absolute_url()]:
        assert not warned(curator_client, url), url
    # Its heartbeat goes stale: the warning is back.
    WorkerHeartbeat.objects.update(last_seen=timezone.now() - timedelta(seconds=31))
    assert warned(curator_client, "/admin/")


def test_no_warning_when_nothing_waits(curator_client):
    for state in ("checked", "running", "done", "failed", "undone"):
        make_batch(state)
    for url in ADMIN_PAGES:
        assert not warned(curator_client, url), url


def test_a_waiting_task_with_no_worker_is_warned_of(curator_client, tmp_path):
    touch.enqueue(str(tmp_path / "x"))
    assert "so 1 task is waiting" in curator_client.get("/admin/").content.decode()
    touch.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(str(tmp_path / "later"))
    assert "so 1 task is waiting" in curator_client.get("/admin/").content.decode()


def test_no_warning_when_tasks_run_in_the_request(curator_client, settings):
    make_batch(ImportBatch.State.QUEUED)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    assert waiting_without_worker() == ""
    assert not warned(curator_client, "/admin/")


def test_the_warning_costs_two_queries(django_assert_max_num_queries, tmp_path):
    with django_assert_max_num_queries(2):
        assert waiting_without_worker() == ""  # nothing waits
    make_batch(ImportBatch.State.QUEUED)
    touch.enqueue(str(tmp_path / "x"))
    heartbeat("w-1")
    with django_assert_max_num_queries(2):
        assert waiting_without_worker() == ""  # a worker is alive
    WorkerHeartbeat.objects.all().delete()
    with django_assert_max_num_queries(2):
        assert waiting_without_worker() == "1 import is waiting"


def test_an_editor_sees_the_warning_too(editor_client):
    make_batch(ImportBatch.State.QUEUED)
    assert warned(editor_client, "/admin/")


def test_the_warning_is_for_staff_only(client):
    make_batch(ImportBatch.State.QUEUED)
    response = client.get("/admin/")
    assert response.status_code == 302  # to the login page, which says nothing of workers
    assert WARNING not in client.get(response.url).content.decode()


# --- the command ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_run_worker_runs_the_waiting_tasks_and_leaves_no_heartbeat_behind(tmp_path):
    done = tmp_path / "done"
    result = touch.enqueue(str(done))
    call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert done.read_text() == "done"
    assert default_task_backend.get_result(result.id).status == TaskResultStatus.SUCCESSFUL
    assert not WorkerHeartbeat.objects.exists()
    assert not any(worker_lock_path("x").parent.iterdir())


def test_run_worker_refuses_a_worker_id_unfit_for_a_file_name():
    with pytest.raises(CommandError, match="A worker id is up to 64 letters"):
        call_command("run_worker", "--batch", "--no-reload", "--worker-id", "../etc", verbosity=0)
    with pytest.raises(CommandError, match="exclude-queues can only be used"):
        call_command(
            "run_worker", "--batch", "--no-reload", "--queue-name", "a", "--exclude-queues", "b"
        )
