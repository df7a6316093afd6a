import os
import uuid

import pytest
from django.contrib.auth.models import Group

from tests import factories
from tests.admin_forms import admin_form_data, admin_submit

__all__ = ["admin_form_data", "admin_submit"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes its files to its own temporary media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing each test user's password with the real hasher takes about a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config: pytest.Config) -> None:
    """Whole pages are cached until a committed change (public/page_cache.py); most tests change
    data inside a transaction that never commits, so the page cache is off unless a test turns it
    on (tests/public/test_page_cache.py). Here rather than in a fixture: some test modules request
    pages while they are collected (the API schema)."""
    from django.conf import settings

    settings.VITRINE_PAGE_CACHE = False


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (cached search answers belong to one database)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def roles(db) -> dict[str, Group]:
    from archive.roles import setup_roles

    return setup_roles()


@pytest.fixture
def curator(roles):
    return factories.UserFactory(username="curator", groups=[roles["Curator"]])


@pytest.fixture
def editor(roles):
    return factories.UserFactory(username="editor", groups=[roles["Editor"]])


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# Media on an S3-compatible server (moto's, on 127.0.0.1): tests/archive/test_s3_storage.py and
# the health check's storage probe.
ACCESS = {"aws_access_key_id": "vitrine-test", "aws_secret_access_key": "vitrine-test-secret"}
REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3-compatible server on a free port, for the whole session."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A fresh bucket, made the default storage by config.settings from the same environment
    variables a deployment sets (VITRINE_STORAGE=s3 …)."""
    import boto3

    from config.settings import media_storage

    name = f"vitrine-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **ACCESS)
    client.create_bucket(Bucket=name)
    for variable, value in {
        "VITRINE_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": ACCESS["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": ACCESS["aws_secret_access_key"],
        "AWS_S3_ADDRESSING_STYLE": "path",
    }.items():
        monkeypatch.setenv(variable, value)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage()}
    client.vitrine_bucket = name
    return client


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    """The environment of a production server (DEBUG off) on a temporary SQLite database,
    static and media root, for the tests that serve the project with gunicorn."""
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
