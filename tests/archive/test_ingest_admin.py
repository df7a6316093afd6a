"""Uploading originals through the real admin form: bad files are refused with a clear message
and leave nothing behind; good ones replace the old derivatives; deletion removes the files."""

import functools
import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from archive import derivatives
from archive.models import Photograph
from tests import factories

pytestmark = pytest.mark.django_db


@functools.cache
def huge_png() -> bytes:
    """A real, complete 30,000 × 30,000 PNG (1-bit grey, all black) of about 110 KB: its pixels
    would take 900 MB decoded. Written chunk by chunk so making it takes no such memory."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    size = 30_000
    row = b"\x00" + bytes(size // 8)  # filter byte, then 3,750 bytes of pixels
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row * 1000) for _ in range(size // 1000))
    idat += compressor.flush()
    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def truncated_jpeg() -> bytes:
    data = factories.image_bytes(800, 600)
    return data[: len(data) // 2]


SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
  <script>alert(document.cookie)</script><rect width="100" height="100"/>
</svg>
"""

BAD_FILES = {
    "truncated-jpeg": ("scan.jpg", truncated_jpeg, "The file is not a readable image"),
    "text-named-jpg": (
        "letter.jpg",
        lambda: b"Dear comrade, this is a letter, not a photograph.\n" * 40,
        "The file is not a readable image",
    ),
    "30000x30000-png": ("huge.png", huge_png, "more pixels than can be read safely"),
    "zero-bytes": ("empty.jpg", lambda: b"", "The submitted file is empty."),
    "svg-with-script": ("drawing.svg", lambda: SVG, "The file is not a readable image"),
}


def media_files(settings) -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path.relative_to(root) for path in root.rglob("*") if path.is_file()}


def test_the_crafted_png_is_what_it_claims(monkeypatch):
    data = huge_png()
    assert len(data) < 200_000
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(data))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # only to read its header here
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("PNG", (30_000, 30_000))
        image.verify()  # complete and uncorrupted: refused for its size alone


def form_fields(**extra) -> dict:
    return {"title": "Congress", "slug": "congress", "alt_text": "Delegates in a hall.", **extra}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_upload_is_refused_on_add_and_leaves_nothing(
    kind, curator_client, admin_submit, settings, django_capture_on_commit_callbacks
):
    name, make, message = BAD_FILES[kind]
    before = media_files(settings)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_submit(
            curator_client,
            reverse("admin:archive_photograph_add"),
            form_fields(image=ContentFile(make(), name=name)),
        )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["image"]
    assert any(message in error for error in errors), errors
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Photograph.objects.exists()
    assert media_files(settings) == before


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_upload_is_refused_on_edit_and_the_photograph_is_unchanged(
    kind, curator_client, admin_submit, settings, django_capture_on_commit_callbacks
):
    photograph = factories.PhotographFactory(
        image=factories.image_file("good.jpg", width=1200, height=800)
    )
    fields = ["image", "thumbnail", "sha256", "byte_size", "width", "height", "derivatives"]
    before_row = Photograph.objects.values(*fields).get()
    before_files = media_files(settings)
    revisions = photograph.history.count()
    name, make, message = BAD_FILES[kind]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_submit(
            curator_client,
            reverse("admin:archive_photograph_change", args=[photograph.pk]),
            {"image": ContentFile(make(), name=name), "caption": "A changed caption."},
        )

    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert Photograph.objects.values(*fields).get() == before_row
    assert Photograph.objects.get().caption == ""
    assert photograph.history.count() == revisions
    assert media_files(settings) == before_files


def test_a_good_replacement_regenerates_derivatives_and_deletes_the_old_ones(
    curator_client, admin_submit, settings, django_capture_on_commit_callbacks
):
    photograph = factories.PhotographFactory(
        image=factories.image_file("good.jpg", width=1200, height=800)
    )
    old = derivatives.names(photograph.derivatives)
    old_thumbnail = photograph.thumbnail.name
    root = Path(settings.MEDIA_ROOT)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_submit(
            curator_client,
            reverse("admin:archive_photograph_change", args=[photograph.pk]),
            {"image": factories.image_file("new.png", width=2000, height=1000, fmt="PNG")},
        )

    assert response.status_code == 302
    photograph.refresh_from_db()
    assert photograph.image.name.endswith(".png")
    assert [size[1] for size in photograph.derivatives["sizes"]] == [480, 960, 1600, 2000]
    assert all((root / name).is_file() for name in derivatives.names(photograph.derivatives))
    assert not any((root / name).exists() for name in [*old, old_thumbnail])


def test_adding_through_the_admin_makes_derivatives_and_deleting_removes_every_file(
    curator_client, admin_submit, settings, django_capture_on_commit_callbacks
):
    before = media_files(settings)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_submit(
            curator_client,
            reverse("admin:archive_photograph_add"),
            form_fields(
                image=factories.image_file("hall.webp", width=1000, height=600, fmt="WEBP")
            ),
        )
    assert response.status_code == 302
    photograph = Photograph.objects.get()
    added = media_files(settings) - before
    # original, thumbnail, three widths in two formats, and the deep-zoom tiles (archive.tiles):
    # four 512-pixel tiles at full size and one of the whole image at half size
    assert len(added) == 1 + 1 + 3 * 2 + 4 + 1

    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(
            reverse("admin:archive_photograph_delete", args=[photograph.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert media_files(settings) == before


def test_a_pixel_bomb_assigned_in_code_is_refused_on_save_and_leaves_nothing(settings):
    from django.core.exceptions import ValidationError

    photograph = factories.PhotographFactory()
    before_files = media_files(settings)
    before = Photograph.objects.values("image", "sha256", "width", "derivatives").get()

    photograph.image = ContentFile(huge_png(), name="huge.png")  # Django reads no size from it
    with pytest.raises(ValidationError, match="more pixels than can be read safely"):
        photograph.save()

    assert Photograph.objects.values("image", "sha256", "width", "derivatives").get() == before
    assert media_files(settings) == before_files
