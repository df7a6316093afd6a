"""The IIIF endpoints: image service (base URI, info.json, image requests), manifests and exhibit
collections.

Every response carries `Access-Control-Allow-Origin: *` (IIIF viewers run on other sites). An image
or record this viewer may not see is 404, whatever the rest of the request says; a bad request is
400 with its reason in plain text; nothing here answers 500 for bad input. Responses for records
that are not public are `private, no-store`, so no shared cache keeps a draft.

An image request that is a tile or reduced size made at ingest is sent by nginx when it can
(public.files: X-Accel-Redirect); otherwise it is answered from the `iiif` cache, else from the
tiles made at ingest, else drawn — only then counted against the client's rate limit (429) and
drawn in a render slot (503 when none comes free): see public/iiif/throttle.py.
"""

import hashlib
import json

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from archive import visibility
from exhibits.models import Exhibit
from public import files
from public.iiif import image_api, presentation, throttle
from public.iiif.request import ImageRequestError
from public.iiif.sources import ImageSource, find, iiif_cache

PUBLIC_MAX_AGE = 60 * 60 * 24


def _finish(response: HttpResponse, public: bool) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    if public:
        response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    else:
        response["Cache-Control"] = "private, no-store"
    return response


def _json(request: HttpRequest, document: dict, context: str, public: bool) -> HttpResponse:
    """JSON, or JSON-LD with the API's context as profile when the client asks for it."""
    if "application/ld+json" in request.headers.get("Accept", ""):
        content_type = f'application/ld+json;profile="{context}"'
    else:
        content_type = "application/json"
    body = json.dumps(document, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type=content_type)
    patch_vary_headers(response, ["Accept"])
    return _finish(response, public)


def _error(reason: str, status: int, retry_after: int | None = None) -> HttpResponse:
    response = HttpResponse(reason + "\n", status=status, content_type="text/plain; charset=utf-8")
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return _finish(response, public=False)


def _source(request: HttpRequest, identifier: str) -> ImageSource:
    try:
        source = find(identifier, request.user)
    except FileNotFoundError:
        raise Http404("The image file is missing.") from None
    if source is None:
        raise Http404("No such image.")
    return source


def _not_found(view):
    """404 as plain text with CORS, so viewers on other sites can read it too."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404 as error:
            return _error(str(error) or "Not found.", 404)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_safe
@_not_found
def image_base(request: HttpRequest, identifier: str) -> HttpResponse:
    """The image's base URI redirects to its image information (303 See Other)."""
    source = _source(request, identifier)
    url = reverse("iiif:image-info", kwargs={"identifier": source.identifier})
    response = HttpResponseRedirect(url, status=303)
    return _finish(response, source.public)


@require_safe
@_not_found
def image_info(request: HttpRequest, identifier: str) -> HttpResponse:
    source = _source(request, identifier)
    service_id = request.build_absolute_uri(
        reverse("iiif:image-base", kwargs={"identifier": source.identifier})
    )
    rights = presentation.rights_uri(source.record)
    document = image_api.info(source, service_id, image_api.limits(source), rights)
    response = _json(request, document, image_api.CONTEXT, source.public)
    response["Link"] = f'<{image_api.PROFILE_URI}>;rel="profile"'
    return response


@require_safe
@_not_found
def image(
    request: HttpRequest, identifier: str, region: str, size: str, rotation: str, quality: str
) -> HttpResponse:
    """An image request: region/size/rotation/quality.format, a tile made at ingest sent by
    nginx, from the cache when drawn before, from the tiles made at ingest, or drawn within the
    rate limit and a render slot."""
    source = _source(request, identifier)
    try:
        parsed = image_api.parse(region, size, rotation, quality)
        drawing = image_api.plan(source, parsed, image_api.limits(source))
    except ImageRequestError as error:
        return _error(error.reason, error.status)
    handed = _handed_to_nginx(source, drawing)
    if handed is not None:
        handed["Link"] = f'<{image_api.PROFILE_URI}>;rel="profile"'
        return _finish(handed, source.public)
    key = (
        "iiif:image:"
        + hashlib.sha256(
            f"{source.identifier}|{source.version}|{drawing.canonical}".encode()
        ).hexdigest()
    )
    cache = iiif_cache()
    body = cache.get(key)
    if body is None:
        body = _stored(source, drawing) or _drawn(request, source, drawing, key)
        if isinstance(body, HttpResponse):  # refused: rate limit or no render slot
            return body
        cache.set(key, body, settings.IIIF_CACHE_TIMEOUT)
    response = HttpResponse(body, content_type=image_api.content_type(drawing.format))
    response["Link"] = f'<{image_api.PROFILE_URI}>;rel="profile"'
    return _finish(response, source.public)


def _drawn(
    request: HttpRequest, source: ImageSource, drawing: image_api.Plan, key: str
) -> bytes | HttpResponse:
    """The drawing, made within the client's rate limit and a render slot; or the refusal."""
    wait = throttle.retry_after(request)
    if wait is not None:
        return _error(
            "Too many images drawn for this address; try again later.", 429, retry_after=wait
        )
    width, height = drawing.size
    with throttle.render_slot(width * height) as free:
        if not free:
            return _error(
                "The server is busy drawing other images; try again shortly.",
                503,
                retry_after=throttle.BUSY_RETRY_AFTER,
            )
        body = iiif_cache().get(key)  # drawn by another request while this one waited?
        if body is None:
            try:
                body = image_api.render(source, drawing)
            except FileNotFoundError:
                raise Http404("The image file is missing.") from None
        return body


def _stored(source: ImageSource, drawing: image_api.Plan) -> bytes | None:
    """The bytes of the tile or reduced size made at ingest that is this drawing, if any."""
    name = image_api.stored_name(source, drawing)
    if name is None:
        return None
    try:
        with source.file.storage.open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:  # removed from storage: draw it instead
        return None


def _handed_to_nginx(source: ImageSource, drawing: image_api.Plan) -> HttpResponse | None:
    """The tile or reduced size made at ingest that is this drawing, as an answer that has nginx
    send the file (public.files), if there is one and nginx can; else None."""
    name = image_api.stored_name(source, drawing)
    if name is None:
        return None
    try:
        return files.accel_response(
            source.file.storage, name, image_api.content_type(drawing.format)
        )
    except FileNotFoundError:  # removed from storage: draw it instead
        return None


def _absolute(request: HttpRequest):
    return request.build_absolute_uri


@require_safe
@_not_found
def photograph_manifest(request: HttpRequest, slug: str) -> HttpResponse:
    photograph = get_object_or_404(presentation.photograph_queryset(request.user), slug=slug)
    document = presentation.photograph_manifest(photograph, request.user, _absolute(request))
    return _json(request, document, presentation.CONTEXT, visibility.is_public(photograph))


@require_safe
@_not_found
def document_manifest(request: HttpRequest, slug: str) -> HttpResponse:
    record = get_object_or_404(presentation.document_queryset(request.user), slug=slug)
    document = presentation.document_manifest(record, request.user, _absolute(request))
    return _json(request, document, presentation.CONTEXT, visibility.is_public(record))


@require_safe
@_not_found
def exhibit_collection(request: HttpRequest, slug: str) -> HttpResponse:
    exhibit = get_object_or_404(
        visibility.visible_to(Exhibit.objects.all(), request.user), slug=slug
    )
    document = presentation.exhibit_collection(exhibit, request.user, _absolute(request))
    # Staff see unpublished records in it: only an all-public answer may be kept by caches.
    public = visibility.is_public(exhibit) and not visibility.can_preview(request.user)
    return _json(request, document, presentation.CONTEXT, public)
