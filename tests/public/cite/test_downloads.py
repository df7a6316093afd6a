"""Citation downloads: addresses, content types, file names, visibility, and round trips through
parsers independent of the writers (BibTeX written by pybtex is read by bibtexparser; RIS written
by rispy is read by the small line parser below; CSL-JSON is checked against the schema)."""

import datetime
import json
import re

import bibtexparser
import pytest
from django.utils import timezone

from archive.models import Source, Status
from tests import factories
from tests.exhibits.factories import ExhibitFactory, SectionFactory

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
}
RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """RIS as the spec writes it: "TY  - " opens a record, "ER  - " closes it."""
    records, current = [], None
    for line in text.splitlines():
        if not line.strip():
            continue
        match = RIS_LINE.match(line)
        assert match, f"not an RIS line: {line!r}"
        tag, value = match.groups()
        if tag == "TY":
            assert current is None, "TY inside a record"
            current = {"TY": [value]}
        elif tag == "ER":
            records.append(current)
            current = None
        else:
            current.setdefault(tag, []).append(value)
    assert current is None, "a record without ER"
    return records


def parse_bibtex(text: str) -> list:
    # BibTeX is LaTeX: pybtex writes "&" as "\\&"; bibtexparser's middleware decodes it back.
    library = bibtexparser.parse_string(
        text, append_middleware=[bibtexparser.middlewares.LatexDecodingMiddleware()]
    )
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library.entries


@pytest.fixture
def document():
    place = factories.PlaceFactory(name="Moscow")
    doc = factories.DocumentFactory(
        slug="abc-of-communism",
        title='The ABC of Communism: "A Popular Explanation" & more',
        original_title="Азбука коммунизма",
        date="1919-10/1920-03",
        publisher="Gosizdat",
        place=place,
        language="ru",
    )
    for position, name in enumerate(["Бухарин, Николай Иванович", "Lavoisier, Antoine de"]):
        doc.contribution_set.create(
            person=factories.PersonFactory(sort_name=name), role="author", position=position
        )
    return doc


@pytest.mark.parametrize("ext", ["bib", "ris", "json"])
def test_record_download_headers(client, document, ext):
    response = client.get(f"/documents/abc-of-communism/cite.{ext}")
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[ext]
    assert response["Content-Disposition"] == f'attachment; filename="abc-of-communism.{ext}"'


def test_bibtex_round_trip(client, document):
    text = client.get("/documents/abc-of-communism/cite.bib").content.decode()
    [entry] = parse_bibtex(text)
    assert entry.entry_type == "book"
    assert entry.key == "document-abc-of-communism"
    assert entry["title"] == 'The ABC of Communism: "A Popular Explanation" & more'
    assert entry["author"] == "Бухарин, Николай Иванович and Lavoisier, Antoine de"
    assert entry["year"] == "1919"
    assert entry["date"] == "1919-10/1920-03"
    assert entry["publisher"] == "Gosizdat"
    assert entry["address"] == "Moscow"
    assert entry["url"] == "http://testserver/documents/abc-of-communism/"
    assert entry["urldate"] == timezone.localdate().isoformat()
    assert entry["origtitle"] == "Азбука коммунизма"


def test_ris_round_trip(client, document):
    text = client.get("/documents/abc-of-communism/cite.ris").content.decode()
    [record] = parse_ris(text)
    assert record["TY"] == ["BOOK"]
    assert record["TI"] == ['The ABC of Communism: "A Popular Explanation" & more']
    assert record["AU"] == ["Бухарин, Николай Иванович", "Lavoisier, Antoine de"]
    assert record["PY"] == ["1919"]
    assert record["DA"] == ["1919/10//"]
    assert record["N1"] == ["Date: 1919-10/1920-03"]
    assert record["PB"] == ["Gosizdat"]
    assert record["CY"] == ["Moscow"]
    assert record["UR"] == ["http://testserver/documents/abc-of-communism/"]
    today = timezone.localdate()
    assert record["Y2"] == [today.strftime("%Y/%m/%d/")]


def test_csl_json_download_is_valid(client, document, csl_validator):
    items = json.loads(client.get("/documents/abc-of-communism/cite.json").content)
    csl_validator.validate(items)
    assert items[0]["issued"] == {"date-parts": [[1919, 10], [1920, 3]]}
    assert items[0]["author"][0] == {"family": "Бухарин", "given": "Николай Иванович"}


def test_bibliography_lists_the_records_sources_once_and_nothing_else(client, csl_validator):
    person = factories.PersonFactory(slug="bukharin")
    cohen = factories.SourceFactory(
        key="cohen-1973",
        csl_type=Source.Type.BOOK,
        title="Bukharin and the Bolshevik Revolution",
        author="Cohen, Stephen F.",
        publisher="Knopf",
        publisher_place="New York",
        issued="1973",
        page="47-52",
        doi="10.1000/xyz",
    )
    factories.CitationFactory(cited_object=person, source=cohen, locator="p. 47")
    factories.CitationFactory(cited_object=person, source=cohen, locator="p. 52")
    factories.CitationFactory(cited_object=person, source=None)  # citation needed: no source
    other = factories.SourceFactory(key="other-work")
    factories.CitationFactory(cited_object=factories.PersonFactory(), source=other)

    [entry] = parse_bibtex(client.get("/persons/bukharin/sources.bib").content.decode())
    assert (entry.key, entry["author"], entry["year"]) == (
        "cohen-1973",
        "Cohen, Stephen F.",
        "1973",
    )
    assert (entry["pages"], entry["doi"]) == ("47-52", "10.1000/xyz")
    [record] = parse_ris(client.get("/persons/bukharin/sources.ris").content.decode())
    assert record["AU"] == ["Cohen, Stephen F."]
    assert (record["SP"], record["EP"], record["DO"]) == (["47"], ["52"], ["10.1000/xyz"])
    response = client.get("/persons/bukharin/sources.json")
    assert response["Content-Disposition"] == 'attachment; filename="bukharin-sources.json"'
    items = json.loads(response.content)
    csl_validator.validate(items)
    assert [item["id"] for item in items] == ["cohen-1973"]


