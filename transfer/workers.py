"""The task worker's heartbeat, and what becomes of the work of a worker that is gone.

Curator imports run in a worker process (`manage.py run_worker`, which wraps django-tasks-db's
`db_worker`: transfer/management/commands/run_worker.py). A running worker shows it twice:

- a WorkerHeartbeat row (worker id, host, pid), whose `last_seen` a thread of the worker moves on
  every VITRINE_WORKER_HEARTBEAT seconds: every process that reads the database sees it;
- an exclusive lock on a file named after its worker id in MEDIA_ROOT/imports/workers/, held for
  the life of the process. The operating system lets go of it however the process ends, so a
  lock file that is there and held by no one says at once that its worker is gone, however
  recent its last heartbeat; a held one says that it lives, however late its heartbeat (on
  SQLite an import holds the database's one write lock while it runs, and the heartbeat waits).

So a worker is alive while its lock file is held; where there is no lock file to ask (a worker on
another machine that does not share MEDIA_ROOT), while its heartbeat is newer than
VITRINE_WORKER_STALE_AFTER seconds.

A task left RUNNING by a worker that is gone is marked FAILED (`WorkerLost`), and the import
batches whose worker stopped are settled with it (`transfer.batches.recover_stopped`: an import
is all or nothing, so a stopped one saved nothing): `settle_dead_workers`, which a worker runs as
it starts and then periodically, and the admin's import pages whenever they are looked at.

The admin warns when work is waiting and no worker is alive to do it (`waiting_without_worker`).
"""

import fcntl
import logging
import os
import socket
import threading
import traceback
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connections
from django.tasks import TaskResultStatus, task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from transfer.batches import IN_FLIGHT, recover_stopped
from transfer.models import ImportBatch, WorkerHeartbeat

logger = logging.getLogger(__name__)

# Imports that wait for a worker: a large file's check, or a confirmed import.
WAITING = (ImportBatch.State.CHECKING, ImportBatch.State.QUEUED)


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker stopped, or lost its database, mid-way."""


def database_backends() -> list[str]:
    """The task backends whose queue is kept in the database, and so needs a worker."""
    return [alias for alias in settings.TASKS if isinstance(task_backends[alias], DatabaseBackend)]


def close_connections() -> None:
    """Close this thread's database connections, broken ones included; the next query opens
    a new one."""
    for connection in connections.all(initialized_only=True):
        with suppress(DatabaseError):
            connection.close()


# Is a worker alive? -------------------------------------------------------------------------


def worker_lock_path(worker_id: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "workers" / f"{worker_id}.lock"


def lock_held(path: Path) -> bool | None:
    """Whether a live process holds the lock on `path`: True; False when the file is there and
    nobody holds it (its process is gone); None when there is no such file."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below, which lets go of our lock)
    except FileNotFoundError:
        return None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
    return False


def is_alive(beat: WorkerHeartbeat, now: datetime | None = None) -> bool:
    """Its lock file held; or, without one to ask, a heartbeat newer than the threshold."""
    held = lock_held(worker_lock_path(beat.worker_id))
    if held is not None:
        return held
    stale_after = timedelta(seconds=settings.VITRINE_WORKER_STALE_AFTER)
    return beat.last_seen >= (now or timezone.now()) - stale_after


def live_workers() -> list[WorkerHeartbeat]:
    now = timezone.now()
    return [beat for beat in WorkerHeartbeat.objects.all() if is_alive(beat, now)]


def waiting_without_worker() -> str:
    """What waits for a worker when none is alive ("3 imports are waiting"), else ""."""
    backends = database_backends()
    if not backends:
        return ""  # tasks run in the request (the immediate backend): nothing needs a worker
    imports = ImportBatch.objects.filter(state__in=WAITING).count()
    tasks = 0 if imports else DBTaskResult.objects.ready().filter(backend_name__in=backends).count()
    if not (imports or tasks) or live_workers():
        return ""
    if imports:
        return f"{imports} import is waiting" if imports == 1 else f"{imports} imports are waiting"
    return f"{tasks} task is waiting" if tasks == 1 else f"{tasks} tasks are waiting"


# Settling the work of a worker that is gone -------------------------------------------------


def fail_task(task_id: object, reason: str) -> bool:
    """Mark a RUNNING task FAILED, its error WorkerLost(reason); False if it was not running."""
    return bool(
        DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            return_value=None,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback="".join(traceback.format_exception_only(WorkerLost(reason))),
        )
    )


