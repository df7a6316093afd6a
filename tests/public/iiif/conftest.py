"""Builders for the IIIF tests: photographs and document pages with real, recognisable pixels."""

import io

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image, ImageDraw

from archive.models import DocumentPage
from tests import factories

# Four quadrants of distinct colours: a crop or a rotation shows which part came back.
QUADRANTS = {"top-left": (200, 30, 30), "top-right": (30, 200, 30)}
QUADRANTS |= {"bottom-left": (30, 30, 200), "bottom-right": (230, 230, 30)}


def quadrant_image(width: int = 1200, height: int = 800, fmt: str = "JPEG", exif=None) -> bytes:
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    half_w, half_h = width // 2, height // 2
    draw.rectangle((0, 0, half_w - 1, half_h - 1), fill=QUADRANTS["top-left"])
    draw.rectangle((half_w, 0, width - 1, half_h - 1), fill=QUADRANTS["top-right"])
    draw.rectangle((0, half_h, half_w - 1, height - 1), fill=QUADRANTS["bottom-left"])
    draw.rectangle((half_w, half_h, width - 1, height - 1), fill=QUADRANTS["bottom-right"])
    buffer = io.BytesIO()
    options = {"quality": 95} if fmt == "JPEG" else {}
    if exif is not None:
        options["exif"] = exif
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def photograph(slug: str = "quadrants", width: int = 1200, height: int = 800, **kwargs):
    image = ContentFile(quadrant_image(width, height), name=f"{slug}.jpg")
    return factories.PhotographFactory(slug=slug, image=image, **kwargs)


def page(document, position: int = 0, label: str = "", width: int = 600, height: int = 900):
    image = ContentFile(quadrant_image(width, height), name=f"{document.slug}-{position}.jpg")
    return DocumentPage.objects.create(
        document=document, position=position, label=label, image=image
    )


def close(colour, expected, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour[:3], expected, strict=True))


def opened(response) -> Image.Image:
    return Image.open(io.BytesIO(response.content))


@pytest.fixture(autouse=True)
def _own_render_slots(settings, tmp_path_factory):
    """The render slots' lock files of this test process alone (the machine-wide default would
    let a test in another process, holding every slot, refuse this one's drawings)."""
    settings.IIIF_RENDER_LOCK_DIR = tmp_path_factory.getbasetemp() / "iiif-render"


@pytest.fixture
def staff_client(curator) -> Client:
    """A second browser, logged in as a curator (the `client` fixture stays anonymous)."""
    staff = Client()
    staff.force_login(curator)
    return staff
