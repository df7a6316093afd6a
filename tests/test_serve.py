"""Production serving, end to end: collectstatic, migrate, then gunicorn with DEBUG off.

What `make serve` does, against a temporary SQLite database and STATIC_ROOT on a free local port:
the home page, a hashed static file served by whitenoise and a 404 page in the site's look.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

START_TIMEOUT = 30  # seconds for gunicorn to answer its first request
STOP_TIMEOUT = 10


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (a local http URL)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY="a-test-secret-key-that-is-long-and-random-enough-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    return env


def test_gunicorn_serves_pages_static_files_and_404s_with_debug_off(production_env, tmp_path):
    _manage(production_env, "collectstatic", "--noinput", "-v0")
    _manage(production_env, "migrate", "--noinput", "-v0")
    assert (Path(production_env["STATIC_ROOT"]) / "staticfiles.json").exists()

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                f"--bind=127.0.0.1:{port}",
                "--workers=2",
                "--no-control-socket",  # leave a developer's running gunicorn alone
                "--access-logfile=-",
            ],
            cwd=settings.BASE_DIR,
            env=production_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert server.poll() is None, f"gunicorn exited:\n{log_path.read_text()}"
            try:
                status, _, home = _get(base + "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"gunicorn did not answer in {START_TIMEOUT}s:\n{log_path.read_text()}"
                    )
                time.sleep(0.2)
        assert status == 200

        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
        assert stylesheet, "the home page does not link a hashed stylesheet"
        status, headers, css = _get(base + stylesheet.group(1))
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        assert "immutable" in headers["Cache-Control"]
        assert css.strip()

        status, _, not_found = _get(base + "/persons/no-such-person/")
        assert status == 404
        assert stylesheet.group(1) in not_found, "the 404 page is not in the site's look"
    finally:
        server.terminate()
        try:
            server.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=STOP_TIMEOUT)
    assert "GET / HTTP/1.1" in log_path.read_text()
