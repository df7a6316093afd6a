"""The deep-zoom viewer (OpenSeadragon from the site's own static files over its IIIF service) in
a real Chromium: it opens from the keyboard, loads tiles and closes back to its button. Without
JavaScript the still image is the page, and no viewer button shows. None of it breaks the
Content-Security-Policy or logs an error (BrowserProblems). A document's pages have their own
viewer (tests/browser/test_page_viewer.py)."""

import re

import pytest

from tests.browser.conftest import BrowserProblems

pytestmark = pytest.mark.browser

PHOTOGRAPH = "/photographs/bukharin-congress-of-educators-1925/"
DOCUMENT = "/documents/abc-of-communism/"


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def browser_problems(context) -> BrowserProblems:
    return BrowserProblems(context)


def test_the_viewer_opens_from_the_keyboard_and_loads_tiles(context, browser_problems, demo_site):
    page = context.new_page()
    tiles = []
    page.on(
        "response",
        lambda r: tiles.append(r) if re.search(r"/iiif/image/.+/default\.jpg$", r.url) else None,
    )
    page.goto(demo_site + PHOTOGRAPH)
    button = page.get_by_role("button", name="Explore the image in deep zoom")
    button.focus()
    page.keyboard.press("Enter")
    viewer = page.locator(".deep-zoom")
    page.wait_for_function(
        "() => Number(document.querySelector('.deep-zoom').dataset.tilesLoaded || 0) > 0",
        timeout=20000,
    )
    assert tiles and all(response.status == 200 for response in tiles)
    assert page.locator(".deep-zoom-canvas canvas").count() >= 1
    assert button.get_attribute("aria-expanded") == "true"
    # The site's own buttons drive it; Escape closes and gives focus back.
    page.get_by_role("button", name="Zoom in").click()
    page.keyboard.press("Escape")
    assert viewer.locator(".deep-zoom-panel").is_hidden()
    assert page.evaluate("document.activeElement.dataset.action") == "open"
    # The still image never left the page.
    assert page.locator("figure.photo-large img").is_visible()
    browser_problems.assert_none()


def test_without_javascript_the_still_image_stays_and_no_viewer_shows(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    browser_problems = BrowserProblems(context)
    page = context.new_page()
    page.goto(demo_site + PHOTOGRAPH)
    assert page.locator("figure.photo-large img").is_visible()
    assert page.locator(".deep-zoom").is_hidden()
    page.goto(demo_site + DOCUMENT)
    assert page.locator(".page-images img").first.is_visible()
    context.close()
    browser_problems.assert_none()
