"""Reads on a PostgreSQL streaming replica (DATABASE_REPLICA_URL, config/replica.py).

Fast tests: the settings (in a fresh interpreter), and which requests may read the replica. Then,
on PostgreSQL only, the real thing: a throwaway primary and a replica made from it with
`pg_basebackup -R`, both on loopback ports of their own (never the shared server), every statement
logged by each with the client's application name; gunicorn serving Vitrine from the pair. Which
server answered a request is read from those logs.
"""

import contextlib
import glob
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from config import replica
from config.replica import PRIMARY, REPLICA, ReplicaMiddleware, ReplicaRouter, may_read_replica
from tests.served import gunicorn

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# --- settings -----------------------------------------------------------------------------------

# The settings module itself (what Django reads), without setting Django up: a fraction of a second.
PRINT_DATABASES = (
    "import json; import config.settings as s; "
    "print(json.dumps({'aliases': sorted(s.DATABASES), 'replica': s.DATABASES.get('replica'), "
    "'routers': getattr(s, 'DATABASE_ROUTERS', []), 'middleware': s.MIDDLEWARE}, default=str))"
)


def settings_with(**env: str) -> subprocess.CompletedProcess:
    """Load the settings in a fresh interpreter with only these variables (and PATH) set."""
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", PRINT_DATABASES],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_without_a_replica_url_nothing_changes():
    result = settings_with(DATABASE_URL="postgres://postgres@127.0.0.1:5432/vitrine")
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["aliases"] == ["default"]
    assert loaded["routers"] == []
    assert not any("replica" in name for name in loaded["middleware"])


def test_a_replica_url_adds_the_replica_its_router_and_middleware():
    result = settings_with(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/vitrine",
        DATABASE_REPLICA_URL="postgres://postgres@10.0.0.2:5432/vitrine",
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["aliases"] == ["default", "replica"]
    assert loaded["replica"]["HOST"] == "10.0.0.2"
    assert loaded["replica"]["OPTIONS"]["connect_timeout"] == 2
    assert loaded["replica"]["TEST"]["MIRROR"] == "default"  # tests never create a second DB
    assert loaded["routers"] == ["config.replica.ReplicaRouter"]
    middleware = loaded["middleware"]
    position = middleware.index("config.replica.ReplicaMiddleware")
    # After the user is known, and inside the page cache (which reads its generation first).
    assert middleware[position - 1] == "django.contrib.auth.middleware.AuthenticationMiddleware"
    assert middleware.index("public.page_cache.PageCacheMiddleware") < position


@pytest.mark.parametrize(
    ("primary", "replica"),
    [
        ("", "postgres://postgres@10.0.0.2:5432/vitrine"),  # the default: SQLite
        ("sqlite:////tmp/vitrine.sqlite3", "sqlite:////tmp/other.sqlite3"),
        ("postgres://postgres@127.0.0.1:5432/vitrine", "sqlite:////tmp/vitrine.sqlite3"),
    ],
)
def test_a_replica_needs_postgresql(primary, replica):
    result = settings_with(DATABASE_URL=primary, DATABASE_REPLICA_URL=replica)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_REPLICA_URL needs PostgreSQL" in result.stderr


# --- which requests may read the replica --------------------------------------------------------


class SignedIn:
    is_authenticated = True


@pytest.mark.parametrize(
    ("method", "path", "cookies", "user", "allowed"),
    [
        ("get", "/persons/someone/", {}, None, True),
        ("head", "/", {}, None, True),
        ("get", "/api/v1/persons/", {}, None, True),
        ("post", "/clipboard/", {}, None, False),
        ("put", "/persons/someone/", {}, None, False),
        ("get", "/admin/", {}, None, False),
        ("get", "/admin/archive/person/", {}, None, False),
        # A session: a curator browsing the site reads the primary; a visitor with a clipboard
        # does not need to.
        ("get", "/persons/someone/", {"sessionid": "x"}, SignedIn(), False),
        ("get", "/persons/someone/", {"sessionid": "x"}, AnonymousUser(), True),
    ],
)
def test_only_anonymous_reads_outside_the_admin_may_read_the_replica(
    method, path, cookies, user, allowed
):
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies)
    if user is not None:
        request.user = user
    assert may_read_replica(request) is allowed


def test_outside_a_request_everything_uses_the_primary():
    """Management commands, the task worker, the shell: no request, no replica."""
    from archive.models import Person

    router = ReplicaRouter()
    assert router.db_for_read(Person) == PRIMARY
    assert router.db_for_write(Person) == PRIMARY
    assert router.allow_migrate("replica", "archive") is False
    assert router.allow_migrate(PRIMARY, "archive") is True


