"""Request ids and JSON log lines (`LOG_FORMAT=json`, config/settings.py).

`RequestIdMiddleware` gives each request an id: the incoming `X-Request-ID` when it is sane (a
proxy's or load balancer's, so one id follows the request through every server), else a new
one. The response carries it back in `X-Request-ID`, and every log line written while the request
is answered carries it too. It also writes one line per request on the `vitrine.requests` logger
(method, path, status, duration), which the settings let through only for JSON logs, where it
takes the place of the server's access log.

`JsonFormatter` writes each log record as one line of JSON: `time` (UTC, ISO 8601), `level`,
`logger`, `message`, `request_id` (null outside a request), and `method`, `path`, `status`,
`duration_ms` when the record is about a request, `exception` with the traceback.
"""

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# What an incoming id may be: letters, digits and a little punctuation (UUIDs, hex, AWS trace
# ids), at most 128 characters — never a newline, a space or a quote.
SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:=+/@-]{0,127}")
# Answers whose line goes out at DEBUG: a load balancer asks every few seconds.
QUIET_PATHS = frozenset({"/healthz"})

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
request_logger = logging.getLogger("vitrine.requests")


def incoming_id(value: str | None) -> str:
    """The request's id: `value` (the incoming header) when sane, else a new UUID."""
    if value and SANE_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Give each request an id, answer it in `X-Request-ID`, and log the request (module
    docstring). First in MIDDLEWARE, so that every answer and every line carries the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = incoming_id(request.headers.get(HEADER))
        request.request_id = rid  # type: ignore[attr-defined]
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = rid
            status = response.status_code
            quiet = request.path in QUIET_PATHS and status < 400
            request_logger.log(
                logging.DEBUG if quiet else logging.INFO,
                "%s %s %s",
                request.method,
                request.path,
                status,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)


class JsonFormatter(logging.Formatter):
    """One JSON object per log record (module docstring)."""

    REQUEST_FIELDS = ("method", "path", "status", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(),
        }
        # Django's request logger names the request and the status it answered; it writes
        # after the last middleware has returned, so the id comes from the request.
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            entry["method"], entry["path"] = request.method, request.path
            entry["request_id"] = entry["request_id"] or getattr(request, "request_id", None)
        if isinstance(getattr(record, "status_code", None), int):
            entry["status"] = record.status_code  # type: ignore[attr-defined]
        for field in self.REQUEST_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)
