"""While the database is unreachable every page answers 503 with Retry-After, never 500.

Fast tests of config.outage.DatabaseUnavailableMiddleware with views (and a middleware) that
raise, on either database; and, on PostgreSQL only, a real outage: a throwaway PostgreSQL cluster
of its own (never the shared server), gunicorn serving the demo from it with DEBUG off, the
cluster stopped (503s), then started again (200s, with nothing restarted on Vitrine's side).
"""

import contextlib
import glob
import json
import logging
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from tests.served import free_port, get, gunicorn, manage

RETRY_AFTER = "30"


# --- fast tests: views and a middleware that raise ----------------------------------------------


def _refused(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')


def _closed(request):
    raise InterfaceError("connection already closed")


def _bug(request):
    raise RuntimeError("an ordinary bug")


def _fine(request):
    return HttpResponse("fine")


urlpatterns = [
    path("page/", _refused),
    path("closed/", _closed),
    path("bug/", _bug),
    path("fine/", _fine),
    path("api/v1/persons/", _refused),
    path("search.json", _refused),
    path("oai/", _closed),
]


class OutageInMiddleware:
    """Stands for a middleware that reads the database before the view (sessions, axes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/fine/":
            raise OperationalError("the database system is shutting down")
        return self.get_response(request)


@pytest.fixture
def outage_client() -> Client:
    # Not re-raising the view's exception: what matters is the answer a visitor gets.
    return Client(raise_request_exception=False)


pytestmark_urls = pytest.mark.urls("tests.test_outage")


@pytestmark_urls
@pytest.mark.parametrize("url", ["/page/", "/closed/"])
def test_an_unreachable_database_answers_503_with_retry_after(outage_client, url, caplog):
    with caplog.at_level(logging.WARNING):
        response = outage_client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == RETRY_AFTER
    assert response["Content-Type"].startswith("text/html")
    assert b"Temporarily unavailable" in response.content
    assert b"database is unavailable" in response.content
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    assert errors[0].levelno == logging.WARNING
    assert ("OperationalError" if url == "/page/" else "InterfaceError") in errors[0].getMessage()
    assert errors[0].exc_info is None  # no traceback


@pytestmark_urls
@pytest.mark.parametrize("url", ["/api/v1/persons/", "/search.json"])
def test_json_surfaces_answer_503_with_a_json_detail(outage_client, url):
    response = outage_client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == RETRY_AFTER
    assert set(response.json()) == {"detail"}


@pytestmark_urls
def test_oai_answers_a_plain_503(outage_client):
    response = outage_client.get("/oai/")
    assert response.status_code == 503
    assert response["Retry-After"] == RETRY_AFTER
    assert response["Content-Type"].startswith("text/plain")


@pytestmark_urls
def test_retry_after_follows_the_setting(outage_client, settings):
    settings.VITRINE_OUTAGE_RETRY_AFTER = 120
    assert outage_client.get("/page/")["Retry-After"] == "120"


@pytestmark_urls
def test_an_outage_inside_another_middleware_answers_503_too(outage_client, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.test_outage.OutageInMiddleware"]
    response = outage_client.get("/fine/")
    assert response.status_code == 503
    assert response["Retry-After"] == RETRY_AFTER
    assert b"Temporarily unavailable" in response.content


@pytestmark_urls
def test_other_errors_still_answer_500(outage_client):
    response = outage_client.get("/bug/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert outage_client.get("/fine/").status_code == 200


# --- a real PostgreSQL outage -------------------------------------------------------------------

RECOVERY_TIMEOUT = 10  # seconds for / to answer 200 again once PostgreSQL is back
DB_NAME = "vitrine_outage"
SECRET = "a-test-secret-key-that-is-long-and-random-enough-0123456789abcdef"


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary directory, run as the postgres user."""

    def __init__(self, bin_dir: Path, root: Path, port: int):
        self.bin_dir, self.root, self.port = bin_dir, root, port
        self.data = root / "data"

    def run(self, program: str, *args: str) -> None:
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(  # noqa: S603 (fixed arguments)
            [*as_postgres, str(self.bin_dir / program), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def init(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.root / "postgres.log")
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")


@pytest.fixture
def cluster():
    if connection.vendor != "postgresql":
        pytest.skip("a real outage is tested only when the suite runs on PostgreSQL")
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    root = Path(tempfile.mkdtemp(prefix="vitrine-outage-"))
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(root, "postgres", "postgres")
    cluster = Cluster(bin_dir, root, free_port())
    cluster.init()
    cluster.start()
    try:
        cluster.run(
            "createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", DB_NAME
        )
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


def test_a_postgresql_outage_answers_503_and_recovers(cluster, tmp_path):
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{cluster.port}/{DB_NAME}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    for command in (
        ["collectstatic", "--noinput", "-v0"],
        ["migrate", "--noinput", "-v0"],
        ["load_demo"],
    ):
        manage(env, *command)

    log_path = tmp_path / "gunicorn.log"
    with gunicorn(env, log_path) as base:
        assert get(base + "/")[0] == 200
        assert get(base + "/persons/nikolai-bukharin/")[0] == 200

        cluster.stop("fast")
        answers = {}
        for url in (
            "/",
            "/persons/nikolai-bukharin/",
            "/search/?q=Bukharin",
            "/api/v1/persons/",
            "/search.json?q=Bukharin",
            "/oai/?verb=Identify",
        ):
            status, headers, body = get(base + url)
            answers[url] = status
            # A page served from a cache may answer 200; any other 5xx than 503 is a failure.
            assert status in (200, 503), (url, status, body[:500])
            if status == 503:
                assert headers.get("Retry-After") == RETRY_AFTER, (url, headers)
                if url.startswith(("/api/", "/search.json")):
                    assert set(json.loads(body)) == {"detail"}
                elif url.startswith("/oai/"):
                    assert headers["Content-Type"].startswith("text/plain")
                else:
                    assert "Temporarily unavailable" in body
        # None of these is cached by Vitrine: each must have been a 503.
        assert all(status == 503 for status in answers.values()), answers

        cluster.start()
        deadline = time.monotonic() + RECOVERY_TIMEOUT
        while get(base + "/")[0] != 200:
            assert time.monotonic() < deadline, "/ did not answer 200 after PostgreSQL came back"
            time.sleep(0.2)
        assert get(base + "/persons/nikolai-bukharin/")[0] == 200
        assert get(base + "/api/v1/persons/")[0] == 200
    log = log_path.read_text()
    assert "Traceback" not in log, log[-3000:]
