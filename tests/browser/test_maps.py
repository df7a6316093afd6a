"""The maps in a real Chromium: Leaflet from the site's own static files draws the places of
/places/, of a place's page and of a search's map page, with tiles from a stub that stands in
for the tile server (every request the browser makes outside the site is answered here or
refused: the test never reaches outside). Markers take the keyboard and open a popup linking to
the place; without JavaScript the list is the page. Nothing breaks the Content-Security-Policy,
logs an error (BrowserProblems) or fails axe-core's WCAG 2.1 AA rules."""

import io
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

from tests.browser.conftest import BrowserProblems
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

TILE_SERVER = "https://tile.openstreetmap.org/"  # settings.VITRINE_MAP_TILES, the default
LOCAL_HOSTS = {"localhost", "127.0.0.1"}


def tile() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (232, 226, 214)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def browsing(browser):
    """A browser context whose requests outside the live server go to the tile stub (tile
    requests, kept with their Referer) or are refused and kept (any other)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    seen = SimpleNamespace(context=context, tiles=[], outside=[])
    png = tile()

    def handle(route) -> None:
        request = route.request
        if request.url.startswith(TILE_SERVER):
            seen.tiles.append((request.url, request.headers.get("referer")))
            route.fulfill(status=200, content_type="image/png", body=png)
        elif urlsplit(request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            seen.outside.append(request.url)
            route.abort()

    context.route("**/*", handle)
    yield seen
    context.close()


def wait_for_map(page) -> int:
    """Wait until the map has its markers and some tiles; return the number of markers."""
    page.wait_for_function(
        "() => { const map = document.querySelector('.map');"
        " return map && map.dataset.markers && Number(map.dataset.tilesLoaded || 0) > 0; }",
        timeout=20000,
    )
    return int(page.locator(".map").get_attribute("data-markers"))


def assert_accessible(page) -> None:
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_the_places_map_marks_every_located_place_and_opens_from_the_keyboard(browsing, demo_site):
    problems = BrowserProblems(browsing.context)
    page = browsing.context.new_page()
    page.goto(demo_site + "/places/")
    located = page.locator("#place-list > li[data-lat]")
    markers = wait_for_map(page)
    assert markers == located.count() >= 6
    assert page.locator(".map .leaflet-marker-icon").count() == markers
    assert page.locator("#place-list > li").first.is_visible()  # the list stays
    # Moscow's marker carries its count, as the list does.
    moscow = page.locator("#place-list > li", has=page.locator('a[href="/places/moscow/"]'))
    count = moscow.get_attribute("data-count")
    marker = page.locator(".map .leaflet-marker-icon", has_text=count).filter(
        has=page.locator("xpath=self::*[starts-with(@aria-label, 'Moscow:')]")
    )
    assert marker.count() == 1
    # Keyboard: the marker takes focus and Enter opens its popup, which links to the place.
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert popup.locator('a[href$="/places/moscow/"]').inner_text() == "Moscow"
    assert f"{count} records" in popup.inner_text()
    # Attribution as the settings give it, with its link.
    attribution = page.locator(".leaflet-control-attribution")
    assert "OpenStreetMap" in attribution.inner_text()
    assert attribution.locator('a[href="https://www.openstreetmap.org/copyright"]').count() == 1
    assert_accessible(page)
    popup.locator("a").click()
    page.wait_for_url("**/places/moscow/")
    # Moscow and the two located buildings within it.
    assert wait_for_map(page) == 3
    assert_accessible(page)
    assert browsing.tiles and not browsing.outside
    # The tile server is told which site asks, never which page.
    assert {referer for _, referer in browsing.tiles} == {demo_site + "/"}
    problems.assert_none()


def test_a_search_opens_its_map_with_the_places_of_its_results(browsing, demo_site):
    problems = BrowserProblems(browsing.context)
    page = browsing.context.new_page()
    page.goto(demo_site + "/search/?q=Bukharin&kind=event")
    page.get_by_role("link", name="Map", exact=True).click()
    page.wait_for_url("**/search/map/?q=Bukharin&kind=event")
    markers = wait_for_map(page)
    geojson = page.request.get(demo_site + "/search.geojson?q=Bukharin&kind=event").json()
    assert markers == len(geojson["features"]) == page.locator("#place-list > li[data-lat]").count()
    counts = {
        feature["properties"]["name"]: feature["properties"]["count"]
        for feature in geojson["features"]
    }
    labels = page.locator(".map .leaflet-marker-icon").evaluate_all(
        "icons => icons.map(icon => icon.getAttribute('aria-label'))"
    )
    assert sorted(label.split(":")[0] for label in labels) == sorted(counts)
    assert sum(counts.values()) >= 10  # events of Bukharin's life in Moscow and elsewhere
    assert_accessible(page)
    assert not browsing.outside
    problems.assert_none()


def test_without_javascript_the_list_is_the_page(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    problems = BrowserProblems(context)
    outside = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).hostname in LOCAL_HOSTS
            else (outside.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    for path in ("/places/", "/places/moscow/", "/search/map/?q=Bukharin"):
        page.goto(demo_site + path)
        assert page.locator(".map").is_hidden()
        assert page.locator("#place-list > li, .place-here").first.is_visible()
    assert page.locator("#place-list a").first.get_attribute("href").startswith("/places/")
    assert not outside  # no tiles without the map
    context.close()
    problems.assert_none()
