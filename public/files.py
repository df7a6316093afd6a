"""The answer that hands a stored media file to the client, once a view has checked visibility.

Media has no public URL: views check visibility first (archive.visibility), then answer with
the file. Behind nginx (deploy/nginx/vitrine.conf) with VITRINE_MEDIA_ACCEL_REDIRECT set, the
answer is an empty response with `X-Accel-Redirect: <prefix><path under MEDIA_ROOT>`: nginx
serves the file from its `internal` location for that prefix, so Python never reads the bytes,
and keeps the response's Content-Type, Content-Disposition and Cache-Control. Otherwise (the
setting empty, or media on S3) the file is streamed by Python.
"""

import mimetypes
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header


def accel_path(storage: Storage, name: str) -> str | None:
    """The URI nginx serves this stored file under (`/_media/photographs/a%20b.jpg`), or None
    when it cannot: no prefix set, or the file is not under MEDIA_ROOT on local disk."""
    prefix = settings.VITRINE_MEDIA_ACCEL_REDIRECT
    if not prefix or not isinstance(storage, FileSystemStorage):
        return None
    try:
        relative = (
            Path(storage.path(name)).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
        )
    except ValueError:  # a storage of its own elsewhere on disk: nginx does not map it
        return None
    return prefix + quote(relative.as_posix())


def guess_content_type(name: str) -> str:
    """The Content-Type of a stored file, from its name, as FileResponse gives it."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def accel_response(storage: Storage, name: str, content_type: str = "") -> HttpResponse | None:
    """An empty answer that has nginx send the stored file (X-Accel-Redirect), or None when
    nginx cannot (see `accel_path`). Raises FileNotFoundError when the file is not in storage."""
    path = accel_path(storage, name)
    if path is None:
        return None
    if not storage.exists(name):
        raise FileNotFoundError(name)
    response = HttpResponse(content_type=content_type or guess_content_type(name))
    response["X-Accel-Redirect"] = path
    return response


def file_response(storage: Storage, name: str) -> HttpResponseBase:
    """The stored file as an answer, inline under its own name: handed to nginx when possible,
    else streamed. Raises FileNotFoundError when the file is not in storage."""
    response = accel_response(storage, name)
    if response is None:
        return FileResponse(storage.open(name, "rb"))
    response["Content-Disposition"] = content_disposition_header(False, Path(name).name)
    return response
