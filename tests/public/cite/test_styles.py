"""Formatted citations: Chicago notes-bibliography and author-date from the official CSL styles.

The page's text comes from the long-running citeproc-js worker (public.cite.styles); these tests
check it against a brand-new citeproc-js engine per item (tests/public/cite/citeproc_js_check.js)
for every public demo record, exhibit, section and source, in both styles, and pin the forms that
citeproc-py gets wrong (day and month ranges, full given names in any script, particles).
"""

import datetime
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import RequestFactory

from archive import visibility
from archive.kinds import RECORD_MODELS
from archive.models import Source
from exhibits.models import Exhibit
from public.cite import csl, pages, stored, styles

pytestmark = pytest.mark.django_db
CHECK_SCRIPT = Path(__file__).with_name("citeproc_js_check.js")
NB, AD = "chicago-notes-bibliography", "chicago-author-date"


def normalise(text: str) -> str:
    """Plain text: tags dropped, entities decoded, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).split())


def independent_citeproc_js(items: list[dict]) -> dict[str, list[str]]:
    payload = {
        "locale": str(styles.LOCALE),
        "styles": {key: styles.style_path(key) for key, _ in styles.STYLES},
        "items": items,
    }
    completed = subprocess.run(  # noqa: S603
        [shutil.which("node"), str(CHECK_SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(completed.stdout)


def demo_items() -> list[dict]:
    request = RequestFactory().get("/")
    items = []
    for model in RECORD_MODELS:
        for record in visibility.public(model.objects.all()):
            items.append(pages.page_item(request, record))
    for exhibit in visibility.public(Exhibit.objects.all()):
        items.append(pages.page_item(request, exhibit))
        for section in exhibit.sections.all():
            items.append(pages.page_item(request, exhibit, section=section))
    items += [csl.source_item(source) for source in Source.objects.all()]
    return items


def _by_id(items, formatted) -> dict[str, dict[str, str]]:
    return {
        item["id"]: {f.key: normalise(f.bibliography) for f in entry}
        | {f"{f.key}-note": normalise(f.note) for f in entry}
        for item, entry in zip(items, formatted, strict=True)
    }


def test_every_demo_citation_agrees_with_a_fresh_citeproc_js(demo):
    items = demo_items()
    assert len(items) > 70
    ours = _by_id(items, styles.format_items(items))
    theirs = independent_citeproc_js([styles._for_formatting(item) for item in items])
    differences = []
    for style, _ in styles.STYLES:
        for item, expected in zip(items, theirs[style], strict=True):
            for form, key in (("bibliography", style), ("note", f"{style}-note")):
                # citeproc-js gets (and gives back) each "<" as styles.LESS_THAN.
                theirs_text = normalise(expected[form].replace(styles.LESS_THAN, "&lt;"))
                if ours[item["id"]][key] != theirs_text:
                    differences.append((key, item["id"], ours[item["id"]][key], expected[form]))
    assert differences == []
    # What pages show: each item formatted with public.cite.stored's stand-ins for its address and
    # access date, then filled with the real ones, reads as citeproc-js given the real ones.
    day = datetime.date(2024, 3, 5)
    dated = [{**item, "accessed": csl.csl_day(day)} for item in items]
    general = styles.render_items([stored.item_wanted(item).payload for item in dated])
    theirs = independent_citeproc_js([styles._for_formatting(item) for item in dated])
    for index, (item, entries) in enumerate(zip(dated, general, strict=True)):
        for (style, _), entry in zip(styles.STYLES, entries, strict=True):
            for form in ("bibliography", "note"):
                filled = normalise(stored.fill(entry[form], item.get("URL", ""), day))
                expected = normalise(theirs[style][index][form].replace(styles.LESS_THAN, "&lt;"))
                if filled != expected:
                    differences.append((style, form, item["id"], filled, expected))
    assert differences == []
    # Chicago gives the access date only for an undated page (none of the demo's, now published).
    undated = {**dated[0], "id": "undated", "type": "webpage"}
    undated.pop("issued", None)
    [[note_style, _]] = styles.render_items([stored.item_wanted(undated).payload])
    note = normalise(stored.fill(note_style["note"], undated["URL"], day))
    assert f"accessed March 5, 2024, {undated['URL']}" in note
    # Spot checks of what the demo shows, in both styles.
    trial = ours["trial-trial-of-the-twenty-one"]
    assert "March 2–13, 1938" in trial[NB]
    assert "March 2–13, 1938" in trial[f"{NB}-note"]
    assert trial[AD].startswith("Vitrine. 1938. “Trial of the Twenty-One.” March 2–13.")
    congress = ours["event-1920-second-comintern-congress"]
    assert "July 19–August 7, 1920" in congress[NB]
    abc = ours["document-abc-of-communism"]
    assert abc[NB].startswith(
        "Bukharin, Nikolai Ivanovich, and Yevgeni Alexeyevich Preobrazhensky. The ABC of Communism."
    )
    # The original title keeps its own case (citeproc-js would title-case it as English).
    assert "Originally published as Азбука коммунизма." in abc[NB]
    cohen = ours["cohen-1973"]
    assert cohen[AD].startswith("Cohen, Stephen F. 1973. Bukharin and the Bolshevik Revolution")


def test_cyrillic_and_particle_names_keep_their_full_form():
    item = {
        "id": "x",
        "type": "book",
        "title": "Азбука коммунизма",
        "author": [
            csl.parse_name("Бухарин, Николай Иванович"),
            csl.parse_name("Lavoisier, Antoine-Laurent de"),
        ],
        "issued": {"date-parts": [[1919], [1920]], "circa": True},
        "publisher": "Gosizdat",
        "publisher-place": "Moscow",
        "language": "ru",
    }
    nb, ad = (normalise(f.bibliography) for f in styles.format_item(item))
    assert nb.startswith("Бухарин, Николай Иванович, and Antoine-Laurent de Lavoisier.")
    assert "[1919–1920?]" in nb
    assert ad.startswith(
        "Бухарин, Николай Иванович, and Antoine-Laurent de Lavoisier. [1919–1920?]."
    )


def test_citeproc_py_still_disagrees_with_these_styles():
    """Why the styles are rendered by citeproc-js (public/cite/styles.py): citeproc-py 0.11.1
    garbles the demo trial's day range and shortens given names to initials. If this test
    starts failing, citeproc-py has caught up: consider rendering with it again."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    def citeproc_py(item: dict) -> str:
        style = CitationStylesStyle(styles.style_path(NB), validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
        bibliography.register(Citation([CitationItem(item["id"])]))
        return normalise(str(bibliography.bibliography()[0]))

    trial = {
        "id": "t",
        "type": "webpage",
        "title": "Trial of the Twenty-One",
        "container-title": "Vitrine",
        "issued": {"date-parts": [[1938, 3, 2], [1938, 3, 13]]},
    }
    assert "March 2–13, 1938" in normalise(styles.format_item(trial)[0].bibliography)
    assert "March 2–13, 1938" not in citeproc_py(trial)  # it writes "2,–13, March 1938"
    book = {
        "id": "b",
        "type": "book",
        "title": "T",
        "author": [csl.parse_name("Cohen, Stephen F.")],
    }
    assert citeproc_py(book).startswith("Cohen, S. F.")
    assert normalise(styles.format_item(book)[0].bibliography).startswith("Cohen, Stephen F.")


def test_formatted_text_is_escaped():
    item = {"id": "x", "type": "webpage", "title": "<script>alert(1)</script> & co"}
    nb = styles.format_item(item)[0].bibliography
    assert "<script>" not in nb
    assert "&lt;script&gt;" in nb
