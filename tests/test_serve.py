"""Production serving, end to end: collectstatic, migrate, then gunicorn with DEBUG off.

What `make serve` does, against a temporary SQLite database and STATIC_ROOT on a free local port:
the home page, a hashed static file served by whitenoise and a 404 page in the site's look.
"""

import re
from pathlib import Path

from tests.served import get, gunicorn, manage


def test_gunicorn_serves_pages_static_files_and_404s_with_debug_off(production_env, tmp_path):
    manage(production_env, "collectstatic", "--noinput", "-v0")
    manage(production_env, "migrate", "--noinput", "-v0")
    assert (Path(production_env["STATIC_ROOT"]) / "staticfiles.json").exists()

    log_path = tmp_path / "gunicorn.log"
    with gunicorn(production_env, log_path) as base:
        status, _, home = get(base + "/")
        assert status == 200

        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
        assert stylesheet, "the home page does not link a hashed stylesheet"
        status, headers, css = get(base + stylesheet.group(1))
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        assert "immutable" in headers["Cache-Control"]
        assert css.strip()

        status, _, not_found = get(base + "/persons/no-such-person/")
        assert status == 404
        assert stylesheet.group(1) in not_found, "the 404 page is not in the site's look"
    assert "GET / HTTP/1.1" in log_path.read_text()
