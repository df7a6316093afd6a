"""A document's pages in public: the page images in order on the document page (a list without
JavaScript, the page viewer's markup), the visibility-checked page image view, the manifest's
canvases with each page's transcription (valid Presentation 3), IIIF Content Search 2.0 within the
document and the page's own "search the transcription" — and none of it for a document the public
may not see. Bad input is a 4xx with its reason, never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Status
from public.iiif import content_search
from tests import factories
from tests.public.iiif.conftest import page
from tests.public.iiif.test_presentation import validate
from tests.public.iiif.test_private import HIDDEN

pytestmark = pytest.mark.django_db

SEARCH_CONTEXT = "http://iiif.io/api/search/2/context.json"
TEXTS = [
    ("f. 1", "A bird in the hand is worth two in the bush.\n\nBirds of a feather."),
    ("f. 2", "No match here."),
    ("f. 3", ""),
    ("f. 4", "Le café de Bukharin's friends; the BIRD flew. Ёлка стоит."),
]


def text_pages(slug: str = "letter", texts=TEXTS, **document_values):
    """A document whose pages carry these (label, transcription) pairs, in order."""
    document = factories.DocumentFactory(slug=slug, title="A letter", **document_values)
    pages = []
    for position, (label, text) in enumerate(texts):
        made = page(document, position, label)
        made.transcription = text
        made.save()
        pages.append(made)
    return document, pages


# The page image view ------------------------------------------------------------------------------


def test_a_page_image_is_streamed_with_its_bytes(client):
    _, (first, *_) = text_pages()
    response = client.get(f"/documents/letter/pages/{first.pk}.img")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == first.image.open("rb").read()
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "path",
    [
        "/documents/letter/pages/999999.img",  # no such page
        "/documents/letter/pages/99999999999999999999999.img",  # beyond any integer column
        "/documents/letter/pages/abc.img",  # not a number
        "/documents/letter/pages/-1.img",
        "/documents/letter/pages/1.5.img",
        "/documents/no-such-document/pages/1.img",
        "/iiif/image/letter~99999999999999999999999/info.json",
        "/iiif/image/letter~abc/info.json",
        "/iiif/image/letter~/info.json",
        "/iiif/documents/no-such-document/manifest.json",
        "/iiif/documents/no-such-document/search?q=bird",
    ],
)
def test_bad_page_addresses_are_404(client, path):
    text_pages()
    assert client.get(path).status_code == 404


def test_a_page_of_another_document_is_not_found_through_this_one(client):
    text_pages("letter")
    _, (other, *_) = text_pages("other-letter")
    assert client.get(f"/documents/letter/pages/{other.pk}.img").status_code == 404
    assert client.get(f"/documents/other-letter/pages/{other.pk}.img").status_code == 200


# The document page --------------------------------------------------------------------------------


def test_the_document_page_lists_every_page_with_its_text_in_order(client):
    _, pages = text_pages()
    html = client.get("/documents/letter/").content.decode()
    positions = [html.index(f'id="page-{n}"') for n in range(1, 5)]
    assert positions == sorted(positions)
    for number, made in enumerate(pages, start=1):
        assert f'data-iiif-info="/iiif/image/letter~{made.pk}/info.json"' in html
        assert f'href="/documents/letter/pages/{made.pk}.img"' in html
        assert f"Page {number} of 4: {made.label}" in html
    assert "<p>A bird in the hand is worth two in the bush.</p>" in html
    # The viewer waits, hidden, for its script; the scripts come from the site's own files.
    assert 'class="page-viewer" data-page-viewer hidden' in html
    assert "/static/js/page-viewer.js" in html
    assert "/static/vendor/openseadragon/openseadragon.min.js" in html
    assert "/static/css/page-viewer.css" in html
    assert 'href="/iiif/documents/letter/manifest.json"' in html
    assert "Search the transcription" in html


def test_a_document_transcription_stands_beside_pages_without_their_own(client):
    document = factories.DocumentFactory(slug="pamphlet", transcription="The whole text.")
    page(document, 0, "p. 1")
    html = client.get("/documents/pamphlet/").content.decode()
    assert 'class="page-reader has-document-text"' in html
    assert "<p>The whole text.</p>" in html
    assert "Search the transcription" not in html  # nothing tied to pages to search
    assert "Full transcription" not in html


def test_searching_within_marks_the_matches_and_links_their_pages(client):
    text_pages()
    html = client.get("/documents/letter/", {"q": "bird"}).content.decode()
    assert "2 pages contain “bird”" in html
    assert 'href="#page-1" data-page-link="1">Page 1 of 4 (f. 1)</a>' in html
    assert 'href="#page-4" data-page-link="4">Page 4 of 4 (f. 4)</a>' in html
    assert "page-2" in html and 'href="#page-2"' not in html
    assert "<p>A <mark>bird</mark> in the hand" in html
    assert "<p><mark>Birds</mark> of a feather.</p>" in html
    assert "the <mark>BIRD</mark> flew" in html
    assert 'value="bird"' in html


def test_searching_within_ignores_case_and_accents(client):
    text_pages()
    html = client.get("/documents/letter/", {"q": "CAFE елка bukharin"}).content.decode()
    assert "1 page contains “CAFE елка bukharin”" in html
    assert "<mark>café</mark>" in html and "<mark>Ёлка</mark>" in html
    assert "<mark>Bukharin</mark>&#x27;s" in html


def test_a_search_that_finds_nothing_says_so(client):
    text_pages()
    html = client.get("/documents/letter/", {"q": "zebra"}).content.decode()
    assert "No page contains “zebra”." in html
    assert "<mark>" not in html


@pytest.mark.parametrize("query", ["", "   ", "\u0301"])  # nothing, spaces, a lone accent
def test_a_search_with_no_words_lists_nothing(client, query):
    text_pages()
    html = client.get("/documents/letter/", {"q": query}).content.decode()
    assert "page-search-results" not in html and "<mark>" not in html
    assert "<p>A bird in the hand is worth two in the bush.</p>" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 201, "The search is limited to 200 characters."),
        (" ".join(f"w{n}" for n in range(11)), "The search is limited to 10 words."),
    ],
)
def test_a_search_too_long_is_refused_with_a_message(client, query, message):
    text_pages()
    response = client.get("/documents/letter/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'role="alert"' in html and 'aria-invalid="true"' in html


def test_hostile_text_and_queries_are_escaped(client):
    text_pages(texts=[("f. 1", "<script>alert(1)</script> & <b>bold</b>")])
    html = client.get("/documents/letter/", {"q": "<script> bold"}).content.decode()
    assert "<script>alert" not in html and "<b>bold" not in html
    assert "<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;<mark>bold</mark>&lt;/b&gt;" in html
    assert "“&lt;script&gt; bold”" in html


def test_the_document_page_queries_do_not_grow_with_its_pages(client):
    def queries(slug: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/documents/{slug}/", {"q": "bird"}).status_code == 200
        return len(captured)

    text_pages("short", texts=TEXTS[:1])
    text_pages("long", texts=TEXTS * 6)
    assert queries("short") == queries("long")


# The manifest -------------------------------------------------------------------------------------


def test_the_manifest_has_a_canvas_per_page_with_its_transcription(client):
    _, pages = text_pages(language="en")
    manifest = client.get("/iiif/documents/letter/manifest.json").json()
    validate(manifest)
    base = "http://testserver/iiif/documents/letter/manifest.json"
    assert manifest["service"] == [
        {"id": "http://testserver/iiif/documents/letter/search", "type": "SearchService2"}
    ]
    canvases = manifest["items"]
    assert [c["id"] for c in canvases] == [f"{base}/canvas/{n}" for n in range(1, 5)]
    assert [c["label"]["en"][0] for c in canvases] == ["f. 1", "f. 2", "f. 3", "f. 4"]
    for canvas, made in zip(canvases, pages, strict=True):
        body = canvas["items"][0]["items"][0]["body"]
        assert body["service"][0]["id"] == f"http://testserver/iiif/image/letter~{made.pk}"
        assert client.get(body["id"].removeprefix("http://testserver")).status_code == 200
    first = canvases[0]["annotations"][0]
    assert first["type"] == "AnnotationPage"
    (annotation,) = first["items"]
    assert annotation == {
        "id": f"{base}/canvas/1/transcription",
        "type": "Annotation",
        "motivation": "supplementing",
        "body": {
            "type": "TextualBody",
            "value": TEXTS[0][1],
            "format": "text/plain",
            "language": "en",
        },
        "target": f"{base}/canvas/1",
    }
    assert "annotations" not in canvases[2]  # f. 3 has no text


def test_a_manifest_without_page_texts_declares_no_search(client):
    document = factories.DocumentFactory(slug="plain")
    page(document, 0)
    manifest = client.get("/iiif/documents/plain/manifest.json").json()
    validate(manifest)
    assert "service" not in manifest and "annotations" not in manifest["items"][0]
    assert client.get("/iiif/documents/plain/search?q=bird").status_code == 404


def test_the_manifest_queries_do_not_grow_with_its_pages(client):
    def queries(slug: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/iiif/documents/{slug}/manifest.json").status_code == 200
        return len(captured)

    text_pages("short", texts=TEXTS[:1])
    text_pages("long", texts=TEXTS * 6)
    for slug in ("short", "long"):
        queries(slug)  # the pages' image sizes are read once, then cached
    assert queries("short") == queries("long")


# Content Search 2.0 -------------------------------------------------------------------------------


def search(client, **params):
    response = client.get("/iiif/documents/letter/search", params)
    assert response.status_code == 200, response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_content_search_answers_with_annotations_and_highlights(client):
    text_pages()
    result = search(client, q="bird")
    assert result["@context"] == SEARCH_CONTEXT
    assert result["id"] == "http://testserver/iiif/documents/letter/search?q=bird"
    assert result["type"] == "AnnotationPage"
    assert "ignored" not in result and "partOf" not in result
    base = "http://testserver/iiif/documents/letter/manifest.json"
    items = result["items"]
    assert [item["target"] for item in items] == [f"{base}/canvas/1", f"{base}/canvas/4"]
    for item in items:
        validate(item)
    # The hits are the annotations the manifest carries, by id and content.
    manifest = client.get("/iiif/documents/letter/manifest.json").json()
    carried = manifest["items"][0]["annotations"][0]["items"][0]
    assert items[0] == carried
    (highlights,) = result["annotations"]
    validate(highlights)
    quotes = [
        (h["target"]["source"], h["target"]["selector"][0]["exact"]) for h in highlights["items"]
    ]
    assert quotes == [
        (items[0]["id"], "bird"),
        (items[0]["id"], "Birds"),
        (items[1]["id"], "BIRD"),
    ]
    first = highlights["items"][0]
    assert first["motivation"] == "highlighting"
    assert first["target"]["type"] == "SpecificResource"
    assert first["target"]["selector"][0] == {
        "type": "TextQuoteSelector",
        "prefix": "A ",
        "exact": "bird",
        "suffix": " in the hand is worth two in the bush.\n\n",  # 40 characters
    }


def test_every_word_must_be_on_the_page(client):
    text_pages()
    result = search(client, q="bird feather")
    assert [item["target"].rsplit("/", 1)[1] for item in result["items"]] == ["1"]
    exact = [h["target"]["selector"][0]["exact"] for h in result["annotations"][0]["items"]]
    assert exact == ["bird", "Birds", "feather"]


def test_an_empty_query_lists_every_transcribed_page(client):
    text_pages()
    result = search(client)
    assert [item["target"].rsplit("/", 1)[1] for item in result["items"]] == ["1", "2", "4"]
    assert "annotations" not in result


def test_motivation_is_honoured_and_date_and_user_are_ignored(client):
    text_pages()
    assert search(client, q="bird", motivation="painting")["items"] == []
    kept = search(client, q="bird", motivation="painting supplementing")
    assert len(kept["items"]) == 2
    result = search(client, q="bird", user="https://example.org/me", date="x")
    assert result["ignored"] == ["date", "user"]
    assert len(result["items"]) == 2


def test_many_hits_are_paged(client, monkeypatch):
    monkeypatch.setattr(content_search, "PAGE_SIZE", 2)
    text_pages(texts=[(f"f. {n}", f"bird {n}") for n in range(1, 6)])
    first = search(client, q="bird")
    base = "http://testserver/iiif/documents/letter/search"
    assert first["id"] == f"{base}?q=bird&page=0"
    assert first["partOf"] == {
        "id": f"{base}?q=bird",
        "type": "AnnotationCollection",
        "total": 5,
        "first": {"id": f"{base}?q=bird&page=0", "type": "AnnotationPage"},
        "last": {"id": f"{base}?q=bird&page=2", "type": "AnnotationPage"},
    }
    assert first["next"] == {"id": f"{base}?q=bird&page=1", "type": "AnnotationPage"}
    assert "prev" not in first and first["startIndex"] == 0
    last = search(client, q="bird", page="2")
    assert [item["body"]["value"] for item in last["items"]] == ["bird 5"]
    assert "next" not in last and last["prev"]["id"] == f"{base}?q=bird&page=1"
    assert last["startIndex"] == 4


@pytest.mark.parametrize(
    ("params", "status", "reason"),
    [
        ({"q": "x" * 201}, 400, "limited to 200 characters"),
        ({"q": " ".join(f"w{n}" for n in range(11))}, 400, "limited to 10 words"),
        ({"q": "bird", "page": "abc"}, 400, "page must be a whole number"),
        ({"q": "bird", "page": "-1"}, 400, "page must be a whole number"),
        ({"q": "bird", "page": "١"}, 400, "page must be a whole number"),  # an Arabic-Indic 1
        ({"q": "bird", "page": "9" * 30}, 400, "page must be a whole number"),
        ({"q": "bird", "page": "1"}, 404, "No such page of results"),
    ],
)
def test_bad_search_requests_say_why(client, params, status, reason):
    text_pages()
    response = client.get("/iiif/documents/letter/search", params)
    assert response.status_code == status
    assert reason in response.content.decode()
    assert response["Access-Control-Allow-Origin"] == "*"


def test_search_answers_only_get_and_head(client):
    text_pages()
    assert client.post("/iiif/documents/letter/search", {"q": "bird"}).status_code == 405
    assert client.head("/iiif/documents/letter/search?q=bird").status_code == 200


# Nothing unpublished leaks ------------------------------------------------------------------------


def public_addresses(slug: str, page_pk: int) -> list[str]:
    return [
        f"/documents/{slug}/",
        f"/documents/{slug}/?q=bird",
        f"/documents/{slug}/pages/{page_pk}.img",
        f"/iiif/image/{slug}~{page_pk}",
        f"/iiif/image/{slug}~{page_pk}/info.json",
        f"/iiif/image/{slug}~{page_pk}/full/max/0/default.jpg",
        f"/iiif/documents/{slug}/manifest.json",
        f"/iiif/documents/{slug}/search?q=bird",
        f"/iiif/documents/{slug}/search",
    ]


@pytest.mark.parametrize("state", list(HIDDEN))
def test_a_hidden_documents_pages_are_404_everywhere_for_the_public(client, staff_client, state):
    _, (first, *_) = text_pages("hidden-letter", **HIDDEN[state])
    for url in public_addresses("hidden-letter", first.pk):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"bird" not in response.content.lower(), url
    # Staff see them, and no shared cache may keep them.
    for url in public_addresses("hidden-letter", first.pk):
        response = staff_client.get(url)
        assert response.status_code in (200, 303), url
        if url.startswith("/iiif/") or url.endswith(".img"):
            assert "no-store" in response["Cache-Control"], url
    assert (
        "bird"
        in staff_client.get("/iiif/documents/hidden-letter/search?q=bird").json()["items"][0][
            "body"
        ]["value"]
    )


def test_a_public_documents_pages_are_public(client):
    _, (first, *_) = text_pages("shown-letter")
    for url in public_addresses("shown-letter", first.pk):
        response = client.get(url)
        assert response.status_code in (200, 303), url
        assert "no-store" not in response.get("Cache-Control", ""), url


def test_publishing_on_a_schedule_opens_the_pages_only_when_due(client):
    from datetime import timedelta

    from django.utils import timezone

    soon = timezone.now() + timedelta(hours=1)
    document, (first, *_) = text_pages("soon", status=Status.PUBLISHED, published_at=soon)
    assert client.get("/iiif/documents/soon/search?q=bird").status_code == 404
    document.published_at = timezone.now() - timedelta(seconds=1)
    document.save()
    assert client.get("/iiif/documents/soon/search?q=bird").status_code == 200
    assert client.get(f"/documents/soon/pages/{first.pk}.img").status_code == 200
