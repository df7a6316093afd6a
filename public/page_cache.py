"""Whole public pages kept for anonymous visitors, never one change out of date.

A page is cached under the **generation of everything public**: the row of public.PageState
(read on the primary with one primary-key query, so every app server and worker agrees on it)
and the search index's generation (search.publications, which catches up when a scheduled record
comes due). The page state changes after every committed change to a model a visitor can see —
any row of the archive or the exhibits (revisions and fixity results aside), stored citations,
derived data written without save() (archive.changes) — and when the next scheduled publication
of any kind comes due (`next_due`). A changed generation is a new key: a withdrawn record is gone
on the very next request, from any app server sharing the cache, and nothing needs deleting.

What is cached: a GET from a visitor without a session (a session means a clipboard, a message
or a signed-in curator: their pages are their own) answered 200 with text (HTML, JSON, XML: not
images), with no cookie set and nothing made for one reader (`Cache-Control: private` or
`no-store`, a CSP nonce). HEAD is answered from a cached GET. Every answer to an anonymous GET
without its own Cache-Control gets `public, max-age=0, must-revalidate` and Last-Modified from
the page state, so browsers and CDNs ask again each time and get a 304 (ETag and Last-Modified,
checked by Django's ConditionalGetMiddleware) while nothing changed.

`VITRINE_PAGE_CACHE=0` turns the page cache off (the test suite does, see tests/conftest.py:
its tests change data inside transactions that never commit).
"""

import datetime
import hashlib
import secrets
from collections.abc import Callable
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import Min, Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGetMiddleware
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from archive import changes
from archive.models.base import Publishable, Status
from public.models import PageState
from search import publications

CACHE_ALIAS = "pages"
# Apps whose rows are what visitors see; their models below are not.
WATCHED_APPS = ("archive", "exhibits", "public")
# Formatted citations are not: a page shown without its citation is not kept (incomplete()).
UNWATCHED = {
    "archive.FixityCheck",
    "archive.PageFixityCheck",
    "public.SharedClipboard",
    "public.FormattedCitation",
}
ANONYMOUS_CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
# A page for one visitor (a clipboard, a curator's preview): never kept by a shared cache.
PERSONAL_CACHE_CONTROL = {"private": True, "no_cache": True}
# Response headers a cached page does not keep: made afresh for every answer.
FRESH_HEADERS = {"content-length", "date", "x-page-cache", "x-request-id"}
HIT, MISS = "hit", "miss"
# Request headers a stored answer may vary on and still suit every request it is given to: the
# session cookie is absent whenever it is used, and no answer is compressed by Django. An answer
# that varies on anything else (Accept: IIIF content negotiation) is not stored.
SAME_FOR_EVERY_REQUEST = {"cookie", "accept-encoding"}


# --- the page state ----------------------------------------------------------------------------


def state() -> tuple[str, datetime.datetime | None]:
    """(the generation, when anything public last changed), after catching up with a scheduled
    publication that has come due."""
    now = timezone.now()
    row = _read()
    if row is None or (row[2] is not None and row[2] <= now):
        changed(now)
        row = _read()
    generation, changed_at, _ = row
    return f"{generation}.{publications.generation()}", changed_at


def _read() -> tuple[int, datetime.datetime | None, datetime.datetime | None] | None:
    # On the primary, whatever the database routers say (a replica may lag behind a change).
    rows = PageState.objects.using(DEFAULT_DB_ALIAS).filter(pk=1)
    return rows.values_list("generation", "changed_at", "next_due").first()


def changed(now: datetime.datetime | None = None) -> None:
    """Something public changed (or a publication came due): a new generation, now."""
    now = now or timezone.now()
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        row, _ = PageState.objects.using(DEFAULT_DB_ALIAS).select_for_update().get_or_create(pk=1)
        # Random, not a counter: a restored database never meets pages cached for another state.
        row.generation = secrets.randbits(62)
        row.changed_at = now
        row.next_due = next_due(now)
        row.save(using=DEFAULT_DB_ALIAS)


