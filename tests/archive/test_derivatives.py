"""Ingest of photograph originals: embedded metadata, display derivatives, their files' lives."""

import hashlib
import io
import re
import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.urls import reverse
from PIL import Image

from archive import derivatives, images, ingest
from archive.models import Photograph, Status
from tests import factories

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str = "upload.jpg") -> ContentFile:
    return ContentFile(data, name=name)


def iptc_segment(**datasets: str) -> bytes:
    """A JPEG APP13 segment holding IPTC IIM record 2 datasets (as Photoshop writes them)."""
    numbers = {"caption": 120, "credit": 110, "byline": 80, "copyright": 116}
    iim = b"".join(
        b"\x1c\x02"
        + bytes([numbers[key]])
        + struct.pack(">H", len(value.encode()))
        + value.encode()
        for key, value in datasets.items()
    )
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim))
    resource += iim + (b"\x00" if len(iim) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def camera_jpeg(width=2000, height=1000, orientation=1, iptc: dict | None = None) -> bytes:
    image = Image.new("RGB", (width, height), "#7a5c3a")
    exif = Image.Exif()
    exif[0x010F] = "Hasselblad"
    exif[0x0110] = "Flextight X5"
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N"}  # a GPS block: must not be recorded
    exif.get_ifd(0x8769)[0x9003] = "1998:04:17 10:31:05"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    data = buffer.getvalue()
    if iptc:
        data = data[:2] + iptc_segment(**iptc) + data[2:]
    return data


def stored_files() -> set[str]:
    """Every file name in the media storage, listed through the storage API."""

    def walk(path: str) -> set[str]:
        directories, files = default_storage.listdir(path)
        found = {f"{path}/{name}".lstrip("/") for name in files}
        for directory in directories:
            found |= walk(f"{path}/{directory}".lstrip("/"))
        return found

    return walk("") if default_storage.exists("") else set()


# Planning ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (6000, [(480, 480), (960, 960), (1600, 1600), (2400, 2400)]),
        (1600, [(480, 480), (960, 960), (1600, 1600)]),
        (1000, [(480, 480), (960, 960), (1600, 1000)]),
        (300, [(480, 300)]),
    ],
)
def test_the_plan_never_enlarges_and_stops_at_full_width(width, expected):
    assert derivatives.plan(width) == expected


# Metadata ------------------------------------------------------------------------------------


def test_exif_and_iptc_metadata_are_recorded_and_gps_is_not():
    data = camera_jpeg(
        iptc={"caption": "Delegates in the hall", "credit": "RGASPI", "byline": "Unknown"}
    )

    photograph = factories.PhotographFactory(image=upload(data, "scan.jpg"))

    photograph.refresh_from_db()
    assert photograph.image_metadata == {
        "format": "JPEG",
        "width": 2000,
        "height": 1000,
        "orientation": 1,
        "camera_make": "Hasselblad",
        "camera_model": "Flextight X5",
        "date_taken": "1998-04-17T10:31:05",
        "iptc_caption": "Delegates in the hall",
        "iptc_credit": "RGASPI",
        "iptc_byline": "Unknown",
    }
    # The revision records what the file said, as it records the checksum.
    assert photograph.history.latest("history_date").image_metadata["camera_make"] == "Hasselblad"


def test_a_file_without_metadata_records_format_and_size_only():
    photograph = factories.PhotographFactory(
        image=upload(factories.image_bytes(fmt="PNG"), "a.png")
    )

    assert photograph.image_metadata == {"format": "PNG", "width": 64, "height": 48}


def test_impossible_exif_dates_are_dropped():
    image = Image.new("RGB", (10, 10))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "0000:00:00 00:00:00"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)

    assert "date_taken" not in images.read_metadata(io.BytesIO(buffer.getvalue()))


# Derivatives ---------------------------------------------------------------------------------


def test_derivatives_are_made_at_ingest_in_webp_and_jpeg_with_orientation_applied():
    data = camera_jpeg(2000, 1000, orientation=6)  # shown turned: 1000 × 2000

    photograph = factories.PhotographFactory(image=upload(data, "turned.jpg"))

    sha = hashlib.sha256(data).hexdigest()
    assert photograph.derivatives == {
        "sha256": sha,
        "formats": ["webp", "jpg"],
        "sizes": [[480, 480, 960], [960, 960, 1920], [1600, 1000, 2000]],
        # Deep-zoom tiles of the turned image (archive.tiles; tested in tests/public/iiif).
        "tiles": {"size": 512, "width": 1000, "height": 2000, "levels": [2]},
    }
    for nominal, width, height in photograph.derivatives["sizes"]:
        for fmt, pil_format in (("webp", "WEBP"), ("jpg", "JPEG")):
            name = f"derivatives/{sha[:2]}/{sha}/{nominal}.{fmt}"
            with default_storage.open(name, "rb") as handle, Image.open(handle) as image:
                assert (image.format, image.size) == (pil_format, (width, height))
                assert not image.getexif()  # no EXIF (GPS, camera) in what the public gets


