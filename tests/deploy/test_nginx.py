"""deploy/nginx/vitrine.conf in front of gunicorn, for real: Debian's nginx on a free loopback port.

The committed configuration names the installed paths (/srv/vitrine, /run/vitrine-web); the test
renders it with temporary ones in their place, inside a main configuration of its own
(benchmarks.nginx, shared with `manage.py benchmark_stack`). Gunicorn serves the test database —
the one this test run made, reached over the network on PostgreSQL, a file copy of it on SQLite —
with VITRINE_MEDIA_ACCEL_REDIRECT set, as vitrine.env would. Gunicorn's access log records each
answer's Content-Length and X-Accel-Redirect: a media file nginx sent left Python with an empty
body.
"""

import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from archive import derivatives
from archive.models import Status
from benchmarks.nginx import CONF, NGINX, database_url, nginx_command, render_main, render_site
from tests import factories
from tests.served import free_port, gunicorn, manage
from tests.test_worker_deploy import DEPLOY, directives

START_TIMEOUT = 15
PREFIX = "/_media/"
# Gunicorn's access log line: request, status, the answer's Content-Length and X-Accel-Redirect,
# and the X-Forwarded-For and X-Forwarded-Proto the request arrived with. (Not gunicorn's body
# size `%(B)s`: it stays 0 for a file gunicorn passes to sendfile, streamed or not.)
ACCESS_LOG_FORMAT = (
    "%(r)s|%(s)s|%({content-length}o)s|%({x-accel-redirect}o)s"
    "|%({x-forwarded-for}i)s|%({x-forwarded-proto}i)s"
)

needs_nginx = pytest.mark.skipif(
    not NGINX.exists(),
    reason="nginx is not installed here (/usr/sbin/nginx; CI installs Debian's package)",
)


