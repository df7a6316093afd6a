"""The browse pages and the search on a 390 px phone and a desktop, in Debian's Chromium.

On a phone the filters sit behind a "Filters" button above the results (a <details>: no script
needed), the active filters' chips stay visible, and thumbnails keep their size and shape. On a
desktop the filters are open beside the results. Every page is checked with axe-core (WCAG 2.1 A
and AA) at both widths, with no Content-Security-Policy violation or console error
(BrowserProblems), and saved as a screenshot when VITRINE_SCREENSHOTS is set.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import BrowserProblems
from tests.browser.screenshots import screenshot
from tests.browser.test_accessibility import AXE_OPTIONS, BROKEN_IMAGES_JS

pytestmark = pytest.mark.browser

PHONE, DESKTOP = (390, 844), (1280, 800)
# (name, path, text the page must show)
PAGES = [
    ("search-filtered", "/search/?q=Bukharin&decade=1920", "Nikolai Bukharin"),
    ("persons", "/persons/", "Persons"),
    ("persons-b", "/persons/?letter=B", "Nikolai Bukharin"),
    ("documents", "/documents/", "ABC of Communism"),
    ("photographs", "/photographs/", "Bukharin"),
    ("trials", "/trials/", "Trial of the Twenty-One"),
    ("events", "/events/", "Events"),
    ("subjects", "/subjects/", "Great Purge"),
    ("collections", "/collections/", "Collections"),
]


def boxes(page, selector: str) -> list[dict]:
    """The boxes of the visible elements matching selector."""
    return [box for box in (e.bounding_box() for e in page.query_selector_all(selector)) if box]


def test_small_screens_and_desktops(browser, demo_site):
    axe = Axe()
    wrong: list[str] = []
    for width, height in (PHONE, DESKTOP):
        context = browser.new_context(viewport={"width": width, "height": height})
        problems = BrowserProblems(context)
        page = context.new_page()
        for name, path, expected in PAGES:
            page.goto(demo_site + path)
            where = f"{name} at {width}px"
            if expected.lower() not in page.inner_text("body").lower():
                wrong.append(f"{where} does not show {expected!r}")
            wrong += [
                f"{where}: image {src} does not load" for src in page.evaluate(BROKEN_IMAGES_JS)
            ]
            screenshot(page, f"browse-{name}-{width}")
            for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
                targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
                wrong.append(f"{where}: axe {violation['id']}: {violation['help']} — {targets[:3]}")
        context.close()
        wrong += [f"at {width}px: {problem}" for problem in problems.found]
    assert not wrong, "\n".join(wrong)


def test_on_a_phone_the_filters_wait_behind_a_button_above_the_results(browser, demo_site):
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    problems = BrowserProblems(context)
    try:
        page = context.new_page()
        page.goto(demo_site + "/search/?q=Bukharin&decade=1920")
        button = page.locator(".search-filters > summary")
        assert button.is_visible()
        assert button.inner_text().startswith("Filters")
        assert "(1 chosen)" in button.inner_text()
        # Closed: no facet shown, the results right after the button.
        assert not page.locator("#facet-kind").is_visible()
        first_hit = page.locator(".search-hits .search-hit").first
        assert button.bounding_box()["y"] < first_hit.bounding_box()["y"]
        assert first_hit.bounding_box()["y"] < PHONE[1] * 2  # not after twenty facets' worth
        # The chips stay in sight and can be removed.
        chip = page.get_by_role("link", name="Remove Decade: 1920s")
        assert chip.is_visible()
        # Thumbnails keep their shape: squares of 4.5rem, no sliver.
        thumbs = boxes(page, ".search-results .search-thumb")
        assert thumbs
        for box in thumbs:
            assert box["width"] >= 70, box
            assert abs(box["width"] - box["height"]) <= 1, box
        screenshot(page, "browse-phone-filters-closed")
        button.click()
        assert page.locator("#facet-kind").is_visible()
        assert page.locator(".search-filters").get_attribute("open") is not None
        screenshot(page, "browse-phone-filters-open")
        # A facet value followed from the open panel is a new page with its chip in sight.
        page.locator("#facet-kind ~ ul a", has_text="Photograph").first.click()
        assert page.get_by_role("link", name="Remove Kind: Photograph").is_visible()
        # The photographs' grid keeps its pictures square and wide.
        page.goto(demo_site + "/photographs/")
        tiles = boxes(page, ".search-grid .search-thumb")
        assert len(tiles) == 10
        for box in tiles:
            assert box["width"] >= 150, box
            assert abs(box["width"] - box["height"]) <= 1, box
    finally:
        context.close()
    problems.assert_none()


def test_on_a_desktop_the_filters_are_open_beside_the_results(browser, demo_site):
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    problems = BrowserProblems(context)
    try:
        page = context.new_page()
        page.goto(demo_site + "/persons/")
        assert not page.locator(".search-filters > summary").is_visible()
        facets = page.locator("#facet-decade")
        assert facets.is_visible()
        assert facets.text_content() == "Born"
        results = page.locator(".search-results").bounding_box()
        aside = page.locator(".search-facets").bounding_box()
        assert aside["x"] > results["x"] + results["width"]  # beside, to the right
        # The A–Z bar: B leads to Bukharin, filed under his sort name.
        page.get_by_role("link", name="Letter B", exact=False).first.click()
        assert page.url.endswith("/persons/?letter=B")
        assert page.get_by_role("link", name="Nikolai Bukharin").is_visible()
        # The best match heads a search by any spelling.
        page.goto(demo_site + "/search/?q=Boukharine")
        card = page.locator(".best-match")
        assert card.is_visible()
        assert "Nikolai Bukharin" in card.inner_text()
        hits = page.locator(".search-hits .search-hit").nth(1).bounding_box()
        assert card.bounding_box()["y"] < hits["y"]
        screenshot(page, "browse-desktop-best-match")
    finally:
        context.close()
    problems.assert_none()