@pytest.mark.parametrize(
    ("mode", "fmt", "name"),
    [
        ("RGBA", "PNG", "alpha.png"),
        ("I;16", "TIFF", "deep.tif"),
        ("CMYK", "TIFF", "print.tif"),
        ("L", "WEBP", "grey.webp"),
        ("P", "PNG", "palette.png"),
    ],
)
def test_every_accepted_kind_of_image_gets_displayable_derivatives(mode, fmt, name):
    image = Image.new(mode, (600, 400))
    buffer = io.BytesIO()
    image.save(buffer, fmt)

    photograph = factories.PhotographFactory(image=upload(buffer.getvalue(), name))

    assert [size[1] for size in photograph.derivatives["sizes"]] == [480, 600]
    for stored in derivatives.names(photograph.derivatives):
        with default_storage.open(stored, "rb") as handle, Image.open(handle) as derivative:
            assert derivative.mode in ("RGB", "L")


def test_the_stored_original_is_named_by_what_it_is_not_what_it_was_called():
    png = factories.image_bytes(fmt="PNG")

    photograph = factories.PhotographFactory(image=upload(png, "really-a-png.jpg"))

    assert photograph.image.name.endswith("really-a-png.png")


def test_identical_originals_share_derivatives_until_the_last_one_goes(
    django_capture_on_commit_callbacks,
):
    data = factories.image_bytes(800, 600)
    first = factories.PhotographFactory(image=upload(data))
    second = factories.PhotographFactory(image=upload(data))
    names = derivatives.names(first.derivatives)
    assert first.derivatives == second.derivatives
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert not any(default_storage.exists(name) for name in names)


def test_replacing_the_original_regenerates_derivatives_and_deletes_the_old_ones(
    django_capture_on_commit_callbacks,
):
    photograph = factories.PhotographFactory(image=upload(factories.image_bytes(1200, 900)))
    old_original, old_names = photograph.image.name, derivatives.names(photograph.derivatives)

    with django_capture_on_commit_callbacks(execute=True):
        photograph.image = upload(factories.image_bytes(500, 1000, color="navy"), "new.jpg")
        photograph.save()

    photograph.refresh_from_db()
    assert [size[1:] for size in photograph.derivatives["sizes"]] == [[480, 960], [500, 1000]]
    assert all(default_storage.exists(name) for name in derivatives.names(photograph.derivatives))
    assert not any(default_storage.exists(name) for name in old_names)
    # The replaced original stays: the revision history refers to it (revert restores it).
    assert default_storage.exists(old_original)


def test_a_rolled_back_replacement_keeps_the_old_files_and_leaves_no_new_ones():
    photograph = factories.PhotographFactory(image=upload(factories.image_bytes(700, 500)))
    before = stored_files()

    with pytest.raises(RuntimeError), transaction.atomic():
        photograph.image = upload(factories.image_bytes(900, 500, color="navy"), "new.jpg")
        photograph.save()
        raise RuntimeError("the rest of the change failed")

    # The old files are all there (deletion waits for a commit that never came).
    assert before <= stored_files()


def test_a_failure_while_deriving_leaves_no_file_and_no_change(monkeypatch):
    photograph = factories.PhotographFactory(image=upload(factories.image_bytes(700, 500)))
    before_files, before_sha = stored_files(), photograph.sha256
    real_derive = derivatives.derive

    def derive_then_fail(handle, sha256, storage, written):
        real_derive(handle, sha256, storage, written)
        assert written  # files were stored before the failure
        raise OSError("disk full")

    monkeypatch.setattr(derivatives, "derive", derive_then_fail)
    photograph.image = upload(factories.image_bytes(900, 500, color="navy"), "new.jpg")

    with pytest.raises(OSError, match="disk full"):
        photograph.save()

    assert stored_files() == before_files
    photograph.refresh_from_db()
    assert photograph.sha256 == before_sha


def test_a_failure_writing_the_row_removes_the_stored_original_and_derivatives():
    factories.PhotographFactory(slug="taken", image=None)
    before = stored_files()
    photograph = factories.PhotographFactory.build(
        slug="taken", image=upload(factories.image_bytes(600, 400), "second.jpg")
    )
    photograph.collection.save()

    with pytest.raises(IntegrityError):
        photograph.save()  # the original is stored, then the row's INSERT fails

    assert stored_files() == before


