"""Keyboard use and pages without JavaScript, in a real Chromium.

A keyboard user's first Tab lands on the skip link, which moves focus to the main content; every
element Tab reaches shows a visible focus indicator. A visitor without JavaScript reads past a
content notice by following its link. None of it breaks the Content-Security-Policy or logs an
error (BrowserProblems).
"""

import pytest

from tests.browser.conftest import BrowserProblems

pytestmark = pytest.mark.browser

EXHIBIT = "/exhibits/nikolai-bukharin-a-life/"
NOTICE_SECTION = f"{EXHIBIT}trial-execution-rehabilitation/"
NOTICE_TEXT = "show trial that ended in death sentences"
SECTION_TEXT = "In prison Bukharin wrote to Stalin again and again"
MAX_TABS = 250  # more focus stops than any demo page has; ends the walk if focus never wraps

# What the keyboard focus is on, and whether it can be seen.
FOCUSED_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  return {
    id: el.id,
    tag: el.tagName.toLowerCase(),
    classes: el.className,
    label: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 60),
    indicator: outline || Boolean(shadow),
    onScreen: box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.width > 0,
    inMain: Boolean(el.closest("main")),
  };
}"""


@pytest.fixture
def context(browser):
    # Reduced motion turns off the site's smooth scrolling, so an element that focus scrolls to
    # is on screen at once, not part way through an animation.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    yield context
    context.close()


@pytest.fixture
def browser_problems(context) -> BrowserProblems:
    return BrowserProblems(context)


@pytest.fixture
def page(context, browser_problems):
    return context.new_page()


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(
    page, browser_problems, demo_site
):
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED_JS)
    assert focused is not None
    assert "skip-link" in focused["classes"], f"the first Tab reached {focused}, not the skip link"
    assert focused["onScreen"], "the focused skip link is off screen"
    assert focused["indicator"], "the focused skip link has no visible outline"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED_JS)
    assert focused["inMain"], f"Tab after the skip link went to {focused}, outside main"
    browser_problems.assert_none()


# Pages with every kind of focusable thing: navigation, cards, footnotes, tables, form controls.
FOCUS_WALK_PAGES = [
    "/",
    f"{EXHIBIT}theorist-and-editor/",
    "/persons/nikolai-bukharin/",
    "/trials/trial-of-the-twenty-one/",
    "/search/?q=Bukharin&kind=photograph",
]


def test_every_focus_stop_shows_a_visible_indicator(page, browser_problems, demo_site):
    """Tab through each page from the top until focus leaves it or wraps round."""
    problems = []
    for path in FOCUS_WALK_PAGES:
        page.goto(demo_site + path)
        stops = []
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED_JS)
            if focused is None or (stops and focused == stops[0]):
                break
            stops.append(focused)
            if not (focused["indicator"] and focused["onScreen"]):
                problems.append(
                    f"{path}: <{focused['tag']} class={focused['classes']!r}> "
                    f"{focused['label']!r} (indicator: {focused['indicator']}, "
                    f"on screen: {focused['onScreen']})"
                )
        if len(stops) <= 5:
            problems.append(f"{path}: Tab reached only {len(stops)} elements")
    assert not problems, "Focus stops without a visible indicator:\n" + "\n".join(problems)
    browser_problems.assert_none()


def test_content_notice_works_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    browser_problems = BrowserProblems(context)
    try:
        page = context.new_page()
        page.goto(demo_site + NOTICE_SECTION)
        body = page.inner_text("main")
        assert "Content notice" in body
        assert NOTICE_TEXT in body
        assert SECTION_TEXT not in body

        page.get_by_role("link", name="I understand").click()
        body = page.inner_text("main")
        assert SECTION_TEXT in body
        assert "Content notice" not in body

        # The acknowledgement is remembered: the plain address now shows the section.
        page.goto(demo_site + NOTICE_SECTION)
        assert SECTION_TEXT in page.inner_text("main")
    finally:
        context.close()
    browser_problems.assert_none()
