"""Serving the project for real in a test: gunicorn on a free local port (or a unix socket),
requested over HTTP.

Used by the end-to-end tests of production serving (tests/test_serve.py), of a database outage
(tests/test_outage.py) and of nginx in front (tests/deploy/test_nginx.py).
"""

import http.client
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

START_TIMEOUT = 30  # seconds for gunicorn to answer its first request
STOP_TIMEOUT = 10


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, dict[str, str], str]:
    """Status, headers and text of a GET; HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (a local http URL)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def manage(env: dict[str, str], *args: str, timeout: int = 300) -> None:
    subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        timeout=timeout,
    )


class UnixHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection over a unix socket (gunicorn bound to `unix:<path>`)."""

    def __init__(self, path: str, timeout: float = 30) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


def _answers(base: str) -> None:
    """Request `/` from `base` (an http URL or `unix:<path>`); OSError while nobody answers."""
    if base.startswith("unix:"):
        connection = UnixHTTPConnection(base.removeprefix("unix:"))
        try:
            connection.request("GET", "/")
            connection.getresponse().read()
        finally:
            connection.close()
    else:
        get(base + "/")


@contextmanager
def gunicorn(
    env: dict[str, str],
    log_path: Path,
    *,
    bind: str = "",
    access_log_format: str = "",
) -> Iterator[str]:
    """Run `config.wsgi` under gunicorn (2 workers, access log in `log_path`) until the block
    ends; yields its base URL once it answers.

    `bind` is gunicorn's address (default: a free local port); for `unix:<path>` it yields that.
    `access_log_format` replaces gunicorn's access log format (its `%(…)s` atoms)."""
    base = bind or f"http://127.0.0.1:{free_port()}"
    options = [f"--access-logformat={access_log_format}"] if access_log_format else []
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                f"--bind={base.removeprefix('http://')}",
                "--workers=2",
                "--no-control-socket",  # leave a developer's running gunicorn alone
                "--access-logfile=-",
                *options,
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert server.poll() is None, f"gunicorn exited:\n{log_path.read_text()}"
            try:
                _answers(base)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"gunicorn did not answer in {START_TIMEOUT}s:\n{log_path.read_text()}"
                    )
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=STOP_TIMEOUT)
