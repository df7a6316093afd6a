"""The shared cache: CACHE_URL (or REDIS_URL) puts every cache in one Redis (config/cache.py).

- the settings, read in a fresh interpreter: Redis for every alias, each under its own key
  prefix, with CACHE_URL or REDIS_URL; local memory without either;
- two Django processes see each other's entries through the Redis on 127.0.0.1:6379;
- a Redis that is not there (a closed port), hangs (a socket that never answers) or stops and
  comes back (a redis-server of this test's own): pages still answer 200, the failure is logged
  once, Redis is left alone for RETRY_AFTER seconds, and used again once it is back.
"""

import contextlib
import json
import logging
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.core.cache import caches

from config.cache import RedisCache
from tests import factories
from tests.served import free_port
from tests.test_settings import run

SHARED_REDIS = "redis://127.0.0.1:6379/15"

PRINT_CACHES = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({alias: [c['BACKEND'], c.get('KEY_PREFIX', '')] "
    "for alias, c in settings.CACHES.items()}))"
)


def redis_cache(location: str, alias: str = "default", **options) -> dict:
    return {
        "BACKEND": "config.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}:{alias}",
        "OPTIONS": options,
    }


def caches_in_a_fresh_interpreter(**env: str) -> dict[str, list[str]]:
    result = run(["-c", PRINT_CACHES], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- settings --------------------------------------------------------------------------------


def test_without_a_cache_url_every_cache_is_local_memory():
    found = caches_in_a_fresh_interpreter()
    assert set(found) >= {"default", "iiif"}
    assert {backend for backend, _ in found.values()} == {
        "django.core.cache.backends.locmem.LocMemCache"
    }


@pytest.mark.parametrize("variable", ["CACHE_URL", "REDIS_URL"])
def test_a_cache_url_puts_every_cache_in_redis_each_under_its_own_prefix(variable):
    found = caches_in_a_fresh_interpreter(**{variable: SHARED_REDIS})
    assert {backend for backend, _ in found.values()} == {"config.cache.RedisCache"}
    assert {alias: prefix for alias, (_, prefix) in found.items()} == {
        alias: f"vitrine:{alias}" for alias in found
    }


def test_a_cache_of_its_own_for_iiif_images_still_wins():
    found = caches_in_a_fresh_interpreter(
        CACHE_URL=SHARED_REDIS,
        IIIF_CACHE_BACKEND="django.core.cache.backends.filebased.FileBasedCache",
        IIIF_CACHE_LOCATION="/tmp/vitrine-iiif",  # noqa: S108 (never written: settings only)
    )
    assert found["iiif"][0] == "django.core.cache.backends.filebased.FileBasedCache"
    assert found["default"][0] == "config.cache.RedisCache"


def test_a_cache_url_that_is_not_redis_is_an_error():
    result = run(["-c", PRINT_CACHES], CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "CACHE_URL (or REDIS_URL) must be a redis://" in result.stderr


# --- two processes, one Redis ---------------------------------------------------------------

WRITE = (
    "import sys, django; django.setup(); from django.core.cache import caches; "
    "[caches[a].set('shared', f'{a} from ' + sys.argv[1], 60) for a in ('default', 'iiif')]; "
    "print(type(caches['default']).__name__)"
)
READ = (
    "import json, django; django.setup(); from django.core.cache import caches; "
    "print(json.dumps({a: caches[a].get('shared') for a in ('default', 'iiif')}))"
)


def test_two_processes_share_every_cache_through_redis():
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    env = {"CACHE_URL": SHARED_REDIS, "CACHE_KEY_PREFIX": prefix}
    client = redis.Redis.from_url(SHARED_REDIS)
    try:
        written = run(["-c", WRITE, "the writer"], **env)
        assert written.returncode == 0, written.stderr
        assert written.stdout.strip() == "RedisCache"

        read = run(["-c", READ], **env)
        assert read.returncode == 0, read.stderr
        # The same key in two caches: two entries, each under its own prefix.
        assert json.loads(read.stdout) == {
            "default": "default from the writer",
            "iiif": "iiif from the writer",
        }
        keys = sorted(key.decode() for key in client.keys(f"{prefix}:*"))
        assert keys == [f"{prefix}:default:1:shared", f"{prefix}:iiif:1:shared"]

        other = run(["-c", READ], CACHE_URL=SHARED_REDIS, CACHE_KEY_PREFIX=prefix + "-other")
        assert json.loads(other.stdout) == {"default": None, "iiif": None}
    finally:
        for key in client.keys(f"{prefix}:*"):
            client.delete(key)
        client.close()


# --- Redis unavailable ----------------------------------------------------------------------


@pytest.fixture
def closed_port_caches(settings) -> str:
    """Every cache in a Redis at a local port where nothing listens (with a password)."""
    location = f"redis://:not-to-be-logged@127.0.0.1:{free_port()}/0"
    settings.CACHES = {alias: redis_cache(location, alias) for alias in settings.CACHES}
    return location


@pytest.mark.django_db
def test_pages_still_answer_when_redis_is_not_there(client, closed_port_caches, caplog):
    person = factories.PersonFactory(title="Anna Larina")
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        for url in ["/", person.get_absolute_url(), "/search/?q=Larina", "/search.json?q=Larina"]:
            assert client.get(url).status_code == 200, url
    unavailable = [r for r in caplog.records if "unavailable" in r.getMessage()]
    # Once per cache that was asked, not once per call: it is left alone for a while.
    assert 1 <= len(unavailable) <= len(caches.settings)
    assert "ConnectionError" in unavailable[0].getMessage()
    assert "not-to-be-logged" not in caplog.text


def test_every_call_answers_as_an_empty_cache_while_redis_is_not_there(closed_port_caches):
    cache = caches["default"]
    assert cache.get("key") is None
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_or_set("key", "computed") == "computed"
    cache.set("key", "value")
    assert cache.add("key", "value") is False
    assert cache.get_many(["a", "b"]) == {}
    cache.set_many({"a": 1})
    assert cache.has_key("a") is False
    assert cache.touch("a") is False
    assert cache.delete("a") is False
    cache.delete_many(["a"])
    with pytest.raises(ValueError, match="not found"):
        cache.incr("a")
    cache.clear()


@contextlib.contextmanager
def silent_server() -> Iterator[tuple[str, list[socket.socket]]]:
    """A port that accepts connections and never answers (a hung Redis); yields its URL and
    the connections accepted so far."""
    accepted: list[socket.socket] = []
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                accepted.append(server.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0", accepted
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        server.close()


def test_a_hung_redis_is_asked_once_then_left_alone_for_a_while():
    with silent_server() as (location, accepted):
        cache = RedisCache(location, redis_cache(location, socket_timeout=0.2))
        for _ in range(5):
            assert cache.get("key") is None
            cache.set("key", "value")
        assert len(accepted) == 1  # the first call waited for its timeout; the others did not


def test_after_the_pause_redis_is_asked_again():
    with silent_server() as (location, accepted):
        params = redis_cache(location, socket_timeout=0.2, RETRY_AFTER=0)
        cache = RedisCache(location, params)
        for _ in range(3):
            assert cache.get("key") is None
        assert len(accepted) == 3


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
def test_redis_stopped_and_started_again(tmp_path: Path, caplog):
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(tmp_path)]

    def start() -> subprocess.Popen:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                return server
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    location = f"redis://127.0.0.1:{port}/0"
    cache = RedisCache(location, redis_cache(location, RETRY_AFTER=0))
    server = start()
    try:
        cache.set("key", "value")
        assert cache.get("key") == "value"
        server.terminate()
        server.wait(timeout=10)
        with caplog.at_level(logging.WARNING, logger="config.cache"):
            assert cache.get("key") is None
            cache.set("key", "value")  # dropped
            server = start()  # empty: it saves nothing
            assert cache.get("key") is None
            cache.set("key", "again")
            assert cache.get("key") == "again"
        messages = [record.getMessage() for record in caplog.records]
        assert len(messages) == 2
        assert "unavailable (ConnectionError" in messages[0]
        assert "available again" in messages[1]
    finally:
        server.terminate()
        server.wait(timeout=10)
