"""The clipboard in a real Chromium, as a historian uses it: twelve records collected from record
pages, an exhibit and the search results (in place, the header's count following), the clipboard
page, each download read back with a parser independent of its writer, a shared link opened in a
fresh browser, and the same buttons without JavaScript. No Content-Security-Policy violation,
console error or script error on the way (BrowserProblems); axe finds nothing on the clipboard
page or the shared page.
"""

import csv
import io
import json
import re
from pathlib import Path

import pytest
import rispy
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import BrowserProblems
from tests.browser.screenshots import screenshot
from tests.browser.test_accessibility import AXE_OPTIONS
from tests.public.clipboard.conftest import parse_bibtex

pytestmark = pytest.mark.browser

# Pages of the demo whose button the test presses, and the text each page must show.
PAGES = [
    ("/persons/nikolai-bukharin/", "Nikolai Bukharin"),
    ("/documents/abc-of-communism/", "ABC of Communism"),
    ("/photographs/bukharin-congress-of-educators-1925/", "Bukharin"),
    ("/trials/trial-of-the-twenty-one/", "Trial of the Twenty-One"),
    ("/events/1938-trial-of-the-twenty-one/", "1938"),
    ("/exhibits/nikolai-bukharin-a-life/", "Nikolai Bukharin"),
]
WANTED = 12
TOGGLE = "form[data-clipboard-toggle]"


def count_in_header(page) -> int:
    return int(page.locator("[data-clipboard-count]").inner_text())


def press_add(page, form) -> None:
    """Press an item's "Add to clipboard" and wait for the answer to change it in place."""
    before = count_in_header(page)
    button = form.locator("button")
    assert button.inner_text().startswith("Add to clipboard")
    button.click()
    form.locator("[data-clipboard-label]", has_text="Remove from clipboard").wait_for()
    assert count_in_header(page) == before + 1
    assert page.evaluate("window.__stillHere") is True  # no page load: changed in place


def saved(download) -> str:
    return Path(download.path()).read_text(encoding="utf-8")


def axe_violations(page) -> list[str]:
    return [
        f"{v['id']} on {page.url}: {v['help']}"
        for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]
    ]


def test_collect_twelve_export_and_share(browser, demo_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    problems = BrowserProblems(context)
    page = context.new_page()

    for path, expected in PAGES:
        page.goto(demo_site + path)
        assert expected in page.inner_text("main")
        page.evaluate("window.__stillHere = true")
        press_add(page, page.locator(TOGGLE).first)
        status = page.locator("[data-clipboard-status]").inner_text()
        assert status.startswith("Added “") and status.endswith("” to the clipboard.")

    # The rest from the search results: the record already clipped shows "Remove" there.
    page.goto(demo_site + "/search/?q=Bukharin")
    page.evaluate("window.__stillHere = true")
    assert count_in_header(page) == len(PAGES)
    hits = page.locator(f".search-hit {TOGGLE}")
    assert hits.count() >= WANTED
    labels = [label.strip() for label in hits.locator("[data-clipboard-label]").all_inner_texts()]
    assert "Remove from clipboard" in labels  # Bukharin's person record, clipped above
    for index in range(hits.count()):
        if count_in_header(page) == WANTED:
            break
        if labels[index] == "Add to clipboard":
            press_add(page, hits.nth(index))
    assert count_in_header(page) == WANTED

    # Take one off in place, and put it back.
    last = hits.nth(index - 1)
    last.locator("button").click()
    last.locator("[data-clipboard-label]", has_text="Add to clipboard").wait_for()
    assert count_in_header(page) == WANTED - 1
    press_add(page, last)

    # The clipboard page: twelve items, each with its COinS span for Zotero.
    page.get_by_role("link", name=re.compile(r"^Clipboard")).click()
    page.wait_for_url(demo_site + "/clipboard/")
    assert page.locator(".clipboard-item").count() == WANTED
    assert page.locator("span.Z3988").count() == WANTED
    titles = page.locator(".clipboard-title").all_inner_texts()
    screenshot(page, "clipboard-1280")
    found = axe_violations(page)

    downloads = {}
    for extension in ("csv", "bib", "ris", "json"):
        with page.expect_download() as info:
            page.locator(f".clipboard-downloads a[data-format={extension}]").click()
        assert info.value.suggested_filename == f"clipboard.{extension}"
        downloads[extension] = saved(info.value)
    entries = parse_bibtex(downloads["bib"])
    assert [entry["title"] for entry in entries] == titles
    records = rispy.loads(downloads["ris"])
    assert [record["title"] for record in records] == titles
    items = json.loads(downloads["json"])
    assert [item["title"] for item in items] == titles
    rows = list(csv.reader(io.StringIO(downloads["csv"])))
    assert len(rows) == WANTED + 1 and [row[1] for row in rows[1:]] == titles

    # Share, and open the link in a fresh browser with no session.
    page.get_by_role("button", name="Share this list").click()
    page.wait_for_url(re.compile(r".*/clipboard/[A-Za-z0-9_-]{11}/$"))
    link = page.url
    assert page.locator("#share-url").input_value() == link
    assert "Anyone with the address" in page.locator("[data-clipboard-status]").inner_text()

    stranger_context = browser.new_context(accept_downloads=True)
    stranger_problems = BrowserProblems(stranger_context)
    stranger = stranger_context.new_page()
    stranger.goto(link)
    assert stranger.locator(".clipboard-title").all_inner_texts() == titles
    assert stranger.locator(".clipboard-remove, .clipboard-actions").count() == 0
    assert count_in_header(stranger) == 0  # their own clipboard is empty
    with stranger.expect_download() as info:
        stranger.locator(".clipboard-downloads a[data-format=ris]").click()
    assert [r["title"] for r in rispy.loads(saved(info.value))] == titles
    found += axe_violations(stranger)
    screenshot(stranger, "clipboard-shared-1280")

    # Remove all: the owner's clipboard empties, the shared list stays.
    page.goto(demo_site + "/clipboard/")
    page.get_by_role("button", name="Remove all").click()
    page.wait_for_url(demo_site + "/clipboard/")
    assert "Your clipboard is empty." in page.inner_text("main")
    assert count_in_header(page) == 0
    stranger.reload()
    assert stranger.locator(".clipboard-item").count() == WANTED

    stranger_context.close()
    context.close()
    problems.assert_none()
    stranger_problems.assert_none()
    assert not found, "axe-core violations:\n" + "\n".join(found)


def test_the_buttons_work_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    problems = BrowserProblems(context)
    page = context.new_page()
    path = "/documents/abc-of-communism/"
    page.goto(demo_site + path)
    page.get_by_role("button", name=re.compile("^Add to clipboard")).click()
    page.wait_for_load_state()
    assert page.url == demo_site + path  # back where the visitor was
    assert "to the clipboard." in page.locator("[data-clipboard-status]").inner_text()
    assert count_in_header(page) == 1
    page.get_by_role("button", name=re.compile("^Remove from clipboard")).click()
    page.wait_for_load_state()
    assert "is off the clipboard." in page.locator("[data-clipboard-status]").inner_text()
    assert count_in_header(page) == 0
    context.close()
    problems.assert_none()
