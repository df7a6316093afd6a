"""`manage.py run_worker`: the background worker, django-tasks-db's `db_worker` made to last.

It takes `db_worker`'s options and runs its loop (`SurvivingWorker` subclasses its `Worker`),
and adds:

- a heartbeat (transfer.workers.Heartbeat): a row the admin reads, moved on every few seconds,
  and a lock file held for the life of the process;
- at start, after an outage, and every VITRINE_WORKER_STALE_AFTER seconds, it settles the work of
  workers that are gone (transfer.workers.settle_dead_workers);
- database outages: where `db_worker` exits (OperationalError or InterfaceError: "the database
  system is shutting down", a refused connection, a server that closed the connection), this
  worker closes its connections and tries again after 1 s, then 2, 4… up to 30 s between tries,
  until the database answers; it logs the outage once as it begins and once as it ends. A task it
  was running when the database went away is marked failed (an import in it was rolled back).

A supervisor restarts it if it crashes (deploy/vitrine-worker.service); see docs/deployment.md.
"""

import logging
import os
import re
import time
from typing import Any

from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, connections, router
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from transfer.workers import (
    Heartbeat,
    WorkerIdInUse,
    close_connections,
    fail_task,
    lost_reason,
    settle_dead_workers,
)

logger = logging.getLogger("transfer.workers")

OUTAGE = (OperationalError, InterfaceError)
FIRST_RETRY = 1.0  # seconds before the first try to reconnect; doubled after each failure
MAX_RETRY = 30.0
WORKER_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")  # it names the worker's lock file


def first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


class SurvivingWorker(Worker):
    """django-tasks-db's worker loop, restarted after a database outage, with a heartbeat."""

    def __init__(self, *, heartbeat: Heartbeat, **options: Any) -> None:
        super().__init__(**options)
        self.heartbeat = heartbeat
        self.current_task: object = None  # the id of the task being run

    def run(self) -> None:
        self.heartbeat.start()
        try:
            while True:
                try:
                    self.start_up()
                    super().run()
                    return
                except OUTAGE as error:
                    if not self.running:  # asked to stop: no waiting for the database
                        raise
                    self.startup_delay = False
                    self.wait_for_database(error)
        finally:
            self.heartbeat.stop()

    def start_up(self) -> None:
        """Say this worker is alive before claiming any task; settle what is left unsettled."""
        self.heartbeat.beat()
        if self.current_task is not None:
            reason = lost_reason("The worker lost its database connection while running it")
            if fail_task(self.current_task, reason):
                logger.warning(
                    "Task %s: the database went away while it ran; marked failed.",
                    self.current_task,
                )
            self.current_task = None
        settle_dead_workers()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        # Left set if the task could not be recorded as finished (the database went away).
        self.current_task = db_task_result.pk
        super().run_task(db_task_result)
        self.current_task = None

    def wait_for_database(self, error: BaseException) -> None:
        """Close the broken connections and reconnect, waiting longer after each failure, until
        the database answers; log the outage once as it begins and once as it ends."""
        logger.warning(
            "Worker %s: the database is unreachable (%s); waiting for it.",
            self.worker_id,
            first_line(error),
        )
        began = time.monotonic()
        delay = FIRST_RETRY
        connection = connections[router.db_for_write(DBTaskResult)]
        while True:
            close_connections()
            time.sleep(delay)
            try:
                connection.ensure_connection()
            except OUTAGE:
                delay = min(delay * 2, MAX_RETRY)
            else:
                break
        logger.info(
            "Worker %s: the database answers again after %.0f s; carrying on.",
            self.worker_id,
            time.monotonic() - began,
        )


class Command(DBWorkerCommand):
    help = (
        "Run the background worker (db_worker's options): it keeps a heartbeat, survives "
        "database restarts and settles the tasks of workers that are gone."
    )

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options: Any,
    ) -> None:
        self.configure_logging(verbosity)
        if not WORKER_ID.fullmatch(worker_id):
            raise CommandError("A worker id is up to 64 letters, digits, '_', '.' or '-'.")
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = SurvivingWorker(
            heartbeat=Heartbeat(worker_id),
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":  # the reloader's child
                worker.configure_signals()
            run_with_reloader(worker.run)
            return
        worker.configure_signals()
        try:
            worker.run()
        except WorkerIdInUse as error:
            raise CommandError(str(error)) from None
