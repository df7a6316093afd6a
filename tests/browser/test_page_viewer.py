"""A document's page viewer in a real Chromium (OpenSeadragon from the site's own files over its
IIIF image service): one page at a time beside its transcription, turned with buttons, the page
menu and Page Up/Down from the keyboard without losing focus, "page n of m" announced, the address
following the page; a search within the transcription opens the first page it found with the
match marked. Without JavaScript every page image and text is listed. axe finds no WCAG 2.1 AA
violation, and nothing breaks the Content-Security-Policy or logs an error (BrowserProblems)."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import BrowserProblems
from tests.browser.screenshots import screenshot
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

BOOK = "/documents/abc-of-communism/"  # three pages, the first two transcribed
LETTER = "/documents/lenin-letter-to-the-congress/"  # two pages, both transcribed
STATUS = ".page-viewer-status"


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def browser_problems(context) -> BrowserProblems:
    return BrowserProblems(context)


def wait_for_status(page, text: str) -> None:
    page.wait_for_function(
        "([selector, text]) => document.querySelector(selector).textContent === text",
        arg=[STATUS, text],
    )


def wait_for_tiles(page) -> None:
    page.wait_for_function(
        "() => Number(document.querySelector('[data-page-reader]').dataset.tilesLoaded || 0) > 0",
        timeout=20000,
    )


def boxes(page) -> list[dict]:
    """Where the viewer and the current page's text are, measured at the same moment."""
    return page.evaluate(
        """() => ["[data-page-viewer]", ".page-entry.is-current .page-text"].map((selector) => {
          const box = document.querySelector(selector).getBoundingClientRect();
          return {left: box.left, right: box.right, top: box.top, bottom: box.bottom};
        })"""
    )


def no_axe_violations(page) -> None:
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_the_viewer_turns_the_pages_beside_their_text(context, browser_problems, demo_site):
    page = context.new_page()
    tiles = []
    page.on("response", lambda r: tiles.append(r) if "/iiif/image/" in r.url else None)
    page.goto(demo_site + BOOK)
    viewer = page.locator("[data-page-viewer]")
    assert viewer.is_visible()
    wait_for_tiles(page)
    assert tiles and all(response.status in (200, 303) for response in tiles)
    assert page.locator(STATUS).inner_text() == "Page 1 of 3: Cover"
    assert page.locator(".page-viewer-status").get_attribute("role") == "status"
    # The current page's text stands beside the viewer; the still images and other texts wait.
    current = page.locator(".page-entry.is-current")
    assert current.count() == 1 and current.get_attribute("id") == "page-1"
    assert current.locator(".page-text").is_visible()
    assert "Азбука коммунизма" in current.inner_text()
    assert page.locator("#page-2").is_hidden() and current.locator("img").is_hidden()
    viewer_box, text_box = boxes(page)
    assert text_box["left"] >= viewer_box["right"]  # beside, not below
    previous = page.get_by_role("button", name="Previous page")
    following = page.get_by_role("button", name="Next page")
    assert previous.get_attribute("aria-disabled") == "true"
    screenshot(page, "document-pages-1280")

    # Keyboard: Enter and Space on "Next page", and the focus stays on it at the last page.
    following.focus()
    page.keyboard.press("Enter")
    wait_for_status(page, "Page 2 of 3: Title page")
    assert page.url.endswith("#page-2")
    assert "1920" in page.locator(".page-entry.is-current").inner_text()
    page.keyboard.press(" ")
    wait_for_status(page, "Page 3 of 3: p. 5")
    assert following.get_attribute("aria-disabled") == "true"
    assert "No transcription of page 3." in page.locator(".page-entry.is-current").inner_text()
    page.keyboard.press("Enter")
    assert page.locator(STATUS).inner_text() == "Page 3 of 3: p. 5"
    assert page.evaluate("document.activeElement.dataset.action") == "next"
    # Page Up from within the viewer, the page menu, and the previous button.
    page.keyboard.press("PageUp")
    wait_for_status(page, "Page 2 of 3: Title page")
    page.get_by_label("Go to page").select_option("1")
    wait_for_status(page, "Page 1 of 3: Cover")
    page.locator(".openseadragon-canvas").focus()
    page.keyboard.press("PageDown")
    wait_for_status(page, "Page 2 of 3: Title page")
    page.keyboard.press("+")  # OpenSeadragon's own keys zoom the page
    previous.click()
    wait_for_status(page, "Page 1 of 3: Cover")
    assert page.url.endswith("#page-1")
    no_axe_violations(page)
    browser_problems.assert_none()


def test_a_link_to_a_page_opens_that_page(context, browser_problems, demo_site):
    page = context.new_page()
    page.goto(demo_site + BOOK + "#page-2")
    wait_for_status(page, "Page 2 of 3: Title page")
    wait_for_tiles(page)
    assert page.locator(".page-entry.is-current").get_attribute("id") == "page-2"
    page = context.new_page()
    page.goto(demo_site + BOOK + "#page-9")  # no such page: the first
    wait_for_status(page, "Page 1 of 3: Cover")
    browser_problems.assert_none()


