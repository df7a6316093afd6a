"""axe-core in a real Chromium on every kind of public page, at a desktop and a phone width.

WCAG 2.1 A and AA rules only (axe's wcag2a, wcag2aa, wcag21a and wcag21aa tags). The demo is
loaded once and every page visited in one test, so a failure lists every violation at once:
rule, page, width and the element it was found on. The same visit fails on any
Content-Security-Policy violation, console error or script error (BrowserProblems): axe-core is
injected with page.evaluate(), which the page's policy neither blocks nor reports, so the check
needs no bypass_csp.
"""

from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import BrowserProblems
from tests.browser.screenshots import screenshot

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
VIEWPORTS = [(1280, 800), (360, 740)]  # a desktop and the narrowest phone the site supports
EXHIBIT = "/exhibits/nikolai-bukharin-a-life/"
NOTICE_SECTION = f"{EXHIBIT}trial-execution-rehabilitation/"
NOT_FOUND = "/persons/no-such-person/"

# (name, path, text the page must show: proof that it is the page meant, not an error page).
# A path of None follows the content notice's "I understand" link on the page before it.
PAGES = [
    ("home", "/", "Nikolai Bukharin"),
    ("exhibit-index", "/exhibits/", "Nikolai Bukharin"),
    ("exhibit", EXHIBIT, "Youth and exile"),
    ("section", f"{EXHIBIT}theorist-and-editor/", "Theorist and editor"),
    ("section-gallery", f"{EXHIBIT}youth-and-exile/", "Youth and exile"),
    ("section-notice", NOTICE_SECTION, "Content notice"),
    ("section-acknowledged", None, "Arrest, trial, execution"),
    ("person", "/persons/nikolai-bukharin/", "Bukharin"),
    ("trial", "/trials/trial-of-the-twenty-one/", "Trial of the Twenty-One"),
    ("photograph", "/photographs/bukharin-congress-of-educators-1925/", "Bukharin"),
    ("document", "/documents/abc-of-communism/", "ABC of Communism"),
    ("event", "/events/1938-trial-of-the-twenty-one/", "1938"),
    ("timeline", "/timeline/", "1905"),
    ("search", "/search/?q=Bukharin&kind=photograph", "Bukharin"),
    ("not-found", NOT_FOUND, "not found"),
]


# Loads every image now (lazy ones too, so screenshots are whole) and returns those that failed.
BROKEN_IMAGES_JS = """async () => {
  const images = [...document.images];
  images.forEach((image) => { image.loading = "eager"; });
  await Promise.all(images.map((image) => image.complete ? null : new Promise((done) => {
    image.addEventListener("load", done);
    image.addEventListener("error", done);
  })));
  const broken = images.filter((image) => !image.naturalWidth);
  return broken.map((image) => image.currentSrc || image.src);
}"""


@dataclass
class Finding:
    page: str
    width: str
    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self) -> str:
        where = "; ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"{self.rule} ({self.impact}) on {self.page} at {self.width}: {self.help} — {where}"


def test_public_pages_have_no_wcag_violations(browser, demo_site):
    axe = Axe()
    findings: list[Finding] = []
    wrong_pages: list[str] = []
    for w, h in VIEWPORTS:
        context = browser.new_context(viewport={"width": w, "height": h})
        problems = BrowserProblems(context, expected_failures=(NOT_FOUND,))
        page = context.new_page()
        for name, path, expected in PAGES:
            if path is None:
                page.get_by_role("link", name="I understand").click()
                path = page.url.removeprefix(demo_site)
            else:
                page.goto(demo_site + path)
            if expected.lower() not in page.inner_text("body").lower():
                wrong_pages.append(f"{name} ({path}) does not show {expected!r}")
            for src in page.evaluate(BROKEN_IMAGES_JS):
                wrong_pages.append(f"{name} ({path}) at {w}px: image {src} does not load")
            screenshot(page, f"{name}-{w}")
            for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
                findings.append(
                    Finding(
                        page=f"{name} {path}",
                        width=f"{w}px",
                        rule=violation["id"],
                        impact=violation["impact"] or "",
                        help=violation["help"],
                        targets=[" ".join(map(str, node["target"])) for node in violation["nodes"]],
                    )
                )
        context.close()
        wrong_pages += [f"at {w}px: {problem}" for problem in problems.found]
    assert not wrong_pages, "Pages not as expected:\n" + "\n".join(wrong_pages)
    assert not findings, f"{len(findings)} axe-core violations:\n" + "\n".join(map(str, findings))


def test_axe_reports_violations(browser):
    """The check above is only worth its zero if axe runs and sees: a known fault is reported."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert [v["id"] for v in violations] == ["image-alt"]
    finally:
        context.close()
