"""The admin login's lock-out (django-axes; its settings are in config/settings.py).

After too many failed logins to one account from one address, axes refuses that pair's logins and
answers with lockout_response: a page in the admin's login look saying what happened, when to try
again and who can lift the lock-out sooner, with status 429 and a Retry-After header. Curators see
the lock-outs in the admin (Axes › Access attempts) and lift one by deleting its access attempt.
"""

import ipaddress
import math

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The page a locked-out login gets (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request)
    # Each refused try counts as a failure too, and (by default) starts the wait again from now.
    tried_at = getattr(request, "axes_attempt_time", None) or timezone.now()
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed logins",
        "username": get_client_username(request, credentials) or "",
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
        "retry_at": tried_at + cool_off if cool_off else None,
        "wait_restarts": settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT,
    }
    response = render(
        request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    if cool_off:
        response["Retry-After"] = str(math.ceil(cool_off.total_seconds()))
    return response


def forwarded_client_address(request: HttpRequest) -> str | None:
    """The client's address behind one trusted proxy (AXES_CLIENT_IP_CALLABLE with BEHIND_PROXY):
    the last X-Forwarded-For entry, which that proxy appended; the entries before it come from the
    client and are never believed. REMOTE_ADDR when there is no valid entry."""
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    last = entries[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return request.META.get("REMOTE_ADDR")
