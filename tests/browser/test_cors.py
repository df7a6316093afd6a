"""Cross-origin reads in Chromium, which enforces CORS: a researcher's page on another origin reads
the API and the search's JSON, conditional requests included (a preflight), but not with
credentials, and not the HTML pages.

The researcher's page is served by a small server of the test's own on 127.0.0.1 (another origin
than the live server's localhost, in the same loopback network, so Chromium's local-network rules
stay out of it; and without the site's Content-Security-Policy, which would forbid the requests
before CORS is asked)."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.conftest import BrowserProblems

pytestmark = pytest.mark.browser

NOTEBOOK = b"<!doctype html><html lang='en'><title>Notebook</title><p>A notebook.</p></html>"
READ = """async ([url, options]) => {
  try {
    const response = await fetch(url, options);
    const text = await response.text();
    return {status: response.status, etag: response.headers.get("etag"), text};
  } catch (error) {
    return {error: String(error)};
  }
}"""


class _Notebook(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(NOTEBOOK)))
        self.end_headers()
        self.wfile.write(NOTEBOOK)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def notebook() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Notebook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_another_site_reads_the_json_but_not_with_credentials(browser, demo_site, notebook):
    assert demo_site.startswith("http://localhost:")
    context = browser.new_context()
    # The 404 and the refused POST are answers the test asks for.
    problems = BrowserProblems(
        context, expected_failures=("/api/v1/persons/nobody/", "/api/v1/persons/")
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(notebook)

    def read(path: str, **options) -> dict:
        return page.evaluate(READ, [demo_site + path, options])

    person = read("/api/v1/persons/nikolai-bukharin/")
    assert person.get("status") == 200, person
    assert '"Nikolai Bukharin"' in person["text"]
    assert person["etag"]  # exposed to the script
    again = read("/api/v1/persons/nikolai-bukharin/", headers={"If-None-Match": person["etag"]})
    assert again.get("status") in (200, 304), again  # after a preflight, which passed
    found = read("/search.json?q=Bukharin")
    assert found.get("status") == 200 and "nikolai-bukharin" in found["text"]
    missing = read("/api/v1/persons/nobody/")
    assert missing.get("status") == 404 and "detail" in missing["text"]

    refused = read("/api/v1/persons/nikolai-bukharin/", credentials="include")
    assert "error" in refused  # a wildcard origin never answers a request with credentials
    assert "error" in read("/persons/nikolai-bukharin/")  # the HTML pages are not shared
    # A plain POST needs no preflight: it reaches the API, which refuses it (read-only).
    assert read("/api/v1/persons/", method="POST").get("status") == 405
    context.close()
    # Chromium reports the two refusals in the console; nothing else may be there.
    unexpected = [p for p in problems.found if "CORS policy" not in p and "ERR_FAILED" not in p]
    assert unexpected == [], unexpected
    assert sum("CORS policy" in p for p in problems.found) == 2