def test_a_programmatic_save_of_a_bad_file_is_refused_and_leaves_nothing():
    photograph = factories.PhotographFactory()
    before_files, before = stored_files(), (photograph.image.name, photograph.sha256)

    photograph.image = upload(b"<svg><script>alert(1)</script></svg>", "evil.jpg")
    with pytest.raises(ValidationError):
        photograph.save()

    assert stored_files() == before_files
    photograph.refresh_from_db()
    assert (photograph.image.name, photograph.sha256) == before


def test_deleting_a_photograph_deletes_its_files_after_commit(django_capture_on_commit_callbacks):
    photograph = factories.PhotographFactory(image=upload(factories.image_bytes(1000, 700)))
    names = [
        photograph.image.name,
        photograph.thumbnail.name,
        *derivatives.names(photograph.derivatives),
    ]
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Photograph.objects.filter(pk=photograph.pk).delete()
    assert all(default_storage.exists(name) for name in names)  # not before the commit

    for callback in callbacks:
        callback()
    assert not any(default_storage.exists(name) for name in names)


def test_refresh_makes_missing_derivatives_for_older_photographs(
    django_capture_on_commit_callbacks,
):
    photograph = factories.PhotographFactory(image=upload(factories.image_bytes(1000, 700)))
    Photograph.objects.filter(pk=photograph.pk).update(derivatives={}, image_metadata={})
    photograph.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        photograph.refresh_derived_image_data()

    photograph.refresh_from_db()
    assert len(photograph.derivatives["sizes"]) == 3
    assert photograph.image_metadata["format"] == "JPEG"
    assert all(default_storage.exists(name) for name in derivatives.names(photograph.derivatives))


def test_saving_other_fields_keeps_the_derivatives_even_from_a_stale_revision():
    photograph = factories.PhotographFactory(image=upload(factories.image_bytes(1000, 700)))
    record = photograph.derivatives
    photograph.derivatives = {"sha256": "0" * 64, "formats": [], "sizes": []}
    photograph.caption = "A new caption."

    photograph.save()

    photograph.refresh_from_db()
    assert photograph.derivatives == record


def test_ingest_reads_the_stored_original_when_a_revert_points_back_to_it(
    django_capture_on_commit_callbacks,
):
    photograph = factories.PhotographFactory(image=upload(factories.image_bytes(900, 600)))
    first = photograph.history.latest("history_date")
    with django_capture_on_commit_callbacks(execute=True):
        photograph.image = upload(factories.image_bytes(500, 500, color="navy"), "new.jpg")
        photograph.save()

    with django_capture_on_commit_callbacks(execute=True):
        first.instance.save()

    photograph.refresh_from_db()
    assert photograph.image.name == first.image
    assert photograph.sha256 == first.sha256
    assert [size[1] for size in photograph.derivatives["sizes"]] == [480, 900]
    assert all(default_storage.exists(name) for name in derivatives.names(photograph.derivatives))


# Serving and markup --------------------------------------------------------------------------


def file_url(photograph, variant: str) -> str:
    return reverse("archive:photograph-file", args=[photograph.slug, variant])


