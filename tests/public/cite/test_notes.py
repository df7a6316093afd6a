"""Numbered notes in Chicago notes style: a record's "Sources" and an exhibit section's footnotes.

The first note to a source is in full; every later one on the same page — the next note or one
further on, after a note to another source or a "citation needed" — is Chicago's shortened note
(author's surname, short title, locator), never "Ibid.". citeproc-js works out the positions
(public.cite.notes); these tests read the pages.
"""

import html
import re

import pytest

from archive.models import Status
from exhibits.models import Block
from public.cite import csl, styles
from tests import factories
from tests.exhibits.factories import BlockFactory, ExhibitFactory, SectionFactory

pytestmark = pytest.mark.django_db

COHEN_FULL = (
    "Stephen F. Cohen, Bukharin and the Bolshevik Revolution: A Political Biography, "
    "1888–1938 (Alfred A. Knopf, 1973), 45."
)
COHEN_SHORT = "Cohen, Bukharin and the Bolshevik Revolution"
TUCKER_FULL = "Robert C. Tucker, Stalin in Power (W. W. Norton, 1990), 12."
TUCKER_SHORT = "Tucker, Stalin in Power"


@pytest.fixture
def cohen():
    return factories.SourceFactory(
        key="cohen-1973",
        title="Bukharin and the Bolshevik Revolution: A Political Biography, 1888–1938",
        author="Cohen, Stephen F.",
        publisher="Alfred A. Knopf",
        publisher_place="New York",
        issued="1973",
    )


@pytest.fixture
def tucker():
    return factories.SourceFactory(
        key="tucker-1990",
        title="Stalin in Power",
        author="Tucker, Robert C.",
        publisher="W. W. Norton",
        issued="1990",
    )


def cite(record, *notes) -> None:
    """Citations of `record` in this order: (source or None, locator) each."""
    for position, (source, locator) in enumerate(notes):
        factories.CitationFactory(
            cited_object=record, source=source, locator=locator, position=position
        )


def notes_of(page: str, section_class: str = "sources") -> list[str]:
    """The page's numbered notes as plain text, in order."""
    start = page.index(f'<section class="{section_class}"')
    block = page[start : page.index("</section>", start)]
    items = re.findall(r"<li[^>]*>(.*?)</li>", block, flags=re.S)
    texts = [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items]
    return [" ".join(text.replace("↩", "").split()) for text in texts]


def record_notes(client, record) -> list[str]:
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    return notes_of(response.content.decode())


def test_two_and_three_consecutive_notes_to_a_source_are_shortened(client, cohen):
    two = factories.DocumentFactory(slug="two")
    cite(two, (cohen, "p. 45"), (cohen, "pp. 47-49"))
    assert record_notes(client, two) == [COHEN_FULL, f"{COHEN_SHORT}, 47–49."]

    three = factories.DocumentFactory(slug="three")
    cite(three, (cohen, "p. 45"), (cohen, "fol. 3"), (cohen, ""))
    assert record_notes(client, three) == [
        COHEN_FULL,
        f"{COHEN_SHORT}, fol. 3.",
        f"{COHEN_SHORT}.",
    ]


def test_a_later_note_after_another_source_is_shortened_too(client, cohen, tucker):
    """Chicago shortens every subsequent note to a source, consecutive or not."""
    person = factories.PersonFactory(slug="bukharin")
    cite(person, (cohen, "45"), (tucker, "12"), (cohen, "50"), (tucker, "p. 13"))
    assert record_notes(client, person) == [
        COHEN_FULL,
        TUCKER_FULL,
        f"{COHEN_SHORT}, 50.",
        f"{TUCKER_SHORT}, 13.",
    ]


def test_citation_needed_notes_stay_flags_between_notes_to_a_source(client, cohen):
    event = factories.EventFactory(slug="plenum")
    cite(event, (None, ""), (cohen, "45"), (None, ""), (cohen, "46"))
    assert record_notes(client, event) == [
        "Citation needed.",
        COHEN_FULL,
        "Citation needed.",
        f"{COHEN_SHORT}, 46.",
    ]


def test_a_note_keeps_its_comment_and_quotation(client, cohen):
    trial = factories.TrialFactory(slug="trial")
    factories.CitationFactory(cited_object=trial, source=cohen, locator="45", position=0)
    factories.CitationFactory(
        cited_object=trial,
        source=cohen,
        locator="46",
        position=1,
        note="The closing speech.",
        quote="accursed crossbreed",
    )
    page = client.get("/trials/trial/").content.decode()
    assert notes_of(page)[1] == f"{COHEN_SHORT}, 46. The closing speech.accursed crossbreed"
    assert '<q class="citation-quote">accursed crossbreed</q>' in page


def test_every_page_starts_its_notes_afresh(client, cohen):
    first, second = factories.PersonFactory(slug="first"), factories.PersonFactory(slug="second")
    cite(first, (cohen, "45"), (cohen, "46"))
    cite(second, (cohen, "45"))
    for _ in range(2):  # and again, from the stored rows
        assert record_notes(client, first) == [COHEN_FULL, f"{COHEN_SHORT}, 46."]
        assert record_notes(client, second) == [COHEN_FULL]
    # An edited source is printed afresh.
    cohen.title = "Bukharin and the Bolshevik Revolution: A Biography"
    cohen.save()
    assert record_notes(client, second) == [
        "Stephen F. Cohen, Bukharin and the Bolshevik Revolution: A Biography "
        "(Alfred A. Knopf, 1973), 45."
    ]