@pytest.mark.django_db(transaction=True)  # not inside the test's own transaction
def test_a_request_that_writes_or_opens_a_transaction_reads_the_primary():
    from archive.models import Person

    router = ReplicaRouter()
    seen = []

    def view(request):
        route = replica._route.get()
        route.alias = REPLICA  # as if the replica had been found caught up
        seen.append(router.db_for_read(Person))
        with transaction.atomic():
            seen.append(router.db_for_read(Person))
        seen.append(router.db_for_read(Person))
        router.db_for_write(Person)
        seen.append(router.db_for_read(Person))
        return HttpResponse()

    ReplicaMiddleware(view)(RequestFactory().get("/"))
    assert seen == [REPLICA, PRIMARY, REPLICA, PRIMARY]
    assert router.db_for_read(Person) == PRIMARY  # the request is over


# --- a real primary and its streaming replica ---------------------------------------------------

DB_NAME = "vitrine_replica"
APP = "vitrine-app"  # the application name of Vitrine's connections, in both servers' logs
CONTROL = "vitrine-test"  # this test's own queries
SECRET = "a-test-secret-key-that-is-long-and-random-enough-0123456789abcdef"
PASSWORD = "correct horse battery staple"
STREAM_TIMEOUT = 20  # seconds for the replica to stream, or to catch up
STATEMENT = re.compile(rf"^{APP}\|.*?(?:statement|execute [^:]*): (.*)$")


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_basebackup"))
    return Path(found[-1]).parent if found else None


def _free_ports(count: int) -> list[int]:
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


class Pair:
    """A primary and a streaming replica of it: throwaway clusters in one temporary directory,
    run as the postgres user (PostgreSQL refuses root)."""

    def __init__(self, bin_dir: Path, root: Path) -> None:
        self.bin_dir, self.root = bin_dir, root
        self.ports = dict(zip(("primary", "replica"), _free_ports(2), strict=True))

    def run(self, program: str, *args: str) -> None:
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(  # noqa: S603 (fixed arguments)
            [*as_postgres, str(self.bin_dir / program), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def data(self, server: str) -> Path:
        return self.root / server

    def log(self, server: str) -> Path:
        return self.root / f"{server}.log"

    def url(self, server: str) -> str:
        return (
            f"postgres://postgres@127.0.0.1:{self.ports[server]}/{DB_NAME}?application_name={APP}"
        )

    def start(self, server: str) -> None:
        options = f"-p {self.ports[server]} -k {self.root}"
        self.run(
            "pg_ctl", "-D", str(self.data(server)), "-o", options, "-l", str(self.log(server)),
            "-w", "start",
        )  # fmt: skip

    def stop(self, server: str, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data(server)), "-m", mode, "-w", "stop")

    def create(self) -> None:
        primary = self.data("primary")
        self.run("initdb", "-D", str(primary), "-U", "postgres", "--auth=trust", "--no-sync")
        with (primary / "postgresql.conf").open("a") as conf:  # the replica copies it
            conf.write(
                "listen_addresses = '127.0.0.1'\n"
                "fsync = off\n"
                "wal_level = replica\n"
                "max_wal_senders = 4\n"
                "hot_standby = on\n"
                "log_statement = 'all'\n"
                "log_line_prefix = '%a|'\n"
            )
        with (primary / "pg_hba.conf").open("a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        self.start("primary")
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.ports["primary"]), "-U", "postgres",
                 DB_NAME)  # fmt: skip
        self.run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(self.ports["primary"]), "-U", "postgres",
            "-D", str(self.data("replica")), "-R", "-X", "stream", "-c", "fast", "--no-sync",
        )  # fmt: skip
        self.start("replica")
        self.wait(lambda: self.query("primary", "SELECT state FROM pg_stat_replication")
                  == "streaming", "the replica to stream")  # fmt: skip

    def query(self, server: str, sql: str, params: tuple = ()):
        """The first value of the first row of `sql` on that server (None without a row)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            port=self.ports[server],
            user="postgres",
            dbname=DB_NAME,
            application_name=CONTROL,
            autocommit=True,
        ) as conn:
            row = conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def wait(self, condition, what: str) -> None:
        deadline = time.monotonic() + STREAM_TIMEOUT
        while not condition():
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            time.sleep(0.05)

    def caught_up(self) -> bool:
        position = self.query("primary", "SELECT pg_current_wal_lsn()")
        return self.query("replica", "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (position,))

    def app_statements(self, server: str, since: int) -> list[str]:
        """The statements Vitrine sent this server after byte `since` of its log."""
        with self.log(server).open("rb") as log:
            log.seek(since)
            lines = log.read().decode(errors="replace").splitlines()
        return [match[1] for line in lines if (match := STATEMENT.match(line))]

    def log_sizes(self) -> dict[str, int]:
        return {server: self.log(server).stat().st_size for server in self.ports}


class Browser:
    """One visitor over HTTP, keeping its cookies; never follows a redirect."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            text = response.read().decode()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
        finally:
            conn.close()
        return response.status, text


