import pytest
from django.contrib.auth.models import Group

from tests import factories


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes its files to its own temporary media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


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
