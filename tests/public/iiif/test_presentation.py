"""Presentation API 3.0: every manifest and exhibit collection of the demo archive validates
against the official IIIF schema (tests/public/iiif/iiif_3_0.json, see its SOURCE note), and
says what it should."""

import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from PIL import Image

from archive import visibility
from archive.models import Document, DocumentPage, Photograph, Status
from exhibits.models import Exhibit
from tests import factories
from tests.public.iiif.conftest import page, photograph

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "iiif_3_0.json").read_text())
CONTEXT = "http://iiif.io/api/presentation/3/context.json"


def validate(document: dict) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_demo_manifest_and_collection_validates(client, demo):
    photographs = visibility.public(Photograph.objects.exclude(image=""))
    documents = visibility.public(Document.objects.filter(page_images__isnull=False)).distinct()
    exhibits = visibility.public(Exhibit.objects.all())
    urls = [f"/iiif/photographs/{p.slug}/manifest.json" for p in photographs]
    urls += [f"/iiif/documents/{d.slug}/manifest.json" for d in documents]
    urls += [f"/iiif/exhibits/{e.slug}/collection.json" for e in exhibits]
    assert len(urls) >= 12  # photographs, the documents with pages and both exhibits
    assert any("/documents/" in url for url in urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*"
        document = response.json()
        validate(document)
        assert document["id"] == f"http://testserver{url}"
        # Every manifest a collection lists is there, public and valid too.
        for item in document.get("items", []) if document["type"] == "Collection" else []:
            assert client.get(item["id"].removeprefix("http://testserver")).status_code == 200


def test_a_photograph_manifest(client, demo):
    response = client.get("/iiif/photographs/bukharin-okhrana-mugshot/manifest.json")
    manifest = response.json()
    assert response["Content-Type"] == "application/json"
    assert manifest["@context"] == CONTEXT
    assert manifest["label"] == {"en": ["Bukharin's police identification photograph"]}
    labels = [pair["label"]["en"][0] for pair in manifest["metadata"]]
    assert labels[0] == "Date" and "Collection" in labels and "Subjects" in labels
    assert manifest["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    assert manifest["requiredStatement"]["label"] == {"en": ["Attribution"]}
    assert manifest["homepage"][0]["id"] == (
        "http://testserver/photographs/bukharin-okhrana-mugshot/"
    )
    assert manifest["provider"][0]["type"] == "Agent"
    (canvas,) = manifest["items"]
    assert (canvas["width"], canvas["height"]) == (1200, 900)
    body = canvas["items"][0]["items"][0]["body"]
    assert body["service"][0] == {
        "id": "http://testserver/iiif/image/bukharin-okhrana-mugshot",
        "type": "ImageService3",
        "profile": "level2",
    }
    assert client.get(body["id"].removeprefix("http://testserver")).status_code == 200
    thumb = manifest["thumbnail"][0]
    assert client.get(thumb["id"].removeprefix("http://testserver")).status_code == 200


def test_a_document_manifest_has_its_pages_in_order(client, demo):
    response = client.get(
        "/iiif/documents/abc-of-communism/manifest.json", headers={"Accept": "application/ld+json"}
    )
    assert response["Content-Type"] == f'application/ld+json;profile="{CONTEXT}"'
    manifest = response.json()
    labels = [canvas["label"]["en"][0] for canvas in manifest["items"]]
    assert labels == ["Cover", "Title page", "p. 5"]
    metadata = {pair["label"]["en"][0]: pair["value"]["en"] for pair in manifest["metadata"]}
    assert "Nikolai Bukharin" in metadata["Authors"]
    assert manifest["summary"]["en"][0]


def test_a_document_without_page_images_has_no_manifest(client):
    factories.DocumentFactory(slug="no-pages")
    assert client.get("/iiif/documents/no-pages/manifest.json").status_code == 404


def test_pages_follow_their_positions(client):
    document = factories.DocumentFactory(slug="letter")
    page(document, 2, "third")
    page(document, 0, "first")
    page(document, 1, "second")
    manifest = client.get("/iiif/documents/letter/manifest.json").json()
    assert [c["label"]["en"][0] for c in manifest["items"]] == ["first", "second", "third"]
    assert DocumentPage.objects.count() == 3
    validate(manifest)


def test_rights_that_are_not_a_standard_uri_stay_out_of_rights(client):
    local = factories.RightsStatementFactory(title="Ask the archive", uri="https://example.org/r")
    photograph(slug="local", rights=local, credit_line="Courtesy of the family")
    manifest = client.get("/iiif/photographs/local/manifest.json").json()
    assert "rights" not in manifest
    assert manifest["requiredStatement"]["value"] == {"en": ["Courtesy of the family"]}
    validate(manifest)


def test_exhibit_collection_lists_manifests_in_reading_order(client, demo):
    exhibit = visibility.public(Exhibit.objects.all()).first()
    collection = client.get(f"/iiif/exhibits/{exhibit.slug}/collection.json").json()
    assert collection["type"] == "Collection"
    assert collection["label"] == {"en": [exhibit.title]}
    ids = [item["id"] for item in collection["items"]]
    assert ids and len(ids) == len(set(ids))
    assert all(item["type"] == "Manifest" for item in collection["items"])
    hidden = Photograph.objects.exclude(status=Status.PUBLISHED).values_list("slug", flat=True)
    assert not any(f"/photographs/{slug}/" in url for url in ids for slug in hidden)


def test_a_missing_exhibit_or_record_is_404(client):
    for url in (
        "/iiif/exhibits/nothing/collection.json",
        "/iiif/photographs/nothing/manifest.json",
        "/iiif/documents/nothing/manifest.json",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Access-Control-Allow-Origin"] == "*"


def test_the_painted_image_has_the_size_the_manifest_says(client, settings):
    settings.IIIF_MAX_AREA = 500_000  # `full/max` is scaled down into the limits
    photograph(slug="large")
    manifest = client.get("/iiif/photographs/large/manifest.json").json()
    canvas = manifest["items"][0]
    body = canvas["items"][0]["items"][0]["body"]
    assert (canvas["width"], canvas["height"]) == (1200, 800)
    response = client.get(body["id"].removeprefix("http://testserver"))
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (body["width"], body["height"])
    assert body["width"] * body["height"] <= 500_000
    thumb = manifest["thumbnail"][0]
    response = client.get(thumb["id"].removeprefix("http://testserver"))
    assert Image.open(io.BytesIO(response.content)).size == (thumb["width"], thumb["height"])