class Site:
    """The pair, Vitrine served from it, and the records made for these tests."""

    def __init__(self, pair: Pair, base: str, records: dict[str, int], log: Path) -> None:
        self.pair, self.base, self.records, self.log = pair, base, records, log
        self.requests = 0

    def served(self, browser: Browser, method: str, path: str, form: dict | None = None):
        """(status, body, {server: Vitrine's statements on it while answering})."""
        marks = self.pair.log_sizes()
        status, body = browser.request(method, path, form)
        statements = {server: self.pair.app_statements(server, marks[server]) for server in marks}
        return status, body, statements

    def visit(self, slug: str):
        """An anonymous visitor's GET of a person's page; a query string of its own each time,
        so the page cache never answers it without reading the database."""
        self.requests += 1
        return self.served(Browser(self.base), "GET", f"/persons/{slug}/?visit={self.requests}")

    def status_on(self, server: str, slug: str) -> str | None:
        return self.pair.query(server, "SELECT status FROM archive_person WHERE slug = %s", (slug,))


# Run by `manage.py shell` with both databases configured: migrate must leave the replica alone
# (it would fail there: a replica is read-only), and these writes go to the primary.
MAKE_RECORDS = f"""
import json
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.contrib.auth import get_user_model
from archive.models import Person
from archive.roles import setup_roles
curator = get_user_model().objects.create_user("curator", password={PASSWORD!r}, is_staff=True)
curator.groups.set([setup_roles()["Curator"]])
records = {{}}
for slug, status in [("replica-shown", "published"), ("replica-edited", "draft"),
                     ("replica-published", "draft"), ("replica-withdrawn", "published")]:
    title = slug.replace("-", " ").title() + " Person"
    records[slug] = Person.objects.create(title=title, slug=slug, status=status).pk
print(json.dumps(records))
"""


