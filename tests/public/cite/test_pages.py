"""The "Cite this page" box and the citation meta tags on every kind of public page."""

import re

import pytest

from archive.models import Status
from public.cite import styles
from tests import factories
from tests.exhibits.factories import ExhibitFactory, SectionFactory

pytestmark = pytest.mark.django_db


def meta(html: str, name: str) -> list[str]:
    return re.findall(rf'<meta name="{name}" content="([^"]*)">', html)


@pytest.fixture
def pages_of_every_kind():
    author = factories.PersonFactory(
        slug="bukharin", title="Nikolai Bukharin", sort_name="Bukharin, Nikolai Ivanovich"
    )
    document = factories.DocumentFactory(slug="abc", title="The ABC of Communism", date="1920")
    document.contribution_set.create(person=author, role="author")
    factories.CitationFactory(cited_object=document)
    exhibit = ExhibitFactory(slug="show", title="The Show")
    SectionFactory(exhibit=exhibit, slug="part", title="Part One")
    return {
        "person": "/persons/bukharin/",
        "document": "/documents/abc/",
        "photograph": factories.PhotographFactory(slug="photo").get_absolute_url(),
        "trial": factories.TrialFactory(slug="trial").get_absolute_url(),
        "event": factories.EventFactory(slug="event").get_absolute_url(),
        "exhibit": "/exhibits/show/",
        "section": "/exhibits/show/part/",
    }


def test_every_public_page_offers_formatted_citations_and_downloads(client, pages_of_every_kind):
    for kind, url in pages_of_every_kind.items():
        page = client.get(url).content.decode()
        assert 'data-style="chicago-notes-bibliography"' in page, kind
        assert 'data-style="chicago-author-date"' in page, kind
        assert 'data-style="chicago-notes-bibliography-note"' in page, kind
        for ext in ("bib", "ris", "json"):
            assert f'href="{url}cite.{ext}"' in page, (kind, ext)
            assert client.get(f"{url}cite.{ext}").status_code == 200, (kind, ext)
        assert meta(page, "citation_public_url") == [f"http://testserver{url}"], kind
        assert (
            f'<link rel="alternate" type="application/x-research-info-systems" '
            f'href="{url}cite.ris"' in page
        ), kind


def test_document_page_meta_tags_and_bibliography_link(client, pages_of_every_kind):
    page = client.get("/documents/abc/").content.decode()
    assert meta(page, "citation_title") == ["The ABC of Communism"]
    assert meta(page, "citation_author") == ["Bukharin, Nikolai Ivanovich"]
    assert meta(page, "citation_publication_date") == ["1920"]
    assert meta(page, "citation_publisher") == ["Vitrine"]
    assert "Bukharin, Nikolai Ivanovich. <i>The ABC of Communism</i>. 1920." in page
    assert 'href="/documents/abc/sources.bib"' in page
    # A page citing no source offers no bibliography download.
    assert "sources.bib" not in client.get("/persons/bukharin/").content.decode()


def test_staff_preview_of_a_draft_shows_no_downloads(admin_client):
    factories.PersonFactory(slug="draft-person", status=Status.DRAFT)
    page = admin_client.get("/persons/draft-person/").content.decode()
    assert "Cite this page" in page
    assert "cite.bib" not in page


def test_without_node_the_page_keeps_a_plain_citation(client, monkeypatch, pages_of_every_kind):
    monkeypatch.setattr(styles.shutil, "which", lambda name: None)
    styles._worker.stop()
    response = client.get("/trials/trial/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="cite-text"' in page
    assert "data-style" not in page
    assert 'href="/trials/trial/cite.bib"' in page