def test_a_search_within_opens_the_page_it_found_with_the_match_marked(
    context, browser_problems, demo_site
):
    page = context.new_page()
    page.goto(demo_site + LETTER)
    page.get_by_label("Search the transcription").fill("бухарин")
    page.locator(".page-search").get_by_role("button", name="Search").click()
    page.wait_for_url("**?q=*")
    assert "1 page contains “бухарин”" in page.locator(".page-search-results").inner_text()
    wait_for_status(page, "Page 2 of 2: f. 2")
    mark = page.locator(".page-entry.is-current mark")
    assert mark.first.is_visible() and mark.first.inner_text() == "Бухарин"
    # Its hit links to the page; following it from page 1 turns the viewer there.
    page.get_by_role("button", name="Previous page").click()
    wait_for_status(page, "Page 1 of 2: f. 1")
    page.get_by_role("link", name="Page 2 of 2 (f. 2)").click()
    wait_for_status(page, "Page 2 of 2: f. 2")
    screenshot(page, "document-search-within-1280")
    no_axe_violations(page)
    # The same search through the IIIF Content Search service the manifest declares.
    manifest = json.loads(page.request.get(demo_site + f"/iiif{LETTER}manifest.json").text())
    service = manifest["service"][0]
    assert service["type"] == "SearchService2"
    result = page.request.get(service["id"], params={"q": "бухарин"})
    assert result.status == 200 and result.headers["access-control-allow-origin"] == "*"
    (hit,) = result.json()["items"]
    assert hit["target"] == manifest["items"][1]["id"]
    (highlight,) = result.json()["annotations"][0]["items"]
    assert highlight["target"]["selector"][0]["exact"] == "Бухарин"
    browser_problems.assert_none()


def test_a_search_too_long_is_refused_in_words(context, browser_problems, demo_site):
    page = context.new_page()
    page.goto(demo_site + LETTER + "?q=" + "x" * 300)
    assert page.get_by_role("alert").inner_text() == "The search is limited to 200 characters."
    no_axe_violations(page)
    browser_problems.assert_none()


def test_on_a_phone_the_text_follows_the_viewer(browser, demo_site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    browser_problems = BrowserProblems(context)
    page = context.new_page()
    page.goto(demo_site + BOOK)
    wait_for_tiles(page)
    viewer_box, text_box = boxes(page)
    assert text_box["top"] >= viewer_box["bottom"]  # below, not beside
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "document-pages-360")
    no_axe_violations(page)
    context.close()
    browser_problems.assert_none()


def test_without_javascript_every_page_and_text_is_listed(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    browser_problems = BrowserProblems(context)
    page = context.new_page()
    images = []
    page.on("response", lambda r: images.append(r) if "/full/!800,800/" in r.url else None)
    page.goto(demo_site + BOOK)
    assert page.locator("[data-page-viewer]").is_hidden()
    shown = page.locator(".page-images img")
    assert shown.count() == 3
    for index in range(3):
        shown.nth(index).scroll_into_view_if_needed()
        assert shown.nth(index).is_visible()
    page.wait_for_load_state("networkidle")
    assert len(images) == 3
    assert all(r.status == 200 and r.headers["content-type"] == "image/jpeg" for r in images)
    assert page.locator("#page-1 .page-text").is_visible()
    assert page.locator("#page-2 .page-text").is_visible()
    # A search works without JavaScript too: the form reloads the page with the hits.
    page.get_by_label("Search the transcription").fill("коммунизма")
    page.locator(".page-search").get_by_role("button", name="Search").click()
    assert "2 pages contain" in page.locator(".page-search-results").inner_text()
    assert page.locator("#page-1 mark").first.inner_text() == "коммунизма"
    context.close()
    browser_problems.assert_none()


def test_the_list_of_pages_passes_axe(browser, demo_site):
    """The list without the viewer, as a browser without JavaScript shows it (axe needs script:
    here only the viewer's scripts are kept from loading)."""
    scripts = ("/static/js/page-viewer.js", "/static/vendor/openseadragon/openseadragon.min.js")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(
        "**/*.js",
        lambda route: route.abort() if route.request.url.endswith(scripts) else route.continue_(),
    )
    browser_problems = BrowserProblems(context, expected_failures=scripts)
    page = context.new_page()
    page.goto(demo_site + BOOK + "?q=коммунизма")
    assert page.locator("[data-page-viewer]").is_hidden()
    assert page.locator(".page-images img").first.is_visible()
    screenshot(page, "document-pages-without-script-1280")
    no_axe_violations(page)
    context.close()
    browser_problems.assert_none()
