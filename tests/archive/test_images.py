"""Photograph files: validation by decoding, fixity data and thumbnails."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from archive import images
from tests import factories


def upload(data: bytes, name: str = "upload.jpg") -> ContentFile:
    return ContentFile(data, name=name)


# Validation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name"), [("JPEG", "a.jpg"), ("PNG", "a.png"), ("TIFF", "a.tif"), ("WEBP", "a.webp")]
)
def test_accepted_formats_validate(fmt, name):
    images.validate_image_file(upload(factories.image_bytes(fmt=fmt), name))


def test_validation_leaves_the_file_where_it_was():
    file = upload(factories.image_bytes())
    file.seek(7)

    images.validate_image_file(file)

    assert file.tell() == 7


def refused(data: bytes, name: str = "upload.jpg") -> str:
    with pytest.raises(ValidationError) as caught:
        images.validate_image_file(upload(data, name))
    assert len(caught.value.messages) == 1
    return caught.value.messages[0]


def test_a_text_file_renamed_jpg_is_refused():
    assert "not a readable image" in refused(b"This is a letter, not a photograph.\n" * 20)


def test_an_empty_file_is_refused():
    assert "not a readable image" in refused(b"")


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_a_truncated_jpeg_is_refused(keep):
    data = factories.image_bytes(400, 300, fmt="JPEG")

    assert "not a readable image" in refused(data[: int(len(data) * keep)])


def test_a_truncated_png_is_refused():
    data = factories.image_bytes(400, 300, fmt="PNG")

    assert "not a readable image" in refused(data[: len(data) // 2], "a.png")


def test_a_gif_is_refused_even_when_named_jpg():
    assert "GIF images are not accepted" in refused(factories.image_bytes(fmt="GIF"))


def test_a_bmp_is_refused():
    assert "BMP images are not accepted" in refused(factories.image_bytes(fmt="BMP"), "a.bmp")


def test_an_image_over_the_pixel_limit_is_refused(settings):
    settings.VITRINE_IMAGE_MAX_PIXELS = 64 * 48 - 1

    message = refused(factories.image_bytes(64, 48))

    assert "64×48 pixels" in message
    assert "3,071" in message


def test_an_image_at_the_pixel_limit_is_accepted(settings):
    settings.VITRINE_IMAGE_MAX_PIXELS = 64 * 48

    images.validate_image_file(upload(factories.image_bytes(64, 48)))


def test_a_file_over_the_byte_limit_is_refused(settings):
    data = factories.image_bytes()
    settings.VITRINE_IMAGE_MAX_BYTES = len(data) - 1

    assert f"{len(data):,} bytes" in refused(data)


def test_a_file_at_the_byte_limit_is_accepted(settings):
    data = factories.image_bytes()
    settings.VITRINE_IMAGE_MAX_BYTES = len(data)

    images.validate_image_file(upload(data))


def test_a_decompression_bomb_is_refused(settings, monkeypatch):
    # Pillow refuses images over twice MAX_IMAGE_PIXELS before our own limit is consulted.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    settings.VITRINE_IMAGE_MAX_PIXELS = 10**9

    assert "more pixels than can be read safely" in refused(factories.image_bytes(64, 48))


@pytest.mark.django_db
def test_full_clean_runs_the_image_validator():
    photograph = factories.PhotographFactory.build(image=upload(b"not an image", "fake.jpg"))
    photograph.collection.save()

    with pytest.raises(ValidationError) as caught:
        photograph.full_clean()

    assert list(caught.value.message_dict) == ["image"]


# Derived data on save -----------------------------------------------------------------------


@pytest.mark.django_db
def test_save_records_fixity_size_dimensions_and_a_thumbnail():
    data = factories.image_bytes(640, 360, fmt="PNG")

    photograph = factories.PhotographFactory(image=upload(data, "scan.png"))

    photograph.refresh_from_db()
    assert photograph.sha256 == hashlib.sha256(data).hexdigest()
    assert photograph.byte_size == len(data)
    assert (photograph.width, photograph.height) == (640, 360)
    assert photograph.thumbnail
    with photograph.thumbnail.open("rb") as handle, Image.open(handle) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert thumbnail.size == (480, 270)


@pytest.mark.django_db
def test_fixity_matches_the_stored_file():
    photograph = factories.PhotographFactory()

    with photograph.image.open("rb") as handle:
        stored = handle.read()

    assert photograph.sha256 == hashlib.sha256(stored).hexdigest()
    assert images.fixity(photograph.image) == (photograph.sha256, len(stored))


@pytest.mark.django_db
def test_a_small_image_is_not_enlarged_and_a_palette_image_becomes_rgb():
    buffer = io.BytesIO()
    Image.new("P", (40, 30)).save(buffer, "PNG")

    photograph = factories.PhotographFactory(image=upload(buffer.getvalue(), "small.png"))

    with photograph.thumbnail.open("rb") as handle, Image.open(handle) as thumbnail:
        assert thumbnail.size == (40, 30)
        assert thumbnail.mode == "RGB"


@pytest.mark.django_db
def test_the_thumbnail_follows_exif_orientation():
    image = Image.new("RGB", (200, 100), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)

    photograph = factories.PhotographFactory(image=upload(buffer.getvalue(), "turned.jpg"))

    with photograph.thumbnail.open("rb") as handle, Image.open(handle) as thumbnail:
        assert thumbnail.size == (100, 200)


@pytest.mark.django_db
def test_replacing_the_image_recomputes_everything_and_drops_the_old_thumbnail(
    django_capture_on_commit_callbacks,
):
    photograph = factories.PhotographFactory()
    old_thumbnail = photograph.thumbnail.name
    storage = photograph.thumbnail.storage
    data = factories.image_bytes(100, 200, fmt="PNG", color="navy")

    with django_capture_on_commit_callbacks(execute=True):
        photograph.image = upload(data, "new.png")
        photograph.save()

    photograph.refresh_from_db()
    assert photograph.sha256 == hashlib.sha256(data).hexdigest()
    assert photograph.byte_size == len(data)
    assert (photograph.width, photograph.height) == (100, 200)
    assert photograph.thumbnail.name
    assert storage.exists(photograph.thumbnail.name)
    if photograph.thumbnail.name != old_thumbnail:
        assert not storage.exists(old_thumbnail)


@pytest.mark.django_db
def test_saving_other_fields_does_not_recompute_the_thumbnail():
    photograph = factories.PhotographFactory()
    thumbnail, sha256 = photograph.thumbnail.name, photograph.sha256

    photograph.caption = "Delegates of the Fifteenth Party Congress."
    photograph.save()

    photograph.refresh_from_db()
    assert (photograph.thumbnail.name, photograph.sha256) == (thumbnail, sha256)


@pytest.mark.django_db
def test_clearing_the_image_clears_the_derived_data(django_capture_on_commit_callbacks):
    photograph = factories.PhotographFactory()
    storage = photograph.thumbnail.storage
    thumbnail = photograph.thumbnail.name
    assert storage.exists(thumbnail)

    with django_capture_on_commit_callbacks(execute=True):
        photograph.image = None
        photograph.save()

    photograph.refresh_from_db()
    assert not photograph.image
    assert not photograph.thumbnail
    assert photograph.sha256 == ""
    assert photograph.byte_size is None
    assert (photograph.width, photograph.height) == (None, None)
    assert not storage.exists(thumbnail)


@pytest.mark.django_db
def test_a_photograph_without_an_image_has_no_derived_data():
    photograph = factories.PhotographFactory(image=None)

    photograph.refresh_from_db()
    assert (photograph.sha256, photograph.byte_size, photograph.width) == ("", None, None)
    assert not photograph.thumbnail


@pytest.mark.django_db
def test_the_latest_revision_records_the_fixity():
    photograph = factories.PhotographFactory()

    latest = photograph.history.latest("history_date")

    assert latest.sha256
    assert latest.sha256 == photograph.sha256
