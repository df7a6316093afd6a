"""Database outages answered honestly: 503 with `Retry-After`, never 500.

While the database is unreachable (PostgreSQL down, restarting or shutting down; the connection
dropped), every query raises `django.db.OperationalError` or `django.db.InterfaceError` — Django
wraps psycopg's errors of those classes ("connection refused", "the database system is shutting
down", "terminating connection due to administrator command", "server closed the connection
unexpectedly", "connection already closed"). `DatabaseUnavailableMiddleware` turns them into a
503 whose body needs no database: a static HTML page, `{"detail": ...}` for the JSON API and
/search.json, plain text for OAI-PMH (which has no error for this; harvesters honour 503 with
`Retry-After`). SQLite's "database is locked" is an OperationalError too and is answered the same
way: it is just as temporary, and "try again in a moment" is the true answer.

It catches them wherever they happen:
- in the view or while its template renders: `process_exception`;
- in another middleware (a session saved, axes): Django turns that exception into a 500 response
  at once, inside the middleware chain, and sends `got_request_exception` while it does; the
  receiver below marks the request, and `__call__` replaces that 500 with the 503.
Recovery needs nothing: Django opens a new connection on the next request.
"""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (OperationalError, InterfaceError)
MESSAGE = "The archive's database is unavailable for a moment. Please try again shortly."
_MARK = "_vitrine_database_outage"


def _note_outage(sender, request: HttpRequest | None = None, **kwargs) -> None:
    """got_request_exception: remember an outage error that Django is turning into a 500."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, OUTAGE_ERRORS):
        setattr(request, _MARK, error)


def _wants_json(path: str) -> bool:
    return path.startswith("/api/") or path == "/search.json"


def outage_response(request: HttpRequest, error: Exception) -> HttpResponse:
    """The 503 for `request`; rendering it touches no database."""
    logger.warning(
        "Database unavailable (%s) answering %s %s with 503",
        type(error).__name__,
        request.method,
        request.path,
    )
    path = request.path_info
    if _wants_json(path):
        response: HttpResponse = JsonResponse({"detail": MESSAGE}, status=503)
    elif path.startswith("/oai/"):
        response = HttpResponse(MESSAGE + "\n", status=503, content_type="text/plain")
    else:
        # No request, so no context processors: nothing here reads the database.
        html = render_to_string("503.html", {"message": MESSAGE})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.VITRINE_OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    # Logged once above, at WARNING: Django's request logger need not add an ERROR.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


class DatabaseUnavailableMiddleware:
    """503 + Retry-After instead of 500 while the database is unreachable (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_note_outage, dispatch_uid=__name__)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except OUTAGE_ERRORS as error:  # only when nothing inside converted it already
            return outage_response(request, error)
        error = getattr(request, _MARK, None)
        if error is not None and response.status_code == 500:
            return outage_response(request, error)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OUTAGE_ERRORS):
            return outage_response(request, exception)
        return None


class SkipOutageTracebacks(logging.Filter):
    """For the `django.request` logger: drop its 500 record (and traceback) for an outage error
    raised inside another middleware; the middleware above answers 503 and logs one WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, OUTAGE_ERRORS)
