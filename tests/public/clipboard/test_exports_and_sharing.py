"""The clipboard's downloads, read back with parsers independent of the writers (bibtexparser for
BibTeX written by pybtex; rispy's reader and the CSL-JSON schema; Python's csv), its COinS
spans, and shared links."""

import csv
import io
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs

import jsonschema
import pytest
import rispy
from django.test import Client

from archive.csv_cells import restore_formula
from public.clipboard.items import key_of
from public.models import SharedClipboard
from tests import factories
from tests.exhibits.factories import ExhibitFactory
from tests.public.clipboard.conftest import clip, parse_bibtex

pytestmark = pytest.mark.django_db

CSL_SCHEMA = Path(__file__).parents[1] / "cite" / "csl-data.json"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
}


@pytest.fixture
def twelve(db) -> list:
    """Twelve public records and exhibits of every kind, one with a title a spreadsheet would
    run and one with characters BibTeX and RIS must carry."""
    author = factories.PersonFactory(title="Nikolai Bukharin", sort_name="Bukharin, Nikolai")
    book = factories.DocumentFactory(title="The ABC of Communism", date="1920")
    book.contribution_set.create(person=author, role="author")
    return [
        author,
        book,
        factories.DocumentFactory(title='=HYPERLINK("https://evil.example","x")'),
        factories.DocumentFactory(title="Letter to Stalin: {braces} & 100% $ _ #", kind="letter"),
        factories.PhotographFactory(title="At the congress", photographer=author),
        factories.PhotographFactory(title="In London", date="1909~/1911~"),
        factories.TrialFactory(title="Trial of the Twenty-One"),
        factories.EventFactory(title="Arrest", date="1937-02-27"),
        factories.EventFactory(title="Rehabilitation", date="1988-02-04"),
        factories.PersonFactory(title="Anna Larina", sort_name="Larina, Anna"),
        factories.PersonFactory(title="Бухарин", sort_name=""),
        ExhibitFactory(title="A life in records"),
    ]


def clip_all(client: Client, objs: list) -> None:
    for obj in objs:
        assert clip(client, obj).status_code == 302


