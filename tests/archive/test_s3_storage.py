"""Media on an S3-compatible server (moto's, started on 127.0.0.1 by the tests): the admin
uploads to the bucket, derivatives are made there, files are streamed through the
visibility-checked view only, objects are private, fixity reads them, deletion removes them."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from archive import derivatives, fixity
from archive.models import FixityCheck, Photograph, Status
from tests import factories

pytestmark = pytest.mark.django_db

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def keys(client) -> set[str]:
    listing = client.list_objects_v2(Bucket=client.vitrine_bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_default_storage_is_the_bucket(bucket):
    from storages.backends.s3 import S3Storage

    default_storage.save("probe.txt", ContentFile(b"probe"))

    assert isinstance(default_storage._wrapped, S3Storage)
    assert keys(bucket) == {"probe.txt"}


def test_upload_derivatives_serving_fixity_and_deletion_on_s3(
    bucket, curator_client, admin_submit, django_capture_on_commit_callbacks
):
    # Upload through the admin.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_submit(
            curator_client,
            reverse("admin:archive_photograph_add"),
            {
                "title": "Congress",
                "slug": "congress",
                "alt_text": "Delegates in a hall.",
                "status": Status.PUBLISHED,
                "image": factories.image_file("congress.jpg", width=1200, height=800),
            },
        )
    assert response.status_code == 302
    photograph = Photograph.objects.get()
    if photograph.status != Status.PUBLISHED:  # an editor's form may not offer it
        photograph.status = Status.PUBLISHED
        photograph.save()

    # The original, the thumbnail and every derivative are objects in the bucket.
    sha = photograph.sha256
    expected = {
        photograph.image.name,
        photograph.thumbnail.name,
        *(
            f"derivatives/{sha[:2]}/{sha}/{n}.{fmt}"
            for n in (480, 960, 1600)
            for fmt in ("webp", "jpg")
        ),
        # and its deep-zoom tiles (archive.tiles): 6 at full size, 2 at half, 1 at a quarter, a
        # 600 × 400 size
        *(name for name in derivatives.names(photograph.derivatives) if "/tiles/" in name),
    }
    assert len(expected) == 2 + 6 + 10
    assert keys(bucket) == expected
    assert photograph.image.name.startswith("photographs/originals/")

    # Every object is private: no grant to anyone but its owner.
    for key in expected:
        grants = bucket.get_object_acl(Bucket=bucket.vitrine_bucket, Key=key)["Grants"]
        assert [g["Permission"] for g in grants] == ["FULL_CONTROL"], key
        assert all(g["Grantee"].get("URI") != ALL_USERS for g in grants)

    # Served through the view, with the bytes in the bucket.
    public = Client()
    url = reverse("archive:photograph-file", args=["congress", "w960.webp"])
    response = public.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    stored = bucket.get_object(
        Bucket=bucket.vitrine_bucket, Key=f"derivatives/{sha[:2]}/{sha}/960.webp"
    )
    assert body(response) == stored["Body"].read()
    # A deep-zoom tile too, through the IIIF image service.
    tile = public.get("/iiif/image/congress/0,0,512,512/512,512/0/default.jpg")
    assert tile.status_code == 200
    tile_key = next(name for name in expected if name.endswith("/tiles/512/1/0,0.jpg"))
    stored_tile = bucket.get_object(Bucket=bucket.vitrine_bucket, Key=tile_key)
    assert tile.content == stored_tile["Body"].read()

    # The page never hands out a bucket URL, signed or not.
    page = public.get(photograph.get_absolute_url()).content.decode()
    assert url in page
    assert bucket.meta.endpoint_url.split("//")[1] not in page
    assert "X-Amz-" not in page and bucket.vitrine_bucket not in page

    # Nor does the admin: its "Currently:" link goes through the view too.
    form = curator_client.get(
        reverse("admin:archive_photograph_change", args=[photograph.pk])
    ).content.decode()
    assert reverse("archive:photograph-file", args=["congress", "original"]) in form
    assert "X-Amz-" not in form and bucket.meta.endpoint_url.split("//")[1] not in form

    # Unpublished: 404 for the public, streamed for staff.
    Photograph.objects.filter(pk=photograph.pk).update(status=Status.DRAFT)
    assert public.get(url).status_code == 404
    assert public.get(photograph.get_absolute_url()).status_code == 404
    staff = curator_client.get(url)
    assert staff.status_code == 200 and staff["Cache-Control"] == "private, no-store"

    # Fixity reads the object back; a changed object is found.
    assert fixity.check_photograph(photograph).result == FixityCheck.Result.OK
    bucket.put_object(Bucket=bucket.vitrine_bucket, Key=photograph.image.name, Body=b"tampered")
    assert fixity.check_photograph(photograph).result == FixityCheck.Result.CHANGED
    bucket.delete_object(Bucket=bucket.vitrine_bucket, Key=photograph.image.name)
    assert fixity.check_photograph(photograph).result == FixityCheck.Result.MISSING

    # Deleting the photograph removes its objects once the deletion commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(
            reverse("admin:archive_photograph_delete", args=[photograph.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert keys(bucket) == set()


def test_a_refused_upload_leaves_no_object(bucket, curator_client, admin_submit):
    response = admin_submit(
        curator_client,
        reverse("admin:archive_photograph_add"),
        {
            "title": "Bad",
            "slug": "bad",
            "alt_text": "Nothing.",
            "image": ContentFile(b"GIF89a not really", name="bad.jpg"),
        },
    )

    assert response.status_code == 200
    assert "not a readable image" in response.content.decode()
    assert keys(bucket) == set()


def test_two_uploads_with_the_same_name_do_not_overwrite_each_other(bucket):
    first = factories.PhotographFactory(image=factories.image_file("scan.jpg", color="red"))
    second = factories.PhotographFactory(image=factories.image_file("scan.jpg", color="blue"))

    assert first.image.name != second.image.name
    assert first.sha256 != second.sha256
    assert fixity.check_photograph(first).result == FixityCheck.Result.OK
    assert derivatives.names(first.derivatives) != derivatives.names(second.derivatives)
