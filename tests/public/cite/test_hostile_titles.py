"""A title full of markup — HTML, a closing script tag, BibTeX's special characters — is text
everywhere a citation shows it: escaped in the page (heading, "Cite this" box, Highwire meta
tags, JSON-LD) and written so that each download parses back to exactly that title."""

import html
import json
import re

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.utils.html import escape
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from archive.kinds import KINDS
from public.cite import formats, styles
from tests import factories
from tests.exhibits.factories import ExhibitFactory, SectionFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<b>Bold</b> </script><script>alert(1)</script> & "quotes" {braces} \\backslash %percent'
# The rest of what BibTeX and LaTeX read as markup: unmatched braces, TeX's specials, ligatures.
TEX_HOSTILE = "a } b { $5 #1 snake_case x^2 ~tilde -- ``quoted'' !` 100%"


def bibtex_decoder() -> LatexDecodingMiddleware:
    """bibtexparser's LaTeX decoding, except for one slip of pylatexenc's table, which maps
    \\textasciicircum (LaTeX's "^") to U+02C6 MODIFIER LETTER CIRCUMFLEX ACCENT."""
    context = get_default_latex_context_db()
    context.add_context_category(
        "vitrine-test", prepend=True, macros=[MacroTextSpec("textasciicircum", "^")]
    )
    return LatexDecodingMiddleware(
        decoder=LatexNodes2Text(
            latex_context=context, keep_braced_groups=False, math_mode="verbatim"
        )
    )


def parse_bib(text: str) -> dict:
    library = bibtexparser.parse_string(text, append_middleware=[bibtex_decoder()])
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    [entry] = library.entries
    return {field.key: field.value for field in entry.fields}


def parse_ris(text: str) -> dict:
    [record] = rispy.loads(text)
    return record


def parse_json(text: str) -> dict:
    [item] = json.loads(text)
    return item


# Each download format, how to read it, and where it keeps the title, the container's title, the
# abstract and the authors.
PARSERS = {
    "bib": (parse_bib, "title", "howpublished", "abstract", "author"),
    "ris": (parse_ris, "title", "secondary_title", "abstract", "authors"),
    "json": (parse_json, "title", "container-title", "abstract", "author"),
}


def test_every_download_format_is_checked_here():
    assert set(PARSERS) == set(formats.FORMATS)


def downloads(client, url: str) -> dict[str, dict]:
    parsed = {}
    for ext, (parse, *_fields) in PARSERS.items():
        response = client.get(f"{url}cite.{ext}")
        assert response.status_code == 200, (url, ext)
        parsed[ext] = parse(response.content.decode())
    return parsed


def cite_box(page: str) -> str:
    match = re.search(r'<section class="cite-box".*?</section>', page, re.DOTALL)
    assert match, "no cite box"
    return match.group()