def test_derivatives_are_served_with_their_type(client):
    photograph = factories.PhotographFactory(image=upload(factories.image_bytes(1000, 700)))

    webp = client.get(file_url(photograph, "w960.webp"))
    jpeg = client.get(file_url(photograph, "w1600.jpg"))

    assert webp["Content-Type"] == "image/webp"
    assert jpeg["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(jpeg.streaming_content))) as image:
        assert image.size == (1000, 700)
    for variant in ("w2400.jpg", "w123.webp", "w960.png", "w960.webp.exe", "w0960.jpg"):
        assert client.get(file_url(photograph, variant)).status_code == 404


@pytest.mark.parametrize("state", ["draft", "review", "withdrawn", "scheduled"])
def test_derivatives_of_unpublished_photographs_are_for_staff_only(state, client, curator_client):
    from datetime import timedelta

    from django.utils import timezone

    fields = {
        "draft": {"status": Status.DRAFT},
        "review": {"status": Status.REVIEW},
        "withdrawn": {"status": Status.WITHDRAWN},
        "scheduled": {"published_at": timezone.now() + timedelta(days=2)},
    }[state]
    photograph = factories.PhotographFactory(**fields)
    from django.test import Client

    public = Client()
    for variant in ("w480.webp", "w480.jpg", "thumbnail", "original"):
        assert public.get(file_url(photograph, variant)).status_code == 404
        response = curator_client.get(file_url(photograph, variant))
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


def test_photo_img_offers_webp_and_jpeg_srcsets_with_the_displayed_size():
    photograph = factories.PhotographFactory(
        slug="hall", image=upload(camera_jpeg(3000, 2000, orientation=8))
    )
    html = Template('{% load vitrine %}{% photo_img photo sizes="50vw" large=True %}').render(
        Context({"photo": photograph})
    )

    widths = ((480, 480), (960, 960), (1600, 1600), (2400, 2000))  # 2000 px is the full width
    webp = ", ".join(f"/photographs/hall/w{n}.webp.img {w}w" for n, w in widths)
    jpeg = ", ".join(f"/photographs/hall/w{n}.jpg.img {w}w" for n, w in widths)
    assert html.startswith(f'<picture><source type="image/webp" srcset="{webp}" sizes="50vw">')
    img = re.search(r"<img [^>]*>", html).group(0)
    assert 'src="/photographs/hall/w1600.jpg.img"' in img
    assert f'srcset="{jpeg}"' in img
    assert 'width="2000" height="3000"' in img  # turned upright by its orientation
    assert html.strip().endswith("</picture>")


def test_the_public_page_shows_what_the_file_says_about_its_making(client):
    photograph = factories.PhotographFactory(image=upload(camera_jpeg(800, 600)))

    page = client.get(photograph.get_absolute_url()).content.decode()

    assert "Hasselblad Flextight X5" in page
    assert "1998-04-17" in page
    assert "<picture>" in page


def test_the_admin_shows_the_metadata_and_sizes_read_only(curator_client):
    data = camera_jpeg(800, 600, iptc={"credit": "RGASPI"})
    photograph = factories.PhotographFactory(image=upload(data))

    page = curator_client.get(
        reverse("admin:archive_photograph_change", args=[photograph.pk])
    ).content.decode()

    assert "<dt>camera model</dt><dd>Flextight X5</dd>" in page
    assert "<dt>IPTC credit</dt><dd>RGASPI</dd>" in page
    assert "480×360, 800×600 (WEBP and JPG)" in page
    assert 'name="image_metadata"' not in page and 'name="derivatives"' not in page


def test_the_ingest_records_the_files_it_wrote_for_cleanup():
    written: list[str] = []
    data = factories.image_bytes(1000, 500)
    sha = hashlib.sha256(data).hexdigest()

    record = derivatives.generate(io.BytesIO(data), sha, default_storage, written)

    assert sorted(written) == sorted(derivatives.names(record))
    # Made once: a second ingest of the same original writes nothing.
    again: list[str] = []
    assert derivatives.generate(io.BytesIO(data), sha, default_storage, again) == record
    assert again == []
    assert ingest.StoredFiles().image == ""


# Commands ------------------------------------------------------------------------------------


def test_make_derivatives_fills_in_photographs_without_them(django_capture_on_commit_callbacks):
    from django.core.management import call_command

    done = factories.PhotographFactory(image=upload(factories.image_bytes(700, 500)))
    older = factories.PhotographFactory(image=upload(factories.image_bytes(900, 500)))
    Photograph.objects.filter(pk=older.pk).update(derivatives={})
    untouched = Photograph.objects.get(pk=done.pk).derivatives
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("make_derivatives", stdout=out)

    older.refresh_from_db()
    assert [size[1] for size in older.derivatives["sizes"]] == [480, 900]
    assert Photograph.objects.get(pk=done.pk).derivatives == untouched
    assert "1 derived" in out.getvalue()


def test_benchmark_images_prints_its_figures():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("benchmark_images", width=900, height=600, repeat=1, stdout=out)

    text = out.getvalue()
    for label in ("validate (decode)", "derivatives+thumb", "whole ingest", "peak RSS"):
        assert label in text


def test_search_hits_offer_the_derivatives_of_public_photographs_only(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.PhotographFactory(
            title="Zinovievite congress", slug="seen", image=upload(factories.image_bytes(900, 600))
        )
        factories.PhotographFactory(title="Zinovievite draft", slug="unseen", status=Status.DRAFT)

    page = client.get(reverse("search"), {"q": "Zinovievite"}).content.decode()

    assert (
        '<picture><source type="image/webp" srcset="/photographs/seen/w480.webp.img 480w, '
        '/photographs/seen/w960.webp.img 900w" sizes="6rem">'
    ) in page
    assert 'width="900" height="600"' in page
    assert "unseen" not in page
