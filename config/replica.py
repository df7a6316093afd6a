"""Anonymous public reads from a PostgreSQL streaming replica (`DATABASE_REPLICA_URL`).

With `DATABASE_REPLICA_URL` set, config/settings.py adds the `replica` database, `ReplicaRouter`
(DATABASE_ROUTERS) and `ReplicaMiddleware` (right after AuthenticationMiddleware). Without it none
of this is loaded. The rule:

- Only a request the middleware lets through may read the replica: a GET or HEAD, outside the
  admin, from a visitor who is not signed in. Everything else reads and writes the primary
  (`default`): other methods, the admin, curators and editors anywhere on the site, the task
  worker, management commands, and anything outside a request.
- Such a request reads the replica only if the replica has already replayed everything the
  primary had written when the request first read anything. At that first read the router asks
  the primary for its WAL position (`pg_current_wal_lsn()`) and the replica whether it has
  replayed that far (`pg_last_wal_replay_lsn()`); if not, the whole request reads the primary.
  So nothing committed before the request's first read is missing from what it reads: right after
  a publish or a withdrawal, while the replica lags, visitors are served from the primary. This
  covers every writer — any app server, the worker, a management command — with no shared cache
  and no window between a commit and its being noted anywhere. (A committed write is in the WAL
  written so far because commits flush it: keep `synchronous_commit` on, PostgreSQL's default.)
- A request that writes (a session saved, a clipboard shared) reads the primary from then on, and
  so does a query inside a transaction on the primary.
- A replica that cannot be asked (down, unreachable, or no longer in recovery: promoted) is left
  alone for `RETRY_AFTER` seconds, logged once; the primary serves meanwhile.

The page cache (public.page_cache) reads its generation on the primary before the view's first
read — its middleware is further out than this one — so a page cached under a generation shows at
least the state that generation stands for.
"""

import functools
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

logger = logging.getLogger(__name__)

PRIMARY = DEFAULT_DB_ALIAS
REPLICA = "replica"
RETRY_AFTER = 5.0  # seconds the primary serves alone after the replica failed
READ_METHODS = frozenset({"GET", "HEAD"})


@dataclass
class _Route:
    """Where one request's reads go: undecided (None) until its first read."""

    alias: str | None = None


# Set by the middleware for a request that may read the replica; None everywhere else.
_route: ContextVar[_Route | None] = ContextVar("vitrine_read_route", default=None)


class _ReplicaHealth:
    """Whether the replica may be asked at all (module docstring), per process."""

    down_until = 0.0
    down = False

    @classmethod
    def usable(cls) -> bool:
        return time.monotonic() >= cls.down_until

    @classmethod
    def failed(cls, reason: str) -> None:
        cls.down_until = time.monotonic() + RETRY_AFTER
        if not cls.down:
            cls.down = True
            logger.warning("Read replica %s: reading the primary instead.", reason)

    @classmethod
    def answered(cls) -> None:
        if cls.down:
            cls.down = False
            logger.warning("Read replica is back.")


def replica_caught_up() -> bool:
    """Whether the replica has replayed everything the primary has written so far."""
    if not _ReplicaHealth.usable():
        return False
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (position,) = cursor.fetchone()
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position])
            (caught_up,) = cursor.fetchone()
    except DatabaseError as error:
        _ReplicaHealth.failed(f"cannot be asked ({type(error).__name__}: {str(error).strip()})")
        return False
    if caught_up is None:  # not in recovery: promoted, or not a replica at all
        _ReplicaHealth.failed("is not in recovery (promoted, or not a replica)")
        return False
    _ReplicaHealth.answered()
    return caught_up


class ReplicaRouter:
    """Reads of a request the middleware let through go to the replica when it has caught up
    (module docstring); every other read, and every write, goes to the primary."""

    def db_for_read(self, model: type[Model], **hints) -> str:
        route = _route.get()
        if route is None or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if route.alias is None:
            route.alias = REPLICA if replica_caught_up() else PRIMARY
        return route.alias

    def db_for_write(self, model: type[Model], **hints) -> str:
        route = _route.get()
        if route is not None:
            route.alias = PRIMARY  # read what was just written
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints) -> bool | None:
        # One database under two names.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints
    ) -> bool:
        return db != REPLICA  # the replica follows the primary's schema by itself


@functools.cache
def _admin_prefix() -> str:
    return reverse("admin:index")


def may_read_replica(request: HttpRequest) -> bool:
    """Whether this request may read the replica: a GET or HEAD outside the admin, from a
    visitor who is not signed in (someone with a session is looked up, on the primary)."""
    if request.method not in READ_METHODS or request.path.startswith(_admin_prefix()):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        user = getattr(request, "user", None)
        return user is not None and not user.is_authenticated
    return True


class ReplicaMiddleware:
    """Marks the requests that may read the replica (`may_read_replica`) for `ReplicaRouter`.
    After AuthenticationMiddleware (it asks whether a visitor with a session is signed in), and
    inside the page cache's middleware (module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_read_replica(request):
            return self.get_response(request)
        token = _route.set(_Route())
        try:
            return self.get_response(request)
        finally:
            _route.reset(token)
