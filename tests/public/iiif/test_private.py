"""Private originals: a photograph or document that is not public answers 404 to the public at
every address that could show its pixels or describe it, and works for staff."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.models import Status
from exhibits.models import Block
from tests import factories
from tests.public.iiif.conftest import page, photograph
from tests.public.site.conftest import add_block, make_exhibit, make_section

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"status": Status.DRAFT},
    "review": {"status": Status.REVIEW},
    "withdrawn": {"status": Status.WITHDRAWN, "published_at": timezone.now()},
    "scheduled": {
        "status": Status.PUBLISHED,
        "published_at": timezone.now() + datetime.timedelta(days=3),
    },
}


def photograph_urls(slug: str) -> list[str]:
    return [
        reverse("archive:photograph-file", kwargs={"slug": slug, "variant": "original"}),
        reverse("archive:photograph-file", kwargs={"slug": slug, "variant": "thumbnail"}),
        f"/iiif/image/{slug}",
        f"/iiif/image/{slug}/info.json",
        f"/iiif/image/{slug}/full/max/0/default.jpg",
        f"/iiif/image/{slug}/0,0,512,512/256,/0/default.jpg",
        f"/iiif/image/{slug}/nonsense/max/0/default.jpg",  # 404 wins over 400: nothing leaks
        f"/iiif/photographs/{slug}/manifest.json",
    ]


def page_urls(document_slug: str, page_pk: int) -> list[str]:
    identifier = f"{document_slug}~{page_pk}"
    return [
        reverse("archive:document-page-file", kwargs={"slug": document_slug, "page": page_pk}),
        f"/iiif/image/{identifier}",
        f"/iiif/image/{identifier}/info.json",
        f"/iiif/image/{identifier}/full/max/0/default.jpg",
        f"/iiif/documents/{document_slug}/manifest.json",
    ]


def ok(response) -> bool:
    return response.status_code in (200, 303)


@pytest.mark.parametrize("state", list(HIDDEN))
def test_a_hidden_photograph_is_404_everywhere_for_the_public(client, staff_client, state):
    photograph(slug="hidden", **HIDDEN[state])
    for url in photograph_urls("hidden"):
        response = client.get(url)
        assert response.status_code == 404, url
    # The same addresses work for staff, and say that no shared cache may keep them.
    for url in photograph_urls("hidden")[:-2] + photograph_urls("hidden")[-1:]:
        response = staff_client.get(url)
        assert ok(response), url
        if response.status_code == 200:
            assert "no-store" in response["Cache-Control"], url


@pytest.mark.parametrize("state", list(HIDDEN))
def test_hidden_document_pages_are_404_everywhere_for_the_public(client, staff_client, state):
    document = factories.DocumentFactory(slug="hidden-letter", **HIDDEN[state])
    first = page(document, 0, "f. 1")
    for url in page_urls("hidden-letter", first.pk):
        assert client.get(url).status_code == 404, url
    for url in page_urls("hidden-letter", first.pk):
        response = staff_client.get(url)
        assert ok(response), url
        if response.status_code == 200:
            assert "no-store" in response["Cache-Control"], url


def test_public_photograph_and_pages_work_for_everyone(client):
    photograph(slug="shown")
    document = factories.DocumentFactory(slug="shown-letter")
    first = page(document)
    for url in photograph_urls("shown")[:-2] + photograph_urls("shown")[-1:]:
        assert ok(client.get(url)), url
    for url in page_urls("shown-letter", first.pk):
        response = client.get(url)
        assert ok(response), url
        if response.status_code == 200:
            assert "no-store" not in response.get("Cache-Control", ""), url


def test_a_page_is_reached_only_through_its_own_document(client):
    public = factories.DocumentFactory(slug="public-doc")
    hidden = factories.DocumentFactory(slug="hidden-doc", status=Status.DRAFT)
    hidden_page = page(hidden)
    page(public)
    url = reverse(
        "archive:document-page-file", kwargs={"slug": "public-doc", "page": hidden_page.pk}
    )
    assert client.get(url).status_code == 404
    assert client.get(f"/iiif/image/public-doc~{hidden_page.pk}/info.json").status_code == 404


@pytest.mark.parametrize("state", list(HIDDEN))
def test_hidden_records_are_left_out_of_an_exhibit_collection(client, staff_client, state):
    shown = photograph(slug="shown")
    hidden = photograph(slug="hidden", **HIDDEN[state])
    letter = factories.DocumentFactory(slug="hidden-letter", **HIDDEN[state])
    page(letter)
    exhibit = make_exhibit()
    section = make_section(exhibit)
    add_block(section, Block.Kind.GALLERY, gallery=[hidden, shown])
    add_block(section, Block.Kind.RECORD, document=letter)
    url = f"/iiif/exhibits/{exhibit.slug}/collection.json"
    ids = [item["id"] for item in client.get(url).json()["items"]]
    assert ids == ["http://testserver/iiif/photographs/shown/manifest.json"]
    staff = staff_client.get(url)
    assert len(staff.json()["items"]) == 3
    assert "no-store" in staff["Cache-Control"]


@pytest.mark.parametrize("state", list(HIDDEN))
def test_a_hidden_exhibit_has_no_public_collection(client, staff_client, state):
    values = HIDDEN[state] | {"published_at": HIDDEN[state].get("published_at")}
    exhibit = make_exhibit(**values)
    make_section(exhibit)
    url = f"/iiif/exhibits/{exhibit.slug}/collection.json"
    assert client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 200


def test_hidden_persons_are_not_named_in_a_manifest(client):
    hidden_person = factories.PersonFactory(title="Secret Person", status=Status.DRAFT)
    shown_person = factories.PersonFactory(title="Known Person")
    photo = photograph(slug="group", photographer=hidden_person)
    photo.depiction_set.create(person=hidden_person)
    photo.depiction_set.create(person=shown_person, position=1)
    document = factories.DocumentFactory(slug="letter")
    document.contribution_set.create(person=hidden_person)
    page(document)
    for url in ("/iiif/photographs/group/manifest.json", "/iiif/documents/letter/manifest.json"):
        body = client.get(url).content.decode()
        assert "Secret Person" not in body, url
    assert "Known Person" in client.get("/iiif/photographs/group/manifest.json").content.decode()
