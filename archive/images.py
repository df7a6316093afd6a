"""Photograph and page image files: validation by decoding, fixity data (SHA-256, size), embedded
metadata (EXIF, IPTC) and thumbnails.

All file access goes through Django's storage API so media can live on any storage backend.
"""

import contextlib
import hashlib
import io
from collections.abc import Iterator
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageOps, IptcImagePlugin, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "TIFF", "WEBP"}
# The file name extension a stored original gets from its decoded format (never from its name).
FORMAT_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "TIFF": ".tif", "WEBP": ".webp"}
THUMBNAIL_SIZE = (480, 480)


def validate_image_file(file) -> None:
    """Raise ValidationError unless the file decodes as an accepted image within the limits.

    A stored original (validated at its ingest) is not read again, and an upload is decoded
    once however many times it is validated (form field, model validator, ingest).
    """
    if isinstance(file, FieldFile):
        if file._committed:
            return
        file = file.file
    if getattr(file, "_vitrine_valid_image", False):
        return
    _validate(file)
    # An object that takes no attributes is simply checked again.
    with contextlib.suppress(AttributeError):
        file._vitrine_valid_image = True


def _validate(file) -> None:
    size = getattr(file, "size", None)
    if size is not None and size > settings.VITRINE_IMAGE_MAX_BYTES:
        raise ValidationError(
            f"The file is {size:,} bytes; the limit is {settings.VITRINE_IMAGE_MAX_BYTES:,}."
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    f"{image.format} images are not accepted; use JPEG, PNG, TIFF or WebP."
                )
            if image.width * image.height > settings.VITRINE_IMAGE_MAX_PIXELS:
                raise ValidationError(
                    f"The image is {image.width}×{image.height} pixels; the limit is "
                    f"{settings.VITRINE_IMAGE_MAX_PIXELS:,} pixels."
                )
            image.verify()
        # verify() checks PNG checksums but not JPEG or WebP data; decoding finds a truncated file.
        file.seek(0)
        with Image.open(file) as image:
            # JPEG: decode every block at 1/8 scale — truncation and damage are still found,
            # in an eighth of the time and a sixty-fourth of the memory.
            image.draft(image.mode, (image.width // 8, image.height // 8))
            image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        # Pillow refuses, from the header alone, images far over its own limit (a pixel bomb).
        raise ValidationError(
            "The image declares more pixels than can be read safely; the limit is "
            f"{settings.VITRINE_IMAGE_MAX_PIXELS:,} pixels."
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "The file is not a readable image (JPEG, PNG, TIFF or WebP)."
        ) from None
    finally:
        file.seek(position)


@contextlib.contextmanager
def opened(file: FieldFile) -> Iterator:
    """An image field's file open for reading: a new upload as it is, a stored file from its
    storage (closed again afterwards)."""
    if not file._committed:
        yield file.file
        return
    with file.storage.open(file.name, "rb") as handle:
        yield handle


def fixity(file: FieldFile) -> tuple[str, int]:
    """Return the SHA-256 hex digest and byte size of an image field's file (a new upload, or
    the stored file), read in chunks."""
    with opened(file) as handle:
        return stream_fixity(handle)


def stream_fixity(handle) -> tuple[str, int]:
    """Return the SHA-256 hex digest and byte size of an open file, read from its start."""
    digest = hashlib.sha256()
    size = 0
    handle.seek(0)
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
        size += len(chunk)
    handle.seek(0)
    return digest.hexdigest(), size


def thumbnail_content(file: FieldFile, size: tuple[int, int] = THUMBNAIL_SIZE) -> ContentFile:
    """Return a JPEG thumbnail of a stored image, EXIF orientation applied."""
    with file.storage.open(file.name, "rb") as handle:
        return thumbnail_from(handle, size)


def thumbnail_from(handle, size: tuple[int, int] = THUMBNAIL_SIZE) -> ContentFile:
    """Return a JPEG thumbnail of the image open in `handle`, EXIF orientation applied."""
    handle.seek(0)
    with Image.open(handle) as image:
        image.draft("RGB", size)  # JPEG: decode at a reduced scale, far faster and smaller
        image = ImageOps.exif_transpose(image)
        image.thumbnail(size)
        content = _jpeg(image)
    handle.seek(0)
    return content


def thumbnail_of(image: Image.Image, size: tuple[int, int] = THUMBNAIL_SIZE) -> ContentFile:
    """Return a JPEG thumbnail of an upright decoded RGB or L image, leaving it untouched (a
    large one is first reduced by an integer factor: no full-size copy)."""
    factor = int(min(image.width / size[0], image.height / size[1]) / 2)
    small = image.reduce(factor) if factor >= 2 else image.copy()
    small.thumbnail(size)
    return _jpeg(small)


def _jpeg(image: Image.Image) -> ContentFile:
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return ContentFile(buffer.getvalue())


# Embedded metadata ----------------------------------------------------------------------------

_EXIF_IFD = 0x8769
_EXIF_TAGS = {0x010F: "camera_make", 0x0110: "camera_model"}
_DATE_TIME_ORIGINAL = 0x9003
_ORIENTATION = 0x0112
# IPTC IIM record 2 datasets worth showing a curator (getiptcinfo keys are (record, dataset)).
_IPTC_FIELDS = {
    (2, 120): "iptc_caption",
    (2, 110): "iptc_credit",
    (2, 80): "iptc_byline",
    (2, 116): "iptc_copyright",
    (2, 115): "iptc_source",
}
_MAX_TEXT = 2000


def read_metadata(handle) -> dict:
    """Return what the file says about itself, for curators: format, pixel size, orientation,
    date taken (EXIF DateTimeOriginal), camera make and model, IPTC caption, credit, byline,
    copyright and source. Only these: GPS positions and other EXIF tags are not kept.

    `handle` is an open binary file; its position is restored. Unreadable parts are skipped.
    """
    position = handle.tell()
    try:
        handle.seek(0)
        with Image.open(handle) as image:
            data: dict = {"format": image.format, "width": image.width, "height": image.height}
            data.update(_exif_metadata(image))
            data.update(_iptc_metadata(image))
    finally:
        handle.seek(position)
    return {key: value for key, value in data.items() if value not in (None, "")}


def _exif_metadata(image: Image.Image) -> dict:
    if image.format == "PNG" and "exif" not in image.info:
        # Pillow would decode every pixel looking for an eXIf chunk after them; the PNG
        # specification puts it before, where the header reading has already found it.
        return {}
    try:
        exif = image.getexif()
        sub = exif.get_ifd(_EXIF_IFD)
    except Exception:  # malformed EXIF is common and never fatal
        return {}
    data = {key: _text(exif.get(tag), 200) for tag, key in _EXIF_TAGS.items()}
    orientation = exif.get(_ORIENTATION)
    if isinstance(orientation, int) and 1 <= orientation <= 8:
        data["orientation"] = orientation
    data["date_taken"] = _exif_datetime(sub.get(_DATE_TIME_ORIGINAL))
    return data


def _iptc_metadata(image: Image.Image) -> dict:
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:  # malformed IPTC blocks are skipped
        return {}
    data = {}
    for dataset, key in _IPTC_FIELDS.items():
        value = iptc.get(dataset)
        if isinstance(value, list):  # a repeated dataset (several bylines)
            value = "; ".join(filter(None, (_text(part) for part in value)))
        data[key] = _text(value)
    return data


def _text(value, limit: int = _MAX_TEXT) -> str:
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            value = value.decode("latin-1")
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", "").strip()[:limit]


def _exif_datetime(value) -> str:
    """EXIF "YYYY:MM:DD HH:MM:SS" as ISO 8601 ("" when absent, blank or impossible)."""
    text = _text(value, 40)[:19]
    try:
        return datetime.strptime(text, "%Y:%m:%d %H:%M:%S").isoformat()
    except ValueError:
        return ""


def display_size(width: int, height: int, orientation: int | None) -> tuple[int, int]:
    """The size an image shows at once its EXIF orientation is applied (5–8 turn it)."""
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)