def test_the_configuration_agrees_with_the_web_service_and_the_environment_file():
    text = CONF.read_text()
    env = dict(
        line.split("=", 1)
        for line in (DEPLOY / "vitrine.env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    unit = directives("vitrine-web.service")
    defaults = dict(item.split("=", 1) for item in unit["Environment"][0].split())
    # nginx's upstream is where gunicorn listens, in the service's runtime directory.
    bind = defaults["VITRINE_WEB_BIND"]
    assert env["VITRINE_WEB_BIND"] == bind
    assert bind.startswith(f"unix:/run/{unit['RuntimeDirectory'][0]}/")
    assert f"server {bind} " in text
    # The internal location is the settings' prefix, mapped to MEDIA_ROOT; static to STATIC_ROOT.
    assert f"location {env['VITRINE_MEDIA_ACCEL_REDIRECT']} {{\n        internal;" in text
    assert f"alias {env['MEDIA_ROOT']}/;" in text
    assert f"alias {env['STATIC_ROOT']}/;" in text
    assert env["BEHIND_PROXY"] == "1"
    # Several uploads as large as the settings allow get through (a document's page images).
    [megabytes] = re.findall(r"client_max_body_size (\d+)m;", text)
    assert int(megabytes) * 2**20 > 4 * settings.VITRINE_IMAGE_MAX_BYTES


@needs_nginx
def test_the_committed_configuration_passes_nginx_t(tmp_path):
    """As committed, with the installed paths: nginx accepts it (`nginx -t`)."""
    main = render_main(tmp_path, CONF)
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        nginx_command(tmp_path, main, "-t"), capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
    assert "[warn]" not in result.stderr, result.stderr


@contextmanager
def nginx(directory: Path, main: Path, port: int) -> Iterator[None]:
    """Run nginx in the foreground with `main` until the block ends, once it accepts on `port`."""
    error_log = directory / "error.log"
    server = subprocess.Popen(  # noqa: S603 (fixed arguments)
        nginx_command(directory, main, "-g", "daemon off;"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert server.poll() is None, f"nginx exited:\n{error_log.read_text()}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"nginx did not listen in {START_TIMEOUT}s:\n{error_log.read_text()}"
                    )
                time.sleep(0.1)
        yield
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@dataclass
class Site:
    """nginx on `port` in front of gunicorn, whose access log is `gunicorn_log`."""

    port: int
    static_root: Path
    gunicorn_log: Path

    def get(self, path: str, **headers: str) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Host": "localhost", **headers})
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def logged(self, path: str) -> list[list[str]]:
        """Gunicorn's access log lines for GET `path`, split into ACCESS_LOG_FORMAT's fields
        (waiting a little: gunicorn writes the line after the answer)."""
        deadline = time.monotonic() + 5
        while True:
            lines = [
                line.split("|")
                for line in self.gunicorn_log.read_text().splitlines()
                if line.startswith(f"GET {path} HTTP/")
            ]
            if lines or time.monotonic() > deadline:
                return lines
            time.sleep(0.1)


@contextmanager
def served(tmp_path: Path) -> Iterator[Site]:
    """Static files collected, gunicorn on a unix socket and nginx with deploy/nginx/vitrine.conf
    in front of it, serving the test database and media as they are now."""
    static_root = tmp_path / "static"
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY="a-test-secret-key-that-is-long-and-random-enough-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        BEHIND_PROXY="1",
        DATABASE_URL=database_url(tmp_path),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        STATIC_ROOT=str(static_root),
        VITRINE_STORAGE="local",
        VITRINE_MEDIA_ACCEL_REDIRECT=PREFIX,
        CACHE_URL="",
        REDIS_URL="",
        LOG_FORMAT="plain",  # JSON logs would silence gunicorn's access log
    )
    manage(env, "collectstatic", "--noinput", "-v0")
    # A unix socket's path must be short (108 bytes); the pytest directory's may not be.
    sockets = Path(tempfile.mkdtemp(prefix="vitrine-nginx-"))
    sock = sockets / "gunicorn.sock"
    port = free_port()
    site = tmp_path / "vitrine.conf"
    site.write_text(
        render_site(
            static_root=static_root, media_root=Path(settings.MEDIA_ROOT), socket=sock, port=port
        )
    )
    main = render_main(tmp_path, site)
    log = tmp_path / "gunicorn.log"
    try:
        with (
            gunicorn(env, log, bind=f"unix:{sock}", access_log_format=ACCESS_LOG_FORMAT),
            nginx(tmp_path, main, port),
        ):
            yield Site(port=port, static_root=static_root, gunicorn_log=log)
    finally:
        shutil.rmtree(sockets, ignore_errors=True)


@needs_nginx
def test_nginx_sends_media_after_the_visibility_check_and_static_files_itself(
    transactional_db, settings, tmp_path
):
    published = factories.PhotographFactory(
        slug="published",
        image=factories.image_file("Été à Paris.jpg", width=1200, height=800),
    )
    draft = factories.PhotographFactory(slug="draft", status=Status.DRAFT)
    media = Path(settings.MEDIA_ROOT)
    original = media / published.image.name
    assert not published.image.name.isascii()  # the X-Accel-Redirect path must be quoted
    tile = media / derivatives.directory(published.sha256) / "tiles" / "512" / "1" / "0,0.jpg"
    assert tile.exists()

    with served(tmp_path) as site:
        # A published original: nginx sends the file; Python answered with an empty body.
        path = "/photographs/published/original.img"
        answer = site.get(path)
        assert answer.status == 200
        assert answer.body == original.read_bytes()
        assert answer.headers["Content-Type"] == "image/jpeg"
        assert answer.headers["Content-Length"] == str(original.stat().st_size)
        assert (
            "filename*=utf-8''%C3%89t%C3%A9_%C3%A0_Paris.jpg"
            in answer.headers["Content-Disposition"]
        )
        assert "private" not in answer.headers.get("Cache-Control", "")
        assert "X-Accel-Redirect" not in answer.headers  # nginx keeps it to itself
        assert answer.headers["X-Content-Type-Options"] == "nosniff"  # passed on by nginx
        assert "Last-Modified" in answer.headers
        [[_, status, length, accel, *_]] = site.logged(path)
        assert (status, length) == ("200", "0")
        assert accel == PREFIX + quote(published.image.name)
        part = site.get(path, Range="bytes=0-99")  # nginx answers ranges of what it sends
        assert part.status == 206 and part.body == original.read_bytes()[:100]

        # An unpublished one: 404 from Django, and nothing handed to nginx.
        path = "/photographs/draft/original.img"
        assert site.get(path).status == 404
        assert site.get("/photographs/draft/thumbnail.img").status == 404
        [[_, status, _, accel, *_]] = site.logged(path)
        assert (status, accel) == ("404", "-")
        # Nor can anyone ask nginx for a media file directly: that location is internal.
        assert site.get(PREFIX + quote(draft.image.name)).status == 404
        assert site.get(PREFIX + quote(published.image.name)).status == 404

        # A deep-zoom tile made at ingest: nginx sends it, with the image service's headers.
        path = "/iiif/image/published/0,0,512,512/512,512/0/default.jpg"
        answer = site.get(path)
        assert answer.status == 200
        assert answer.body == tile.read_bytes()
        assert answer.headers["Content-Type"] == "image/jpeg"
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
        assert "profile" in answer.headers["Link"]
        assert answer.headers["Cache-Control"] == "public, max-age=86400"
        [[_, status, length, accel, *_]] = site.logged(path)
        assert (status, length) == ("200", "0") and accel.startswith(PREFIX)

        # The client's X-Forwarded-* are not believed: nginx appends and replaces.
        path = "/?through=nginx"  # a line of its own in the log (gunicorn's readiness check got /)
        answer = site.get(path, **{"X-Forwarded-For": "192.0.2.9", "X-Forwarded-Proto": "https"})
        assert answer.status == 200
        [[*_, forwarded_for, forwarded_proto]] = site.logged(path)
        assert forwarded_for == "192.0.2.9, 127.0.0.1"
        assert forwarded_proto == "http"

        # A hashed static file: sent by nginx, cached for good, compressed when asked.
        stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', answer.body)
        assert stylesheet, "the home page does not link a hashed stylesheet"
        path = stylesheet.group(1).decode()
        on_disk = (site.static_root / path.removeprefix("/static/")).read_bytes()
        answer = site.get(path, **{"Accept-Encoding": "gzip"})
        assert answer.status == 200
        assert answer.headers["Content-Type"].startswith("text/css")
        assert answer.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(answer.body) == on_disk
        cache_control = ", ".join(answer.headers.get_all("Cache-Control"))
        assert "immutable" in cache_control and "max-age=315360000" in cache_control
        assert answer.headers["Expires"] == "Thu, 31 Dec 2037 23:55:55 GMT"
        plain = site.get(path)
        assert "Content-Encoding" not in plain.headers and plain.body == on_disk
        # A name without a hash is cached briefly; a missing file is nginx's 404.
        answer = site.get("/static/css/site.css")
        assert answer.status == 200 and answer.headers.get_all("Cache-Control") == ["max-age=60"]
        assert site.get("/static/no-such-file.css").status == 404
        assert not site.logged(path) and not site.logged("/static/css/site.css")
