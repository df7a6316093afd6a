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
