"""The admin's "No worker is running" warning in Chromium: shown as an alert on the admin's home
page when an import waits and no worker is alive, within the admin's Content-Security-Policy, and
without WCAG violations of its own (axe-core, run on the warning)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from tests.browser.conftest import BrowserProblems
from tests.browser.screenshots import screenshot
from tests.browser.test_accessibility import AXE_OPTIONS
from tests.transfer.test_stopped_worker import make_batch
from transfer.models import ImportBatch

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # a throwaway test account


def test_the_warning_is_an_alert_that_keeps_to_the_policy(browser, live_server, transactional_db):
    get_user_model().objects.create_superuser("warned", "warned@example.org", PASSWORD)
    make_batch(ImportBatch.State.QUEUED)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        problems = BrowserProblems(context)
        page = context.new_page()
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "warned")
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_selector("#content-main")

        alert = page.get_by_role("alert")
        assert alert.is_visible()
        assert alert.inner_text().startswith("No worker is running, so 1 import is waiting.")
        screenshot(page, "admin-worker-warning")
        options = {**AXE_OPTIONS, "context": ".worker-warning"}
        violations = Axe().run(page, options=options).response["violations"]
        assert violations == [], violations
        problems.assert_none()
    finally:
        context.close()
