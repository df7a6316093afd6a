"""The site's icon in Chromium: a public page, an error page and the admin link an icon the
browser loads and draws, with no error in the console (BrowserProblems no longer excuses a failed
/favicon.ico)."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import BrowserProblems

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # a throwaway test account
# Each icon the page links: fetched (status, type) and drawn as an image (its size).
LOAD_ICONS = """async () => Promise.all(
  [...document.querySelectorAll('link[rel="icon"]')].map(async (link) => {
    const response = await fetch(link.href);
    const image = new Image();
    image.src = link.href;
    await image.decode();
    return {
      href: new URL(link.href).pathname,
      status: response.status,
      type: response.headers.get("content-type"),
      width: image.naturalWidth,
    };
  })
)"""


def test_pages_load_the_icon_without_console_errors(browser, demo_site):
    get_user_model().objects.create_superuser("icon-curator", "c@example.org", PASSWORD)
    context = browser.new_context()
    problems = BrowserProblems(context, expected_failures=("/persons/nobody/",))
    page = context.new_page()

    def icons_of(path: str | None = None) -> dict[str, dict]:
        if path is not None:
            page.goto(demo_site + path)
        page.wait_for_load_state("load")
        return {icon["href"]: icon for icon in page.evaluate(LOAD_ICONS)}

    pages = {path: icons_of(path) for path in ("/", "/persons/nobody/", "/admin/login/")}
    page.fill("#id_username", "icon-curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    pages["/admin/"] = icons_of()
    for path, icons in pages.items():
        assert set(icons) == {"/favicon.ico", "/static/favicon.svg"}, path
        for icon in icons.values():
            assert icon["status"] == 200, (path, icon)
            assert icon["type"].startswith("image/"), (path, icon)
            assert icon["width"] >= 16, (path, icon)
    context.close()
    problems.assert_none()