def plain(formatted: str) -> str:
    """A formatted citation's text: tags dropped, entities decoded, and its typographic quotes
    straight again (citeproc-js writes a title's "quotes" as “quotes” or, inside a quoted
    title, ‘quotes’, as Chicago wants; nothing else of the title changes)."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", formatted)).split())
    return re.sub("[“”‘’]", '"', text)


def formatted_texts(box: str) -> list[str]:
    """The plain text of each formatted citation in the box."""
    texts = re.findall(r'<dd class="cite-text" data-style="[^"]+">(.*?)</dd>', box, re.DOTALL)
    return [plain(text) for text in texts]


def json_ld_values(page: str) -> list:
    values = []

    def walk(value):
        if isinstance(value, dict):
            for part in value.values():
                walk(part)
        elif isinstance(value, list):
            for part in value:
                walk(part)
        else:
            values.append(value)

    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        walk(json.loads(block))
    return values


def meta(page: str, name: str) -> list[str]:
    found = re.findall(rf'<meta name="{name}" content="([^"]*)">', page)
    return [html.unescape(value) for value in found]


def assert_page_shows_the_title_as_text(page: str, title: str = HOSTILE) -> None:
    assert escape(title) in page  # the heading, as everywhere on the site
    assert "<b>Bold" not in page
    assert "</Script>" not in page and "/Script" not in html.unescape(page)
    assert "<script>alert" not in page
    assert meta(page, "citation_title") == [title]
    assert title in json_ld_values(page)
    box = cite_box(page)
    assert "<b>" not in box
    texts = formatted_texts(box)
    assert len(texts) == 3, "the formatted citations (note and two bibliography entries)"
    for text in texts:
        assert title in text, text


@pytest.fixture
def hostile_author():
    """A public person whose name is the hostile text (a literal name: no "Family, Given")."""
    return factories.PersonFactory(slug="hostile-author", title=HOSTILE, sort_name="")


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_a_record_of_every_kind_shows_and_downloads_its_title_as_text(client, kind):
    record = factories.factory_for(kind)(
        slug=f"hostile-{kind.name}", title=HOSTILE, summary=HOSTILE
    )
    url = record.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    assert_page_shows_the_title_as_text(response.content.decode())
    for ext, parsed in downloads(client, url).items():
        _parse, title, _container, abstract, _authors = PARSERS[ext]
        assert parsed[title] == HOSTILE, ext
        assert parsed[abstract] == HOSTILE, ext


def test_a_documents_author_named_in_markup_is_text_too(client, hostile_author):
    document = factories.DocumentFactory(slug="hostile-document", title=HOSTILE)
    document.contribution_set.create(person=hostile_author, role="author", position=0)
    url = document.get_absolute_url()
    page = client.get(url).content.decode()
    assert_page_shows_the_title_as_text(page)
    assert meta(page, "citation_author") == [HOSTILE]
    parsed = downloads(client, url)
    assert parsed["bib"]["author"] == HOSTILE
    assert parsed["ris"]["authors"] == [HOSTILE]
    assert parsed["json"]["author"] == [{"literal": HOSTILE}]


def test_an_exhibit_and_its_section_show_and_download_their_titles_as_text(client):
    exhibit = ExhibitFactory(slug="hostile-exhibit", title=HOSTILE, summary=HOSTILE)
    section = SectionFactory(exhibit=exhibit, slug="hostile-section", title=HOSTILE)
    for url in (exhibit.get_absolute_url(), section.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_page_shows_the_title_as_text(response.content.decode())
        for ext, parsed in downloads(client, url).items():
            assert parsed[PARSERS[ext][1]] == HOSTILE, (url, ext)
    # The section is cited as a page of the exhibit: the exhibit's title is its container.
    for ext, parsed in downloads(client, section.get_absolute_url()).items():
        assert parsed[PARSERS[ext][2]] == HOSTILE, ext


def test_bibtex_escapes_every_special_character_and_keeps_ligatures_apart(client):
    record = factories.EventFactory(slug="tex", title=TEX_HOSTILE, summary=HOSTILE)
    text = client.get(f"{record.get_absolute_url()}cite.bib").content.decode()
    assert parse_bib(text)["title"] == TEX_HOSTILE
    assert parse_bib(text)["abstract"] == HOSTILE
    title = re.search(r"title = [{\"](.*)[}\"],?\n", text).group(1)
    assert not re.search(r"(?<!\\)[$#_%]", title), title
    for raw in ("^", "~", "--", "``", "''", "!`"):
        assert raw not in title, raw
    assert "\\textbackslash{}backslash" in text and "\\%percent" in text
    for ext in ("ris", "json"):
        parse = PARSERS[ext][0]
        assert parse(client.get(f"/events/tex/cite.{ext}").content.decode())["title"] == TEX_HOSTILE


def test_ris_keeps_each_value_on_its_line():
    """A line break in a summary would end the value, and "ER  - " after it the record."""
    item = {"id": "x", "type": "book", "title": "T", "abstract": "One.\nER  - \nTY  - BOOK\nTwo."}
    [record] = rispy.loads(formats.to_ris([item]))
    assert record["abstract"] == "One. ER  -  TY  - BOOK Two."


def test_citeproc_js_is_given_no_tag_and_keeps_the_titles_case():
    item = {
        "id": "hostile",
        "type": "webpage",
        "title": HOSTILE,
        "container-title": "<i>Not italic</i>",
        "author": [{"literal": "<sup>Not raised</sup>"}],
        "URL": "http://testserver/x/",
    }
    given = json.dumps(styles._for_formatting(item))
    assert "<b>" not in given and "<i>" not in given and "<sup>" not in given
    for style in styles.format_item(item):
        for part in (style.bibliography, style.note):
            if not part:
                continue
            assert "<b>" not in part and "<i>" not in part and "<sup>" not in part
            text = plain(part)
            assert HOSTILE in text
            assert "<i>Not italic</i>" in text and "<sup>Not raised</sup>" in text


def test_character_references_in_a_title_are_text_as_well():
    """citeproc-js does not decode them: "&lt;b&gt;" is shown as those eight characters."""
    [style, *_] = styles.format_item({"id": "entities", "type": "webpage", "title": "&lt;b&gt;"})
    assert "&amp;lt;b&amp;gt;" in style.bibliography


def test_an_edited_title_is_formatted_afresh():
    """citeproc-js reused the entry of an id it had formatted before (render.js empties it)."""
    for title in ("The first title", "The second title"):
        [style, *_] = styles.format_item({"id": "same-id", "type": "webpage", "title": title})
        assert title in style.bibliography
        assert title in style.note
