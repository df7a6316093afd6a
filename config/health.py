"""`/healthz`: is this application server fit to serve? For load balancers and monitoring.

Four checks, each timed:
- `database` (required): a trivial query on the default database;
- `storage` (required): the media storage can be written — MEDIA_ROOT (or, before the first
  upload, the folder it will be made in) is a writable folder; a remote storage (S3) answers;
- `cache` (not required): a value set in every cache of CACHES is read back;
- `worker` (not required): a task worker is alive (its heartbeat, transfer/workers.py), when
  tasks need one.

200 when every required check passes — `"status": "ok"`, or `"degraded"` when the cache or the
worker fails: without a cache every page is still served (config/cache.py), only slower, and
without a worker only background imports wait, so taking the server out of the load balancer
would help no one; the detail says what is wrong. 503 when a required check fails: a server
without its database or its media cannot serve. The answer is JSON, never cached, sets no cookie
and names no host, path or password: a failure is reported by its class only.
"""

import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from transfer import workers

OK, DEGRADED, FAILED = "ok", "degraded", "failed"


class CheckFailed(Exception):
    """A check's honest "no", with a detail safe to show anyone."""


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone()[0] != 1:
            raise CheckFailed("SELECT 1 did not answer 1")
    return ""


def check_cache() -> str:
    value = uuid.uuid4().hex
    failing = []
    for alias in settings.CACHES:
        cache = caches[alias]
        key = f"vitrine:healthz:{value}"
        cache.set(key, value, 30)
        if cache.get(key) != value:
            failing.append(alias)
        cache.delete(key)
    if failing:
        raise CheckFailed(f"a value set was not read back from: {', '.join(failing)}")
    return f"{len(settings.CACHES)} caches"


def check_storage() -> str:
    if isinstance(default_storage, FileSystemStorage):
        # The folder itself, or before the first upload the nearest folder it will be made in.
        folder = Path(default_storage.location)
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not (folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)):
            raise CheckFailed("the media folder cannot be written")
        return "local"
    default_storage.exists("healthz")  # a remote storage answers (and takes our credentials)
    return default_storage.__class__.__name__  # the storage's, not its lazy wrapper's


def check_worker() -> str:
    if not workers.database_backends():
        return "tasks run in the request"
    alive = workers.live_workers()
    if not alive:
        waiting = workers.waiting_without_worker()
        raise CheckFailed("no task worker is alive" + (f"; {waiting}" if waiting else ""))
    return f"{len(alive)} alive"


# name -> (check, required)
CHECKS: dict[str, tuple[Callable[[], str], bool]] = {
    "database": (check_database, True),
    "storage": (check_storage, True),
    "cache": (check_cache, False),
    "worker": (check_worker, False),
}


def run_check(check: Callable[[], str]) -> dict[str, object]:
    """One check's status, time in ms, and detail; any exception is a failure, named by its
    class only (a database error's message names hosts, ports and users)."""
    started = time.perf_counter()
    try:
        detail, status = check(), OK
    except CheckFailed as failure:
        detail, status = str(failure), FAILED
    except Exception as error:  # a health check answers, whatever broke
        detail, status = type(error).__name__, FAILED
    result: dict[str, object] = {
        "status": status,
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }
    if detail:
        result["detail"] = detail
    return result


@csrf_exempt
@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """The checks (module docstring) as JSON: 200 while every required one passes, else 503."""
    started = time.perf_counter()
    checks = {}
    for name, (check, required) in CHECKS.items():
        checks[name] = {**run_check(check), "required": required}
    failed = [name for name, result in checks.items() if result["status"] == FAILED]
    broken = any(checks[name]["required"] for name in failed)
    body = {
        "status": FAILED if broken else DEGRADED if failed else OK,
        "ms": round((time.perf_counter() - started) * 1000, 1),
        "checks": checks,
    }
    return JsonResponse(body, status=503 if broken else 200)
