"""Photograph files: validation by decoding, fixity data (SHA-256, size) and thumbnails.

All file access goes through Django's storage API so media can live on any storage backend.
"""

import hashlib
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "TIFF", "WEBP"}
THUMBNAIL_SIZE = (480, 480)


def validate_image_file(file) -> None:
    """Raise ValidationError unless the file decodes as an accepted image within the limits."""
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
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "The file is not a readable image (JPEG, PNG, TIFF or WebP)."
        ) from None
    finally:
        file.seek(position)


def fixity(file: FieldFile) -> tuple[str, int]:
    """Return the SHA-256 hex digest and byte size of a stored file, read in chunks."""
    with file.storage.open(file.name, "rb") as handle:
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
    with file.storage.open(file.name, "rb") as handle, Image.open(handle) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(size)
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=82, optimize=True)
    return ContentFile(buffer.getvalue())
