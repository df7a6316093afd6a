"""The media views' answers with VITRINE_MEDIA_ACCEL_REDIRECT (public.files), through Django alone:
what they hand to nginx, and when they stream instead (the setting empty, media on S3, a drawing
that is no stored file). tests/deploy/test_nginx.py has nginx send them for real."""

from urllib.parse import quote

import pytest
from django.core.files.storage import FileSystemStorage, InMemoryStorage

from archive import derivatives
from archive.models import Status
from public import files
from tests import factories

pytestmark = pytest.mark.django_db

PREFIX = "/_media/"


@pytest.fixture
def accel(settings):
    settings.VITRINE_MEDIA_ACCEL_REDIRECT = PREFIX


def streamed(response) -> bytes:
    assert response.streaming and "X-Accel-Redirect" not in response
    return b"".join(response.streaming_content)


def test_a_published_original_is_handed_to_nginx_quoted_with_its_headers(accel, client):
    photo = factories.PhotographFactory(image=factories.image_file("Été à Paris #1.jpg"))
    response = client.get(f"/photographs/{photo.slug}/original.img")
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == PREFIX + quote(photo.image.name)
    assert response["X-Accel-Redirect"].isascii() and " " not in response["X-Accel-Redirect"]
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline; filename")
    assert "private" not in response.get("Cache-Control", "")


def test_thumbnails_derivatives_and_document_pages_are_handed_to_nginx(accel, client):
    photo = factories.PhotographFactory(image=factories.image_file(width=1200, height=800))
    for variant, name in [
        ("thumbnail", photo.thumbnail.name),
        ("w960.webp", derivatives.find(photo.derivatives, 960, "webp")),
    ]:
        response = client.get(f"/photographs/{photo.slug}/{variant}.img")
        assert response["X-Accel-Redirect"] == PREFIX + quote(name)
    assert response["Content-Type"] == "image/webp"
    page = factories.DocumentPageFactory()
    response = client.get(f"/documents/{page.document.slug}/pages/{page.pk}.img")
    assert response["X-Accel-Redirect"] == PREFIX + quote(page.image.name)


def test_what_the_visitor_may_not_see_is_404_and_staff_get_it_private(accel, client, curator):
    draft = factories.PhotographFactory(status=Status.DRAFT)
    assert client.get(f"/photographs/{draft.slug}/original.img").status_code == 404
    client.force_login(curator)
    response = client.get(f"/photographs/{draft.slug}/original.img")
    assert response["X-Accel-Redirect"] == PREFIX + quote(draft.image.name)
    assert response["Cache-Control"] == "private, no-store"


def test_a_missing_file_is_404_not_an_empty_answer(accel, client, settings):
    photo = factories.PhotographFactory()
    photo.image.storage.delete(photo.image.name)
    response = client.get(f"/photographs/{photo.slug}/original.img")
    assert response.status_code == 404 and "X-Accel-Redirect" not in response


def test_without_the_setting_python_streams_the_file(client, settings):
    settings.VITRINE_MEDIA_ACCEL_REDIRECT = ""
    photo = factories.PhotographFactory()
    response = client.get(f"/photographs/{photo.slug}/original.img")
    assert streamed(response) == photo.image.storage.open(photo.image.name).read()


def test_media_on_s3_is_streamed_even_with_the_setting(accel, bucket, client):
    photo = factories.PhotographFactory()
    response = client.get(f"/photographs/{photo.slug}/original.img")
    with photo.image.storage.open(photo.image.name) as handle:
        assert streamed(response) == handle.read()


def test_only_files_under_media_root_on_local_disk_have_an_accel_path(accel, settings, tmp_path):
    inside = FileSystemStorage(location=settings.MEDIA_ROOT)
    assert files.accel_path(inside, "a b/ü?.jpg") == "/_media/a%20b/%C3%BC%3F.jpg"
    assert files.accel_path(FileSystemStorage(location=tmp_path / "elsewhere"), "a.jpg") is None
    assert files.accel_path(InMemoryStorage(), "a.jpg") is None
    settings.VITRINE_MEDIA_ACCEL_REDIRECT = ""
    assert files.accel_path(inside, "a.jpg") is None


def test_a_stored_tile_is_handed_to_nginx_and_a_drawing_is_not(accel, client, settings):
    photo = factories.PhotographFactory(image=factories.image_file(width=1200, height=800))
    base = f"/iiif/image/{photo.slug}"
    response = client.get(f"{base}/0,0,512,512/512,512/0/default.jpg")
    assert response.status_code == 200 and response.content == b""
    tile = f"{derivatives.directory(photo.sha256)}/tiles/512/1/0,0.jpg"
    assert response["X-Accel-Redirect"] == PREFIX + quote(tile)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "profile" in response["Link"]
    assert response["Cache-Control"] == "public, max-age=86400"
    # A rotation is drawn (no stored file is it): Python sends those bytes.
    response = client.get(f"{base}/0,0,512,512/512,512/90/default.jpg")
    assert response.status_code == 200 and "X-Accel-Redirect" not in response
    assert response.content[:3] == b"\xff\xd8\xff"
    # A tile removed from storage is drawn instead.
    photo.image.storage.delete(tile)
    response = client.get(f"{base}/0,0,512,512/512,512/0/default.jpg")
    assert response.status_code == 200 and "X-Accel-Redirect" not in response
    assert response.content[:3] == b"\xff\xd8\xff"
