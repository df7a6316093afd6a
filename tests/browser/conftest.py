"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, and the demo served by
pytest-django's live server.

The browser is Debian's `/usr/bin/chromium` (`.ci/run` installs it); Playwright never downloads
one of its own. A missing Chromium fails these tests: they are part of the suite, not optional.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connections

CHROMIUM = Path(os.environ.get("VITRINE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Debian's headless Chromium, one per test module."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}: `apt-get install chromium` "
            "(.ci/run does this on a fresh machine).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API keeps an event loop running in this thread, and Django refuses
        # ORM calls from a thread with a running loop. The tests and their database teardown use
        # the ORM only between browser calls, never concurrently, so the check is lifted while
        # the browser is open (and only then).
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class _OneRequestAtATime(WSGIServer):
    """A live server that answers one request at a time, in its own thread.

    Django's live server is threaded, and with an in-memory SQLite test database every request
    thread shares the test's one connection; a browser fetching a page's images at once then
    breaks that connection ("bad parameter or other API misuse"). One at a time, it holds.
    """

    def __init__(self, *args, connections_override=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)  # the server's thread applies the override itself

    def close_request(self, request) -> None:
        connections.close_all()  # as the threaded server does (a no-op for in-memory SQLite)
        super().close_request(request)


@pytest.fixture(scope="session")
def live_server(request) -> Iterator:
    """pytest-django's live server (what its `live_server` fixture makes, at the same address and
    with the same database handling through `transactional_db`), serving one request at a time."""
    from pytest_django.live_server_helper import LiveServer

    address = (
        request.config.getvalue("liveserver")
        or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(address, start=False)
    server.thread.server_class = _OneRequestAtATime
    server.start()
    yield server
    server.stop()


@pytest.fixture
def demo_site(live_server, transactional_db) -> str:
    """The demo archive, its exhibits and a fresh search index, served by the live server; returns
    the server's base URL. (The live server is shared by the session; the database is emptied
    after each test that uses it.)"""
    from archive.demo.loader import load_demo_archive
    from exhibits.demo import load_demo_exhibits
    from search import index

    load_demo_archive()
    load_demo_exhibits()
    index.rebuild_kinds()
    return live_server.url


# Reports every Content-Security-Policy violation of a page to BrowserProblems (a binding, so it
# arrives even if the page goes away at once). Playwright runs init scripts outside the page's
# policy, as it does page.evaluate() (which axe-core's injection uses): neither is an inline
# script of the page, and neither is blocked or reported.
REPORT_VIOLATIONS_JS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__vitrineViolation({
    page: location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  });
}, true);
"""


class BrowserProblems:
    """What went wrong in the pages of one browser context: Content-Security-Policy violations
    (`securitypolicyviolation` events), console errors (Chromium logs each violation there too,
    with JavaScript on or off) and uncaught script errors.

    `expected_failures`: paths whose failed load is expected (a page that should answer 404).
    The site's icon is not among them: /favicon.ico must load on every page.
    `expected_blocked`: addresses the policy is meant to block (a third party's image that a
    vendored viewer asks for).
    """

    def __init__(
        self,
        context,
        expected_failures: tuple[str, ...] = (),
        expected_blocked: tuple[str, ...] = (),
    ) -> None:
        self.expected_failures = expected_failures
        self.expected_blocked = expected_blocked
        self.found: list[str] = []
        context.expose_function("__vitrineViolation", self._violation)
        context.add_init_script(REPORT_VIOLATIONS_JS)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.found.append(f"uncaught error: {error.error}"))

    def _violation(self, v: dict) -> None:
        if v["blocked"] in self.expected_blocked:
            return
        where = f"{v['source']}:{v['line']}" if v["source"] else v["page"]
        self.found.append(
            f"CSP {v['directive']} blocked {v['blocked'] or 'inline'} on {v['page']} ({where})"
            + (f": {v['sample']!r}" if v["sample"] else "")
        )

    def _console(self, message) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        failed_load = message.text.startswith("Failed to load resource")
        if failed_load and urlsplit(url).path in self.expected_failures:
            return
        if any(f"'{address}'" in message.text for address in self.expected_blocked):
            return
        self.found.append(
            f"console error on {message.page.url if message.page else url}: {message.text}"
        )

    def assert_none(self) -> None:
        assert not self.found, f"{len(self.found)} problems in the browser:\n" + "\n".join(
            self.found
        )
