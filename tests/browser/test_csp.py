"""The Content-Security-Policy in a real Chromium, where it is enforced: pages that keep to it run
and look as they should, and nothing they do is blocked (BrowserProblems, tests/browser/
conftest.py). The public pages are visited by the accessibility, deep-zoom and keyboard tests,
which check the same; here: the API's documentation pages (third-party viewers, with their own
additions to the policy: api/docs.py), the admin (its looser policy: config/csp.py), and proof that
a violation would be seen.
"""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import BrowserProblems

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # a throwaway test account
# Redoc's sidebar asks for Redocly's logo from its CDN; the site loads nothing from elsewhere.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


def test_a_violation_is_seen(context, demo_site):
    """Inline style and script added to a public page are blocked, and the check reports both."""
    problems = BrowserProblems(context)
    page = context.new_page()
    response = page.goto(demo_site + "/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.evaluate("""() => {
      const style = document.createElement("style");
      style.textContent = "body { background: red; }";
      document.head.append(style);
      document.body.insertAdjacentHTML("beforeend", '<p style="color: red">styled</p>');
      const script = document.createElement("script");
      script.textContent = "document.title = 'ran';";
      document.body.append(script);
    }""")
    page.wait_for_timeout(200)  # the violation events are queued
    assert page.title() != "ran"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 0, 0)"
    found = "\n".join(problems.found)
    assert "CSP style-src-elem blocked inline" in found
    assert "CSP style-src-attr blocked inline" in found
    assert "CSP script-src-elem blocked inline" in found


def test_the_api_documentation_pages_work_within_their_policy(context, demo_site):
    problems = BrowserProblems(context, expected_blocked=(REDOC_LOGO,))
    page = context.new_page()
    page.goto(demo_site + "/api/docs/")
    page.wait_for_selector(".opblock", timeout=20000)  # Swagger UI drew the operations
    assert page.locator(".opblock").count() > 5
    page.goto(demo_site + "/api/redoc/")
    page.wait_for_selector("[role=menuitem]", timeout=20000)  # Redoc drew its menu
    # Redoc's own styles applied (its <style> elements carry the nonce): the menu is a sidebar.
    menu = page.locator(".menu-content")
    assert menu.evaluate("element => getComputedStyle(element).position") in {"sticky", "fixed"}
    page.get_by_placeholder("Search...").fill("person")  # the search worker (worker-src blob:)
    page.wait_for_selector("[data-role='search:results']", timeout=10000)
    problems.assert_none()


def test_the_admin_works_within_its_policy(context, demo_site):
    get_user_model().objects.create_superuser("csp-curator", "curator@example.org", PASSWORD)
    problems = BrowserProblems(context)
    page = context.new_page()
    page.goto(demo_site + "/admin/login/")
    page.fill("#id_username", "csp-curator")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("#content-main")

    # A record's form: autocomplete (select2), inline rows added by script, the date shortcuts.
    page.goto(demo_site + "/admin/archive/person/")
    page.locator("#result_list tbody tr th a").first.click()
    page.locator(".select2-selection").first.click()
    page.wait_for_selector(".select2-results__option")
    page.keyboard.press("Escape")
    page.locator(".add-row a").first.click()
    # An exhibit's section: its block inline, sortable, fields shown by the block's kind.
    page.goto(demo_site + "/admin/exhibits/section/")
    page.locator("#result_list tbody tr th a").first.click()
    page.wait_for_selector(".inline-group")
    # import-export's export page: its "Select all" box has an inline handler, allowed by hash.
    page.goto(demo_site + "/admin/archive/person/export/")
    checked = "document.querySelectorAll('input[type=checkbox]:checked').length"
    before = page.evaluate(checked)
    page.locator("input.select-toggle").first.click()
    assert page.evaluate(checked) < before, "the Select all handler did not run"
    # simple-history's history page (style attributes), and the import page.
    page.goto(demo_site + "/admin/exhibits/section/")
    page.locator("#result_list tbody tr th a").first.click()
    page.locator("a.historylink").click()
    page.wait_for_selector("#change-history")
    page.goto(demo_site + "/admin/archive/person/import/")
    problems.assert_none()