def lost_reason(what_happened: str) -> str:
    """The error of a task its worker could not finish: what happened, and what it means."""
    return (
        f"{what_happened}, so the task did not finish. An import saves nothing unless it "
        "finishes; the import's page says what became of it."
    )


def settle_dead_workers() -> list[str]:
    """Mark FAILED the tasks left RUNNING by workers that are gone, forget those workers, and
    settle the import batches whose worker stopped; return the ids of the tasks marked."""
    backends = database_backends()
    running = list(
        DBTaskResult.objects.running().filter(backend_name__in=backends).only("id", "worker_ids")
    )
    # Read after the tasks: a worker writes its heartbeat before it claims any task, so each
    # task above has its worker's row here, unless that worker is gone (and its row removed).
    now = timezone.now()
    beats = {beat.worker_id: beat for beat in WorkerHeartbeat.objects.all()}
    dead = {worker_id: beat for worker_id, beat in beats.items() if not is_alive(beat, now)}
    failed = []
    for task in running:
        owner = task.worker_ids[-1] if task.worker_ids else ""
        if owner in beats and owner not in dead:
            continue
        who = str(dead[owner]) if owner in dead else f"worker {owner}"
        if fail_task(task.pk, lost_reason(f"The {who} stopped while running this task")):
            logger.warning("Task %s: its %s is gone; the task is marked failed", task.pk, who)
            failed.append(str(task.pk))
    for worker_id, beat in dead.items():
        # Unless it has written a heartbeat since (it was late, not gone).
        WorkerHeartbeat.objects.filter(pk=beat.pk, last_seen=beat.last_seen).delete()
        worker_lock_path(worker_id).unlink(missing_ok=True)
    recover_stopped(ImportBatch.objects.filter(state__in=IN_FLIGHT))
    return failed


# This process's heartbeat -------------------------------------------------------------------


class WorkerIdInUse(Exception):
    """Another live process is a worker with this id."""


def hold_worker_lock(worker_id: str) -> IO[str]:
    """Lock this worker's lock file for as long as the returned file stays open (the process's
    life, however it ends); the file names the process."""
    path = worker_lock_path(worker_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a")  # noqa: SIM115 (the caller holds it)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise WorkerIdInUse(f"Another worker runs with the id {worker_id}.") from None
    handle.write(f"{os.getpid()} {socket.gethostname()}\n")
    handle.flush()
    return handle


class Heartbeat:
    """A worker process's heartbeat: its lock file, its row, and the thread that keeps the row
    current and, now and then, settles the work of workers that are gone."""

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self.hostname = socket.gethostname()
        self.pid = os.getpid()
        self.started_at = timezone.now()
        self._lock: IO[str] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Take the lock file and start the thread; `beat` writes the first heartbeat."""
        self._lock = hold_worker_lock(self.worker_id)
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)
        self._thread.start()

    def beat(self) -> None:
        """Write that this worker is alive now (its row again, if it was taken for gone)."""
        now = timezone.now()
        if WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(last_seen=now):
            return
        with suppress(IntegrityError):  # written meanwhile by the other thread
            WorkerHeartbeat.objects.create(
                worker_id=self.worker_id,
                hostname=self.hostname,
                pid=self.pid,
                started_at=self.started_at,
                last_seen=now,
            )

    def _run(self) -> None:
        interval = settings.VITRINE_WORKER_HEARTBEAT
        settle_every = max(settings.VITRINE_WORKER_STALE_AFTER // interval, 1)
        beats = 0
        try:
            while not self._stop.wait(interval):
                try:
                    self.beat()
                    beats += 1
                    if beats % settle_every == 0:
                        settle_dead_workers()
                except DatabaseError as error:
                    # The worker's main loop says when the database is unreachable.
                    logger.debug("Worker %s: no heartbeat written: %s", self.worker_id, error)
                    close_connections()
                except Exception:
                    logger.exception("Worker %s: the heartbeat failed", self.worker_id)
        finally:
            close_connections()

    def stop(self) -> None:
        """Stop the thread, remove the row and the lock file (a worker that stops cleanly)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=settings.VITRINE_WORKER_HEARTBEAT + 1)
        with suppress(DatabaseError):  # the database is unreachable: the row goes stale
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        if self._lock is not None:
            worker_lock_path(self.worker_id).unlink(missing_ok=True)
            self._lock.close()
