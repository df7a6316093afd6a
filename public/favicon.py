"""/favicon.ico: the site's icon at the address every browser asks for, whatever a page links.

The pages link static/favicon.svg (templates/base.html, and the admin's
templates/admin/base_site.html); static/favicon.ico is the same drawing as an ICO (16, 32 and
48 pixels) for browsers and tools that read only /favicon.ico. Without it every page would log a
404 in the browser's console.
"""

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

CONTENT_TYPE = "image/vnd.microsoft.icon"
MAX_AGE = 7 * 24 * 60 * 60  # seconds: browsers ask again weekly


@cache
def _icon() -> bytes:
    return Path(finders.find("favicon.ico")).read_bytes()


@require_safe
def favicon_ico(request: HttpRequest) -> HttpResponse:
    """The icon, read once per process from the static files."""
    response = HttpResponse(_icon(), content_type=CONTENT_TYPE)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
