"""Cross-origin reads of public answers (CORS), so that a researcher's notebook or web tool on
another site can read the JSON API and the search's JSON from the browser.

`public_cors` wraps a view: every answer (errors too, so a script can read why) gets
`Access-Control-Allow-Origin: *`, and a CORS preflight (OPTIONS with
`Access-Control-Request-Method`) is answered here for GET and HEAD.
`Access-Control-Allow-Credentials` is never sent, so browsers send no cookies or HTTP
authentication cross-origin (and refuse the answer to a script that asks them to): a script on
another site only ever reads what an anonymous visitor gets. An answer marked
`Cache-Control: private` (made for one signed-in reader, such as a staff preview) is never
shared: it goes out without the header. The views wrapped answer the same to everyone anyway
(the API has no authentication; the search counts only public records: archive.visibility).
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseBase

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Request headers a cross-origin script may send beyond the CORS-safelisted ones: conditional
# requests (If-None-Match with the API's ETags) and cache control.
ALLOWED_HEADERS = "Accept, Accept-Language, Cache-Control, If-Modified-Since, If-None-Match"
# Response headers such a script may read beyond the safelisted ones.
EXPOSED_HEADERS = "ETag, Retry-After"
PREFLIGHT_MAX_AGE = 24 * 60 * 60  # seconds a browser may remember a preflight answer


def _is_private(response: HttpResponseBase) -> bool:
    directives = response.get("Cache-Control", "").split(",")
    return any(part.split("=")[0].strip().lower() == "private" for part in directives)


def allow_public_reads(response: HttpResponseBase) -> HttpResponseBase:
    """Let scripts on any site read this answer, unless it is private to one reader."""
    if not _is_private(response):
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def is_preflight(request: HttpRequest) -> bool:
    return request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers


def preflight_response() -> HttpResponse:
    """The answer to a CORS preflight: GET and HEAD from any origin, without credentials. A
    browser refuses any other method itself, since it is not listed."""
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response


def public_cors(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Decorate a view of public, anonymous answers for cross-origin reads (see the module).
    On a class-based view: `method_decorator(public_cors, name="dispatch")`."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if is_preflight(request):
            return preflight_response()
        return allow_public_reads(view(request, *args, **kwargs))

    return wrapped