def _person_reads(statements: list[str], slug: str) -> list[str]:
    return [s for s in statements if s.startswith("SELECT") and f"'{slug}'" in s]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    if connection.vendor != "postgresql":
        pytest.skip("a streaming replica needs PostgreSQL: run the suite with a postgres:// URL")
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries (pg_basebackup) in /usr/lib/postgresql/*/bin")
    # In memory when there is /dev/shm (removing them from a disk mounted with `discard` takes
    # seconds); mkdtemp makes a fresh directory only its owner may enter.
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None  # noqa: S108
    root = Path(tempfile.mkdtemp(prefix="vitrine-replica-", dir=shm))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    pair = Pair(bin_dir, root)
    tmp = tmp_path_factory.mktemp("replica-site")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": pair.url("primary"),
        "DATABASE_REPLICA_URL": pair.url("replica"),
        "VITRINE_PAGE_CACHE": "1",
        "CACHE_URL": "",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
    }
    # Static files while the clusters are made (DEBUG=0 serves them from a manifest).
    collectstatic = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
    )
    try:
        pair.create()
        made = subprocess.run(  # noqa: S603 (fixed arguments)
            [sys.executable, "manage.py", "shell", "-c", MAKE_RECORDS],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        records = json.loads(made.stdout.strip().splitlines()[-1])
        pair.wait(pair.caught_up, "the replica to catch up")
        assert collectstatic.wait(timeout=120) == 0
        log_path = tmp / "gunicorn.log"
        with gunicorn(env, log_path) as base:
            yield Site(pair, base, records, log_path)
        log = log_path.read_text()
        assert "Traceback" not in log, log[-3000:]
    finally:
        if collectstatic.poll() is None:
            collectstatic.kill()
            collectstatic.wait()
        for server in ("replica", "primary"):
            with contextlib.suppress(subprocess.CalledProcessError):  # not running
                pair.stop(server, "immediate")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def curator(site: Site) -> Browser:
    browser = Browser(site.base)
    assert browser.request("GET", "/admin/login/")[0] == 200
    status, body = browser.request(
        "POST",
        "/admin/login/?next=/admin/",
        {"username": "curator", "password": PASSWORD, "next": "/admin/"},
    )
    assert status == 302, body[:2000]
    assert "sessionid" in browser.cookies
    return browser


def test_an_anonymous_page_is_read_from_the_replica(site: Site):
    status, body, statements = site.visit("replica-shown")

    assert status == 200
    assert "Replica Shown Person" in body
    assert _person_reads(statements["replica"], "replica-shown")
    assert not _person_reads(statements["primary"], "replica-shown")
    # The one question each server was asked to choose: how far the primary has written, and
    # whether the replica has replayed that far.
    assert any("pg_current_wal_lsn()" in s for s in statements["primary"])
    assert any("pg_last_wal_replay_lsn()" in s for s in statements["replica"])
    assert site.pair.query("replica", "SELECT pg_is_in_recovery()") is True


def test_the_admin_reads_and_writes_the_primary(site: Site, curator: Browser):
    pk = site.records["replica-edited"]

    status, body, statements = site.served(curator, "GET", f"/admin/archive/person/{pk}/change/")
    assert status == 200
    assert "Replica Edited Person" in body
    assert statements["replica"] == []
    assert any('"archive_person"' in s for s in statements["primary"])

    status, body, statements = site.served(
        curator,
        "POST",
        "/admin/archive/person/",
        {"action": "send_to_review", "_selected_action": pk, "index": "0"},
    )
    assert status == 302, body[:2000]
    assert statements["replica"] == []
    assert any(s.startswith('UPDATE "archive_person"') for s in statements["primary"])
    assert site.status_on("primary", "replica-edited") == "review"

    # A curator on the public site reads the primary too.
    status, body, statements = site.served(curator, "GET", "/persons/replica-shown/?curator=1")
    assert status == 200
    assert statements["replica"] == []
    assert _person_reads(statements["primary"], "replica-shown")


def test_right_after_a_publish_or_a_withdrawal_a_lagging_replica_is_not_read(
    site: Site, curator: Browser
):
    pair = site.pair
    assert site.visit("replica-published")[0] == 404
    assert site.visit("replica-withdrawn")[0] == 200

    pair.query("replica", "SELECT pg_wal_replay_pause()")
    try:
        pair.wait(
            lambda: pair.query("replica", "SELECT pg_get_wal_replay_pause_state()") == "paused",
            "replay to pause",
        )
        for action, slug in (("publish", "replica-published"), ("withdraw", "replica-withdrawn")):
            status, body, _ = site.served(
                curator,
                "POST",
                "/admin/archive/person/",
                {"action": action, "_selected_action": site.records[slug], "index": "0"},
            )
            assert status == 302, body[:2000]
        # The replica really lags: it still has the old states.
        assert site.status_on("replica", "replica-published") == "draft"
        assert site.status_on("replica", "replica-withdrawn") == "published"
        assert site.status_on("primary", "replica-published") == "published"
        assert site.status_on("primary", "replica-withdrawn") == "withdrawn"

        # The very next visitors see the new state, read from the primary.
        status, body, statements = site.visit("replica-published")
        assert status == 200
        assert "Replica Published Person" in body
        assert _person_reads(statements["primary"], "replica-published")
        assert not _person_reads(statements["replica"], "replica-published")

        status, body, statements = site.visit("replica-withdrawn")
        assert status == 404
        assert "Replica Withdrawn Person" not in body
        assert _person_reads(statements["primary"], "replica-withdrawn")
        assert not _person_reads(statements["replica"], "replica-withdrawn")

        # So does the page cache: the same page, asked again without a query string.
        path = "/persons/replica-published/"
        for _ in range(2):
            status, body, _ = site.served(Browser(site.base), "GET", path)
            assert status == 200
            assert "Replica Published Person" in body
    finally:
        pair.query("replica", "SELECT pg_wal_replay_resume()")

    pair.wait(pair.caught_up, "the replica to catch up")
    status, body, statements = site.visit("replica-published")
    assert status == 200
    assert _person_reads(statements["replica"], "replica-published")
    assert not _person_reads(statements["primary"], "replica-published")
    status, body, statements = site.visit("replica-withdrawn")
    assert status == 404
    assert _person_reads(statements["replica"], "replica-withdrawn")


def test_a_replica_that_is_down_leaves_the_site_on_the_primary(site: Site):
    """Last: stops the replica."""
    site.pair.stop("replica")

    for _ in range(3):  # whichever gunicorn worker answers
        status, body, statements = site.visit("replica-shown")
        assert status == 200
        assert "Replica Shown Person" in body
        assert _person_reads(statements["primary"], "replica-shown")
    assert "Read replica cannot be asked (OperationalError" in site.log.read_text()
