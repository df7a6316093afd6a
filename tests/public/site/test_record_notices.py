"""A record's content notice hides the record until the visitor acknowledges it."""

import pytest

from archive.notices import NOTICE_SESSION_KEY
from tests import factories

pytestmark = pytest.mark.django_db


def test_record_content_notice_hides_the_record_until_acknowledged(client):
    event = factories.EventFactory(
        slug="execution",
        title="An execution",
        description="The details of the execution.",
        content_notice="This record concerns the execution of political prisoners.",
    )

    page = client.get(event.get_absolute_url()).content.decode()
    assert "This record concerns the execution of political prisoners." in page
    assert "The details of the execution." not in page
    assert f"?acknowledge=event-{event.pk}" in page
    assert "An execution" in page  # the title says what the notice is about

    page = client.get(event.get_absolute_url(), {"acknowledge": f"event-{event.pk}"})
    assert "The details of the execution." in page.content.decode()
    assert client.session[NOTICE_SESSION_KEY] == [f"event-{event.pk}"]
    # Remembered: the plain address now shows the record.
    assert "The details of the execution." in client.get(event.get_absolute_url()).content.decode()


def test_a_record_without_a_notice_shows_at_once(client):
    event = factories.EventFactory(slug="plain", description="Plain facts.")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Plain facts." in page
    assert "Content notice" not in page