def download(client: Client, url: str, ext: str, filename: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == CONTENT_TYPES[ext]
    assert response["Content-Disposition"] == f'attachment; filename="{filename}.{ext}"'
    return response.content.decode()


def check_exports(client: Client, prefix: str, filename: str, objs: list) -> None:
    """Each download of the list at prefix holds exactly objs, in order, read back."""
    titles = [obj.title for obj in objs]
    urls = [f"http://testserver{obj.get_absolute_url()}" for obj in objs]

    entries = parse_bibtex(download(client, f"{prefix}export.bib", "bib", filename))
    assert [entry["title"] for entry in entries] == titles
    assert [entry["url"] for entry in entries] == urls

    records = rispy.loads(download(client, f"{prefix}export.ris", "ris", filename))
    assert [record["title"] for record in records] == titles
    assert [record["urls"] for record in records] == [[url] for url in urls]

    items = json.loads(download(client, f"{prefix}export.json", "json", filename))
    validator = jsonschema.Draft7Validator(json.loads(CSL_SCHEMA.read_text()))
    validator.validate(items)
    assert [item["title"] for item in items] == titles

    rows = list(csv.reader(io.StringIO(download(client, f"{prefix}export.csv", "csv", filename))))
    assert rows[0] == ["kind", "title", "date", "url", "summary"]
    assert [restore_formula(row[1]) for row in rows[1:]] == titles
    assert [row[3] for row in rows[1:]] == urls


def test_twelve_items_export_as_twelve_in_every_format(client, twelve):
    clip_all(client, twelve)
    check_exports(client, "/clipboard/", "clipboard", twelve)
    bib = client.get("/clipboard/export.bib").content.decode()
    book = next(e for e in parse_bibtex(bib) if e["title"] == "The ABC of Communism")
    assert book.entry_type == "book" and book["author"] == "Bukharin, Nikolai"
    ris = rispy.loads(client.get("/clipboard/export.ris").content.decode())
    assert ris[1]["type_of_reference"] == "BOOK" and ris[1]["authors"] == ["Bukharin, Nikolai"]
    assert ris[3]["type_of_reference"] == "PCOMM"


def test_csv_cells_a_spreadsheet_would_run_are_text(client, twelve):
    clip_all(client, twelve)
    rows = list(csv.reader(io.StringIO(client.get("/clipboard/export.csv").content.decode())))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("https://evil.example","x")' in cells
    assert not any(cell[:1] in {"=", "+", "@", "\t", "\r"} for cell in cells)
    assert rows[1][:3] == ["Person", "Nikolai Bukharin", "9 October 1888–15 March 1938"]


def test_an_empty_clipboard_downloads_empty_lists(client, db):
    assert client.get("/clipboard/export.json").content.decode().strip() == "[]"
    assert rispy.loads(client.get("/clipboard/export.ris").content.decode()) == []
    assert parse_bibtex(client.get("/clipboard/export.bib").content.decode()) == []
    rows = list(csv.reader(io.StringIO(client.get("/clipboard/export.csv").content.decode())))
    assert rows == [["kind", "title", "date", "url", "summary"]]


def test_unknown_formats_are_404(client, twelve):
    clip_all(client, twelve[:2])
    for url in ("/clipboard/export.xlsx", "/clipboard/export.", "/clipboard/export.bib/"):
        assert client.get(url).status_code == 404, url


def coins_spans(html: str) -> list[dict[str, list[str]]]:
    titles = re.findall(r'<span class="Z3988" title="([^"]*)"></span>', html)
    return [parse_qs(unescape(title), strict_parsing=True) for title in titles]


def test_every_item_has_a_coins_span_zotero_reads(client, twelve):
    """One ContextObject per item, in the formats Zotero's COinS reader knows: a book with its
    author, everything else as Dublin Core with Zotero's item type."""
    clip_all(client, twelve)
    spans = coins_spans(client.get("/clipboard/").content.decode())
    assert len(spans) == 12
    for span, obj in zip(spans, twelve, strict=True):
        assert span["ctx_ver"] == ["Z39.88-2004"]
        assert span["rft_id"] == [f"http://testserver{obj.get_absolute_url()}"]
        assert (span.get("rft.btitle") or span.get("rft.title")) == [obj.title]
    book = spans[1]
    assert book["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:book"]
    assert book["rft.au"] == ["Bukharin, Nikolai"] and book["rft.date"] == ["1920"]
    letter, photo, trial = spans[3], spans[4], spans[6]
    assert letter["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dc"]
    assert letter["rft.type"] == ["letter"]
    assert photo["rft.type"] == ["artwork"] and photo["rft.creator"] == ["Bukharin, Nikolai"]
    assert trial["rft.type"] == ["webpage"] and trial["rft.date"] == ["1938-03-02"]
    assert spans[5]["rft.date"] == ["1909"]  # c. 1909–1911: its start, without the mark


def test_share_freezes_the_list_into_a_short_public_link(client, twelve):
    clip_all(client, twelve)
    response = client.post("/clipboard/share/")
    assert response.status_code == 302
    match = re.fullmatch(r"/clipboard/([A-Za-z0-9_-]{11})/", response["Location"])
    assert match, response["Location"]
    token = match.group(1)
    shared = SharedClipboard.objects.get(token=token)
    assert shared.items == [[key_of(obj).kind, obj.pk] for obj in twelve]

    owner_view = client.get(response["Location"]).content.decode()
    assert "Anyone with the address of this page sees this list." in owner_view

    # Someone else, with no session: the same list, read-only, with the same downloads.
    stranger = Client()
    html = stranger.get(f"/clipboard/{token}/").content.decode()
    titles = re.findall(r'<h3 class="clipboard-title"><a href="[^"]+">([^<]+)</a>', html)
    assert [unescape(title) for title in titles] == [obj.title for obj in twelve]
    assert "/clipboard/remove/" not in html and "/clipboard/share/" not in html
    assert "/clipboard/clear/" not in html
    assert f'value="http://testserver/clipboard/{token}/"' in html
    assert len(coins_spans(html)) == 12
    check_exports(stranger, f"/clipboard/{token}/", f"clipboard-{token}", twelve)

    # The visitor's clipboard goes on; the shared list does not change.
    client.post("/clipboard/clear/")
    assert len(coins_spans(stranger.get(f"/clipboard/{token}/").content.decode())) == 12


def test_the_same_list_shared_twice_is_one_link(client, twelve):
    clip_all(client, twelve[:3])
    first = client.post("/clipboard/share/")["Location"]
    assert client.post("/clipboard/share/")["Location"] == first
    other = Client()
    clip_all(other, twelve[:3])
    assert other.post("/clipboard/share/")["Location"] == first
    clip(client, twelve[3])
    assert client.post("/clipboard/share/")["Location"] != first
    assert SharedClipboard.objects.count() == 2


def test_sharing_an_empty_clipboard_makes_nothing(client, db):
    response = client.post("/clipboard/share/")
    assert response["Location"] == "/clipboard/"
    assert SharedClipboard.objects.count() == 0
    assert "nothing to share" in client.get("/clipboard/").content.decode()


@pytest.mark.parametrize(
    "token",
    ["AAAAAAAAAAA", "x", "a" * 33, "a" * 500, "%2e%2e", "ab%00cd", "Бухарин", "abc.def"],
)
def test_a_token_that_never_existed_is_404(client, twelve, token):
    clip_all(client, twelve[:2])
    client.post("/clipboard/share/")
    assert client.get(f"/clipboard/{token}/").status_code == 404
    assert client.get(f"/clipboard/{token}/export.bib").status_code == 404
