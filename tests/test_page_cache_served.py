"""Two app servers behind one shared cache: no stale page after a withdraw or a publication.

Two gunicorns (2 workers each) serve one database and share one Redis (CACHE_URL), as two
machines behind a load balancer would; a third process — a curator's, as `manage.py shell` —
changes the records. A page one server cached is answered by the other from the cache; after the
withdraw, the very next request to either answers 404, and a scheduled publication appears on
both once its time has come (public/page_cache.py).
"""

import time
import urllib.error
import urllib.request
import uuid

import pytest

from tests.served import gunicorn, manage

REDIS = "redis://127.0.0.1:6379/14"
PERSON_URL = "/persons/nikolai-bukharin/"


@pytest.fixture
def shared_env(production_env) -> dict[str, str]:
    env = dict(production_env)
    env.update(
        CACHE_URL=REDIS,
        CACHE_KEY_PREFIX=f"test-{uuid.uuid4().hex[:8]}",
        VITRINE_PAGE_CACHE="1",
    )
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "migrate", "--noinput", "-v0")
    return env


def shell(env: dict[str, str], code: str) -> None:
    """Run `code` in a third process (the curator's), with Person, Status and timezone."""
    setup = (
        "import datetime\n"
        "from django.utils import timezone\n"
        "from archive.models import Person, Status\n"
    )
    manage(env, "shell", "-c", setup + code)


def page(base: str, path: str) -> tuple[int, str | None, str]:
    """GET as a load balancer passes it on: the same Host whichever server answers."""
    request = urllib.request.Request(base + path, headers={"Host": "127.0.0.1"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (local http)
            return response.status, response.headers.get("X-Page-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache"), error.read().decode()


def test_two_servers_share_pages_and_never_serve_one_after_a_withdraw(shared_env, tmp_path):
    shell(
        shared_env,
        "Person.objects.create(title='Nikolai Bukharin', slug='nikolai-bukharin',"
        " status=Status.PUBLISHED, published_at=timezone.now())",
    )
    manage(shared_env, "render_citations")  # what the task worker would do: the page is complete
    with (
        gunicorn(shared_env, tmp_path / "a.log") as server_a,
        gunicorn(shared_env, tmp_path / "b.log") as server_b,
    ):
        status, state, text = page(server_a, PERSON_URL)
        assert (status, state) == (200, "miss") and "Nikolai Bukharin" in text
        status, state, text = page(server_b, PERSON_URL)
        assert (status, state) == (200, "hit"), "server B did not find A's page in the cache"
        assert "Nikolai Bukharin" in page(server_b, "/persons/")[2]
        assert page(server_a, "/persons/")[1] == "hit"

        shell(
            shared_env,
            "p = Person.objects.get(slug='nikolai-bukharin')\n"
            "p.status = Status.WITHDRAWN\n"
            "p.save()",
        )
        for server in (server_b, server_a):
            status, state, _ = page(server, PERSON_URL)
            assert (status, state) == (404, None)
            assert "Nikolai Bukharin" not in page(server, "/persons/")[2]

        due = 3  # seconds from now
        shell(
            shared_env,
            "Person.objects.create(title='Alexei Rykov', slug='alexei-rykov',"
            " status=Status.PUBLISHED,"
            f" published_at=timezone.now() + datetime.timedelta(seconds={due}))",
        )
        written = time.monotonic()
        assert "Alexei Rykov" not in page(server_a, "/persons/")[2]
        assert page(server_b, "/persons/")[1] == "hit"
        time.sleep(max(0.0, written + due + 0.2 - time.monotonic()))
        status, state, text = page(server_b, "/persons/")
        assert state == "miss" and "Alexei Rykov" in text
        assert "Alexei Rykov" in page(server_a, "/persons/alexei-rykov/")[2]