def add_block(section, position, record=None, **kwargs):
    if record is None:
        return BlockFactory(section=section, position=position, **kwargs)
    return BlockFactory(
        section=section, position=position, kind=Block.Kind.RECORD, body="", document=record
    )


def test_section_footnotes_are_shortened_across_blocks_and_keep_their_numbers(
    client, cohen, tucker
):
    section = SectionFactory(exhibit=ExhibitFactory(slug="show"), slug="part")
    first, second = add_block(section, 0), add_block(section, 1)
    cite(first, (cohen, "45"), (None, ""))
    cite(second, (tucker, "12"), (cohen, "50"))
    page = client.get("/exhibits/show/part/").content.decode()
    assert notes_of(page, "footnotes") == [
        COHEN_FULL,
        "Citation needed.",
        TUCKER_FULL,
        f"{COHEN_SHORT}, 50.",
    ]
    for number in range(1, 5):
        assert f'<li id="fn-{number}">' in page


def test_a_hidden_blocks_note_never_shortens_a_public_one(client, admin_client, cohen):
    """A note on a block the public cannot see (its record unpublished) is not on the public page:
    the public's first note to the source is printed in full, as if the hidden one were not there
    (staff reading the published exhibit see the public page too). A curator's preview of an
    unpublished exhibit shows both notes, the second shortened."""
    exhibit = ExhibitFactory(slug="show")
    section = SectionFactory(exhibit=exhibit, slug="part")
    for status in (Status.DRAFT, Status.REVIEW, Status.WITHDRAWN):
        Block.objects.filter(section=section).delete()
        hidden = add_block(section, 0, record=factories.DocumentFactory(status=status))
        cite(hidden, (cohen, "45"))
        visible = add_block(section, 1)
        cite(visible, (cohen, "50"))
        for reader in (client, admin_client):
            page = reader.get("/exhibits/show/part/").content.decode()
            assert notes_of(page, "footnotes") == [COHEN_FULL.replace("45.", "50.")], status
            assert 'id="fn-2"' not in page
    exhibit.status = Status.DRAFT
    exhibit.save()
    assert client.get("/exhibits/show/part/").status_code == 404
    preview = admin_client.get("/exhibits/show/part/").content.decode()
    assert notes_of(preview, "footnotes") == [COHEN_FULL, f"{COHEN_SHORT}, 50."]


def test_source_text_in_notes_is_text_never_markup(client):
    hostile = factories.SourceFactory(
        key="hostile",
        csl_type="webpage",
        title='<b>Bold</b> </script> & "quotes": <i>sub</i>title',
        author="",
        issued="",
        container_title="Example <site>",
        url="https://example.org/page?a=1&b=<2>",
    )
    person = factories.PersonFactory(slug="target")
    cite(person, (hostile, "<img src=x onerror=alert(1)>"), (hostile, "2"))
    page = client.get("/persons/target/").content.decode()
    start = page.index('<section class="sources"')
    sources = page[start : page.index("</section>", start)]
    assert "<b>" not in sources and "<script" not in sources.lower()
    assert "<img" not in sources and "<site>" not in sources
    assert "&lt;b&gt;Bold&lt;/b&gt; &lt;/script&gt;" in sources
    notes = notes_of(page)
    assert notes[0].startswith(
        "“<b>Bold</b> </script> & ‘quotes’: <i>sub</i>title,” Example <site>"
    )
    assert "<img src=x onerror=alert(1)>" in notes[0]
    assert notes[1] == "Example <site>, “<b>Bold</b> </script> & ‘quotes,’” 2."


def test_without_node_every_note_is_printed_in_full(client, monkeypatch, cohen):
    monkeypatch.setattr(styles.shutil, "which", lambda name: None)
    styles._worker.stop()
    person = factories.PersonFactory(slug="bukharin")
    cite(person, (cohen, "p. 45"), (cohen, "p. 46"))
    plain = "Cohen, Stephen F., Bukharin and the Bolshevik Revolution: A Political Biography, "
    assert record_notes(client, person) == [
        f"{plain}1888–1938 (New York: Alfred A. Knopf, 1973), p. 45.",
        f"{plain}1888–1938 (New York: Alfred A. Knopf, 1973), p. 46.",
    ]


def test_short_title_is_the_main_title():
    assert csl.short_title("Bukharin and the Bolshevik Revolution: A Political Biography") == (
        "Bukharin and the Bolshevik Revolution"
    )
    assert csl.short_title("Stalin in Power") == ""
    assert csl.short_title("Ratio: ") == ""
    assert csl.short_title(": A subtitle alone") == ""
    source = factories.SourceFactory(title="Main title: the subtitle")
    assert csl.source_item(source)["title-short"] == "Main title"
    assert "title-short" not in csl.source_item(factories.SourceFactory(title="Plain"))