def next_due(now: datetime.datetime) -> datetime.datetime | None:
    """The earliest publication after `now`, of any publishable model."""
    times = [
        model.objects.using(DEFAULT_DB_ALIAS)
        .filter(status=Status.PUBLISHED, published_at__gt=now)
        .aggregate(next=Min("published_at"))["next"]
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    return min((time for time in times if time is not None), default=None)


# --- noticing changes --------------------------------------------------------------------------


def _watched(model: type[Model]) -> bool:
    meta = model._meta
    return (
        meta.app_label in WATCHED_APPS
        and meta.label not in UNWATCHED
        and meta.model_name != "pagestate"
        and not meta.model_name.startswith("historical")
    )


def _after_commit() -> None:
    """Bump the page state once the transaction commits — once per transaction, however many
    rows it wrote (the hook is registered once per list of commit hooks)."""
    connection = connections[DEFAULT_DB_ALIAS]
    hooks = connection.run_on_commit
    if connection.in_atomic_block and getattr(connection, "_vitrine_page_hooks", None) is hooks:
        return
    connection._vitrine_page_hooks = hooks
    transaction.on_commit(changed, using=DEFAULT_DB_ALIAS)


def _on_change(sender: type[Model], **kwargs) -> None:
    if _watched(sender):
        _after_commit()


def _on_m2m_change(sender: type[Model], instance: Model, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        _after_commit()


def _on_derived_change(sender: type[Model], **kwargs) -> None:
    _after_commit()


def connect() -> None:
    """Listen for changes (PublicConfig.ready): to each watched model on its own, never to every
    model — a receiver for all would cost every other model Django's fast delete (a bulk
    DELETE becomes a SELECT and a DELETE by id, as for the search index's rows)."""
    for model in apps.get_models():
        if not _watched(model):
            continue
        label = model._meta.label
        post_save.connect(_on_change, sender=model, dispatch_uid=f"page_cache.save.{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"page_cache.delete.{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _on_m2m_change, sender=through, dispatch_uid=f"page_cache.m2m.{through._meta.label}"
            )
    changes.derived_data_changed.connect(_on_derived_change, dispatch_uid="page_cache.derived")


# --- the middleware ----------------------------------------------------------------------------

# Set while a page is rendered if part of it is still being made (a formatted citation queued
# for the task worker): that page is shown but not kept.
_incomplete: ContextVar[bool] = ContextVar("vitrine_page_incomplete", default=False)


def incomplete() -> None:
    """The page being rendered lacks something still being made: do not keep it."""
    _incomplete.set(True)


def _anonymous(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.path.startswith(
        "/admin/"
    )


def _key(request: HttpRequest, generation: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"vitrine:page:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


def _is_text(response: HttpResponse) -> bool:
    """Pages, JSON and XML; not images, which the IIIF cache keeps already (and which would
    crowd out the pages)."""
    media_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return media_type.startswith("text/") or media_type.endswith(("/json", "+json", "/xml", "+xml"))


def _storable(response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return (
        varies <= SAME_FOR_EVERY_REQUEST
        and _is_text(response)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("X-Accel-Redirect")
        and "private" not in control
        and "no-store" not in control
        and b'nonce="' not in response.content
    )


def _entry(response: HttpResponse) -> tuple[bytes, list[tuple[str, str]]]:
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in FRESH_HEADERS
    ]
    return response.content, headers


def _response(entry: tuple[bytes, list[tuple[str, str]]]) -> HttpResponse:
    content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Answers anonymous GETs from the page cache, and marks what they may cache downstream.

    Placed after WhiteNoise (static files never get here) and before the session: a cached page
    is answered without a session, CSRF or user lookup. Django's ConditionalGetMiddleware, further
    out, turns a matching If-None-Match or If-Modified-Since into 304.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if not _anonymous(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, **PERSONAL_CACHE_CONTROL)
            return response
        if not settings.VITRINE_PAGE_CACHE:
            return _mark(self.get_response(request), None)
        try:
            generation, changed_at = state()
        except DatabaseError:
            # No database: the view meets the same error, and config.outage answers 503.
            return self.get_response(request)
        key = _key(request, generation)
        entry = caches[CACHE_ALIAS].get(key)
        if entry is not None:
            response = _response(entry)
            response["X-Page-Cache"] = HIT
        else:
            token = _incomplete.set(False)
            try:
                response = self.get_response(request)
                complete = not _incomplete.get()
            finally:
                _incomplete.reset(token)
            if request.method == "GET" and complete and _storable(response):
                caches[CACHE_ALIAS].set(key, _entry(response))
                response["X-Page-Cache"] = MISS
        return _mark(response, changed_at)


def _mark(response: HttpResponse, changed_at: datetime.datetime | None) -> HttpResponse:
    """What an anonymous visitor's browser (or a CDN) may keep: a page to ask about again each
    time (a 304 while nothing changed), unless the view said otherwise or set a cookie; an error
    or a redirect, nothing (a 404 may be a page about to be published)."""
    if response.has_header("Cache-Control") or response.cookies:
        return response
    if response.status_code != 200:
        patch_cache_control(response, no_cache=True)
        return response
    patch_cache_control(response, **ANONYMOUS_CACHE_CONTROL)
    if changed_at is not None and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(changed_at.timestamp())
    return response


class ConditionalGetMiddleware(DjangoConditionalGetMiddleware):
    """Django's conditional GET (ETag from the content, 304 on a match), for successful answers
    only: an error carries no validator, so nothing downstream keeps it as if it were a page. A
    file handed to nginx (public.files) has an empty body here; nginx gives it its own ETag."""

    def needs_etag(self, response: HttpResponse) -> bool:
        return (
            200 <= response.status_code < 300
            and not response.has_header("X-Accel-Redirect")  # nginx validates the file itself
            and super().needs_etag(response)
        )
