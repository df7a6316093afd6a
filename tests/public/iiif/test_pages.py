"""Record pages show page images and carry the deep-zoom viewer and the IIIF addresses it uses."""

import pytest

from tests import factories
from tests.public.iiif.conftest import page, photograph

pytestmark = pytest.mark.django_db


def test_a_document_page_shows_its_page_images_in_order(client):
    document = factories.DocumentFactory(slug="letter", title="A letter")
    second = page(document, 1, "f. 2")
    first = page(document, 0, "f. 1")
    html = client.get(document.get_absolute_url()).content.decode()
    assert html.index(f"/iiif/image/letter~{first.pk}/full/") < html.index(
        f"/iiif/image/letter~{second.pk}/full/"
    )
    assert f'href="/documents/letter/pages/{first.pk}.img"' in html
    assert 'alt="f. 1, page image of A letter"' in html
    assert f'data-iiif-info="/iiif/image/letter~{first.pk}/info.json"' in html
    assert 'href="/iiif/documents/letter/manifest.json"' in html
    assert "/static/vendor/openseadragon/openseadragon.min.js" in html
    # Every address on the page answers.
    for url in (
        f"/documents/letter/pages/{first.pk}.img",
        f"/iiif/image/letter~{first.pk}/full/!400,400/0/default.jpg",
        "/iiif/documents/letter/manifest.json",
    ):
        assert client.get(url).status_code == 200, url


def test_a_document_without_pages_has_no_viewer(client):
    document = factories.DocumentFactory()
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Page images" not in html and "data-deep-zoom" not in html


def test_a_photograph_page_carries_the_viewer_hidden_until_javascript_shows_it(client):
    photo = photograph(slug="group")
    html = client.get(photo.get_absolute_url()).content.decode()
    assert 'data-iiif-info="/iiif/image/group/info.json"' in html
    assert 'class="deep-zoom" data-deep-zoom="#photograph-image"' in html
    assert 'data-prefix-url="/static/vendor/openseadragon/images/" hidden>' in html
    assert 'href="/iiif/photographs/group/manifest.json"' in html
