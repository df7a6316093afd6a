"""Tasks that the worker tests enqueue for a real worker process: each leaves a file behind."""

import time
from pathlib import Path

from django.tasks import task

HOLD_LIMIT = 300  # seconds: a held task lets go by itself, should a test leave it behind


@task()
def touch(path: str) -> str:
    """Write a file: the sign that the worker ran the task."""
    Path(path).write_text("done")
    return path


@task()
def hold(started: str, release: str) -> str:
    """Write `started`, then keep the worker busy until the file `release` appears."""
    Path(started).write_text("started")
    deadline = time.monotonic() + HOLD_LIMIT
    while not Path(release).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return "released"