def _unpublished_states():
    future = timezone.now() + datetime.timedelta(days=3)
    return [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"status": Status.WITHDRAWN},
        {"status": Status.PUBLISHED, "published_at": future},
    ]


@pytest.mark.parametrize(
    "state", _unpublished_states(), ids=["draft", "review", "withdrawn", "scheduled"]
)
@pytest.mark.parametrize(
    ("factory", "prefix"),
    [
        (factories.PersonFactory, "persons"),
        (factories.DocumentFactory, "documents"),
        (factories.PhotographFactory, "photographs"),
        (factories.TrialFactory, "trials"),
        (factories.EventFactory, "events"),
    ],
)
def test_unpublished_records_have_no_downloads(client, admin_client, factory, prefix, state):
    record = factory(**state)
    factories.CitationFactory(cited_object=record)
    for what in ("cite", "sources"):
        for ext in ("bib", "ris", "json"):
            url = f"/{prefix}/{record.slug}/{what}.{ext}"
            assert client.get(url).status_code == 404, url
            assert admin_client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "state", _unpublished_states(), ids=["draft", "review", "withdrawn", "scheduled"]
)
def test_unpublished_exhibits_have_no_downloads(client, state):
    exhibit = ExhibitFactory(slug="hidden", **state)
    SectionFactory(exhibit=exhibit, slug="part")
    for ext in ("bib", "ris", "json"):
        assert client.get(f"/exhibits/hidden/cite.{ext}").status_code == 404
        assert client.get(f"/exhibits/hidden/sources.{ext}").status_code == 404
        assert client.get(f"/exhibits/hidden/part/cite.{ext}").status_code == 404


def test_exhibit_and_section_downloads(client):
    exhibit = ExhibitFactory(slug="bukharin", title="Bukharin")
    SectionFactory(exhibit=exhibit, slug="exile", title="Exile")
    [entry] = parse_bibtex(client.get("/exhibits/bukharin/cite.bib").content.decode())
    assert entry["title"] == "Bukharin"
    response = client.get("/exhibits/bukharin/exile/cite.ris")
    assert response["Content-Disposition"] == 'attachment; filename="bukharin-exile.ris"'
    [record] = parse_ris(response.content.decode())
    assert (record["TY"], record["TI"], record["T2"]) == (["ELEC"], ["Exile"], ["Bukharin"])
    assert client.get("/exhibits/bukharin/nowhere/cite.bib").status_code == 404


def test_unknown_kind_or_format_is_404(client):
    factories.PersonFactory(slug="someone")
    assert client.get("/persons/someone/cite.xml").status_code == 404
    assert client.get("/people/someone/cite.bib").status_code == 404


def test_admin_exports_selected_sources(curator_client, csl_validator):
    first = factories.SourceFactory(key="a-source", title="First", author="Cohen, Stephen F.")
    second = factories.SourceFactory(key="b-source", title="Second", author="Wolfe, Bertram D.")
    factories.SourceFactory(key="c-unselected")
    url = "/admin/archive/source/"
    selected = [first.pk, second.pk]
    response = curator_client.post(url, {"action": "export_bibtex", "_selected_action": selected})
    assert response["Content-Type"] == CONTENT_TYPES["bib"]
    assert response["Content-Disposition"] == 'attachment; filename="sources.bib"'
    entries = parse_bibtex(response.content.decode())
    assert [(e.key, e["title"]) for e in entries] == [("a-source", "First"), ("b-source", "Second")]
    response = curator_client.post(url, {"action": "export_ris", "_selected_action": selected})
    assert [r["AU"] for r in parse_ris(response.content.decode())] == [
        ["Cohen, Stephen F."],
        ["Wolfe, Bertram D."],
    ]
    response = curator_client.post(url, {"action": "export_csl_json", "_selected_action": selected})
    items = json.loads(response.content)
    csl_validator.validate(items)
    assert [item["id"] for item in items] == ["a-source", "b-source"]


def test_exhibit_bibliography_lists_its_footnote_sources(client):
    from django.contrib.contenttypes.models import ContentType

    from archive.models import Citation
    from exhibits.models import Block
    from tests.exhibits.factories import BlockFactory

    exhibit = ExhibitFactory(slug="bukharin")
    first = BlockFactory(section=SectionFactory(exhibit=exhibit, position=0))
    second = BlockFactory(section=SectionFactory(exhibit=exhibit, position=1))
    elsewhere = BlockFactory()
    block_type = ContentType.objects.get_for_model(Block)
    cohen = factories.SourceFactory(key="cohen-1973")
    wolfe = factories.SourceFactory(key="wolfe-1948")
    for block, source in [(second, wolfe), (first, cohen), (second, cohen), (elsewhere, None)]:
        Citation.objects.create(content_type=block_type, object_id=block.pk, source=source)
    Citation.objects.create(
        content_type=block_type, object_id=elsewhere.pk, source=factories.SourceFactory()
    )
    entries = parse_bibtex(client.get("/exhibits/bukharin/sources.bib").content.decode())
    assert [entry.key for entry in entries] == ["cohen-1973", "wolfe-1948"]
    page = client.get("/exhibits/bukharin/").content.decode()
    assert 'href="/exhibits/bukharin/sources.ris"' in page
