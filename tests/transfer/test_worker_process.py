"""Real `manage.py run_worker` processes: one killed with SIGKILL mid-task, and one whose
PostgreSQL server is stopped and started again while it runs.

- Killed (either database): its task is left RUNNING and its heartbeat row stays, but its lock
  file is held by no one, so the admin warns at once that work is waiting; the next worker to
  start marks the task failed (WorkerLost), forgets the dead worker and runs the waiting task.
  On SQLite the worker cannot see the test's in-memory database, so the test copies it to a file
  for the worker and copies the file back to read what the worker did (SQLite's backup API).
- Restarted (PostgreSQL only): a throwaway cluster of the test's own (tests/test_outage.py's
  `cluster` fixture; never the shared server). The worker logs the outage once, reconnects,
  marks the task it was running when the database went away failed, and runs a task enqueued
  afterwards.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.tasks import TaskResultStatus, default_task_backend

from tests.served import manage
from tests.test_outage import DB_NAME, cluster  # noqa: F401 (the fixture)
from tests.transfer.worker_tasks import hold, touch
from transfer.models import WorkerHeartbeat
from transfer.workers import WorkerLost, lock_held, worker_lock_path

WAIT = 60  # seconds at most for a worker to do what the test waits for
WARNING = "No worker is running"


def wait_for(condition: Callable[[], object], what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Waited {WAIT} s for {what}.\n{log.read_text() if log else ''}")
        time.sleep(0.1)


def worker_command(*args: str) -> list[str]:
    return [
        sys.executable,
        "manage.py",
        "run_worker",
        "--no-reload",
        "--no-startup-delay",
        "--queue-name=*",
        "--interval=0.2",
        *args,
    ]


def worker_env(database_url: str, media_root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        VITRINE_WORKER_HEARTBEAT="1",
        VITRINE_WORKER_STALE_AFTER="10",
    )
    return env


@contextmanager
def running_worker(env: dict[str, str], log_path: Path, *args: str) -> Iterator[subprocess.Popen]:
    """A worker process (its output in `log_path`), stopped with SIGTERM at the end."""
    with log_path.open("a") as log:
        process = subprocess.Popen(  # noqa: S603 (fixed arguments)
            worker_command(*args),
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


class SharedDatabase:
    """The test database as a worker process sees it: on PostgreSQL the test database itself;
    on SQLite a file that `share` copies the test's in-memory database to, and `take_back`
    copies back."""

    def __init__(self, tmp_path: Path) -> None:
        self.file = tmp_path / "worker.sqlite3"
        if connection.vendor == "sqlite":
            self.url = f"sqlite:///{self.file}"
        else:
            db = connection.settings_dict
            password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
            self.url = (
                f"postgres://{quote(db['USER'])}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
            )

    def share(self) -> None:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)
            target.close()

    def take_back(self) -> None:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(self.file) as source:
                source.backup(connection.connection)
            source.close()


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_is_noticed_at_once_and_the_next_one_settles_its_task(
    curator_client, tmp_path
):
    shared = SharedDatabase(tmp_path)
    env = worker_env(shared.url, Path(settings.MEDIA_ROOT))
    log = tmp_path / "worker.log"
    started, release, after = tmp_path / "started", tmp_path / "release", tmp_path / "after"
    held = hold.enqueue(str(started), str(release))
    waiting = touch.enqueue(str(after))  # enqueued second: waits while the first is held
    shared.share()

    with running_worker(env, log, "--worker-id=w1") as first:
        wait_for(started.exists, "the worker to start the held task", log)
        shared.take_back()
        seen = WorkerHeartbeat.objects.get(worker_id="w1").last_seen

        def moved_on() -> bool:
            shared.take_back()
            return WorkerHeartbeat.objects.get(worker_id="w1").last_seen > seen

        wait_for(moved_on, "the heartbeat to move on while a task runs", log)
        assert WARNING not in curator_client.get("/admin/").content.decode()

        first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=15) == -signal.SIGKILL

    shared.take_back()
    assert default_task_backend.get_result(held.id).status == TaskResultStatus.RUNNING
    assert WorkerHeartbeat.objects.filter(worker_id="w1").exists()  # fresh, but gone
    assert lock_held(worker_lock_path("w1")) is False
    page = curator_client.get("/admin/").content.decode()
    assert "No worker is running, so 1 task is waiting." in page

    # The next worker (a supervisor restarting it) settles the task and runs the waiting one.
    shared.share()
    finished = subprocess.run(  # noqa: S603 (fixed arguments)
        worker_command("--batch", "--worker-id=w2"),
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    shared.take_back()
    failed = default_task_backend.get_result(held.id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.errors[0].exception_class is WorkerLost
    assert (
        f"The worker w1 (pid {first.pid} on {socket.gethostname()}) stopped while running this "
        "task, so the task did not finish." in failed.errors[0].traceback
    )
    assert default_task_backend.get_result(waiting.id).status == TaskResultStatus.SUCCESSFUL
    assert after.read_text() == "done"
    assert not WorkerHeartbeat.objects.exists()
    assert not any(worker_lock_path("w1").parent.iterdir())
    assert WARNING not in curator_client.get("/admin/").content.decode()


# --- a PostgreSQL restart -----------------------------------------------------------------------


def test_a_worker_survives_a_postgresql_restart_and_carries_on(cluster, tmp_path):  # noqa: F811
    url = f"postgres://postgres@127.0.0.1:{cluster.port}/{DB_NAME}"
    env = worker_env(url, tmp_path / "media")
    manage(env, "migrate", "--noinput", "-v0")

    def enqueue(task_name: str, *args: str) -> str:
        code = (
            f"from tests.transfer.worker_tasks import {task_name}; "
            f"print({task_name}.enqueue(*{args!r}).id)"
        )
        shell = subprocess.run(  # noqa: S603 (fixed arguments)
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return shell.stdout.strip().splitlines()[-1]

    def query(sql: str, *params: object) -> list[tuple]:
        with psycopg.connect(url.replace(f"/{DB_NAME}", f"/{DB_NAME}?connect_timeout=5")) as db:
            return db.execute(sql, params).fetchall()

    def status(task_id: str) -> tuple[str, str]:
        [row] = query(
            "SELECT status, traceback FROM django_tasks_database_dbtaskresult WHERE id = %s",
            task_id,
        )
        return row

    log = tmp_path / "worker.log"
    started, release = tmp_path / "started", tmp_path / "release"
    with running_worker(env, log, "--worker-id=survivor") as worker:
        before = enqueue("touch", str(tmp_path / "before"))
        wait_for((tmp_path / "before").exists, "a task before the restart", log)
        held = enqueue("hold", str(started), str(release))
        wait_for(started.exists, "the worker to start the held task", log)

        cluster.stop("fast")
        release.touch()  # the held task ends while the database is down: it cannot say so
        wait_for(lambda: "the database is unreachable" in log.read_text(), "the outage", log)
        time.sleep(2)  # it keeps trying for a while
        assert worker.poll() is None, log.read_text()

        cluster.start()
        wait_for(lambda: "the database answers again" in log.read_text(), "reconnecting", log)
        after = enqueue("touch", str(tmp_path / "after"))
        wait_for((tmp_path / "after").exists, "a task enqueued after the restart", log)
        assert worker.poll() is None, log.read_text()

        assert status(before)[0] == "SUCCESSFUL"
        state, error = status(held)
        assert state == "FAILED"
        assert error.startswith("transfer.workers.WorkerLost: The worker lost its database")
        wait_for(lambda: status(after)[0] == "SUCCESSFUL", "the task to be recorded", log)
        [(worker_id,)] = query("SELECT worker_id FROM transfer_workerheartbeat")
        assert worker_id == "survivor"

        worker.terminate()  # SIGTERM: stops cleanly, and says so by removing its heartbeat
        assert worker.wait(timeout=15) == 0, log.read_text()
    assert query("SELECT worker_id FROM transfer_workerheartbeat") == []
    text = log.read_text()
    assert text.count("the database is unreachable") == 1, text
    assert text.count("the database answers again") == 1, text
    assert text.count("the database went away while it ran; marked failed") == 1, text
    assert "Traceback" not in text, text
