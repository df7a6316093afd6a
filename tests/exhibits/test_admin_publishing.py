"""Publishing exhibits from the admin: the curators' actions, the Editors' limits, scheduling
with "publish at", and the staff preview of unpublished exhibits."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from archive.models import Status
from exhibits.models import Exhibit, Section
from tests.exhibits import factories as exhibit_factories

pytestmark = pytest.mark.django_db

EXHIBITS = reverse("admin:exhibits_exhibit_changelist")


def change_url(exhibit: Exhibit) -> str:
    return reverse("admin:exhibits_exhibit_change", args=[exhibit.pk])


def action_names(response) -> set[str]:
    return {name for name, _label in response.context["action_form"].fields["action"].choices}


def run_action(client, action: str, *exhibits: Exhibit):
    return client.post(
        EXHIBITS,
        {"action": action, "_selected_action": [e.pk for e in exhibits], "index": 0},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def split_datetime(moment: datetime.datetime) -> dict[str, str]:
    local = timezone.localtime(moment)
    return {
        "published_at_0": local.date().isoformat(),
        "published_at_1": local.time().replace(microsecond=0).isoformat(),
    }


# Actions ----------------------------------------------------------------------------------


def test_curator_publishes_sends_to_review_and_withdraws(curator_client):
    draft = exhibit_factories.ExhibitFactory(status=Status.DRAFT)
    response = curator_client.get(EXHIBITS)
    assert {"publish", "send_to_review", "withdraw", "delete_selected"} <= action_names(response)

    response = run_action(curator_client, "publish", draft)
    assert "1 exhibit published." in messages_of(response)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_at is not None
    assert draft.history.first().history_change_reason == "Published"

    run_action(curator_client, "withdraw", draft)
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN

    run_action(curator_client, "send_to_review", draft)
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW


def test_editor_cannot_publish_an_exhibit(editor_client, admin_submit):
    exhibit = exhibit_factories.ExhibitFactory(status=Status.REVIEW)
    response = editor_client.get(EXHIBITS)
    assert action_names(response) == {"", "send_to_review"}

    run_action(editor_client, "publish", exhibit)
    exhibit.refresh_from_db()
    assert exhibit.status == Status.REVIEW

    # Nor through the change form: "published" is not a choice, and a forged POST is refused.
    form = editor_client.get(change_url(exhibit)).context["adminform"].form
    assert [value for value, _label in form.fields["status"].choices] == ["draft", "review"]
    assert "published_at" not in form.fields  # scheduling is part of publishing
    response = admin_submit(editor_client, change_url(exhibit), {"status": "published"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"]
    exhibit.refresh_from_db()
    assert exhibit.status == Status.REVIEW


def test_editor_cannot_withdraw_or_delete_an_exhibit(editor_client):
    exhibit = exhibit_factories.ExhibitFactory(status=Status.PUBLISHED)
    section = exhibit_factories.SectionFactory(exhibit=exhibit)

    run_action(editor_client, "withdraw", exhibit)
    run_action(editor_client, "delete_selected", exhibit)
    delete = reverse("admin:exhibits_exhibit_delete", args=[exhibit.pk])
    assert editor_client.get(delete).status_code == 403
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403

    exhibit.refresh_from_db()
    assert exhibit.status == Status.PUBLISHED
    # Nor delete a section through the exhibit's inline.
    html = editor_client.get(change_url(exhibit)).content.decode()
    assert 'name="sections-0-DELETE"' not in html
    assert Section.objects.filter(pk=section.pk).exists()


def test_editor_edits_and_sends_to_review(editor_client, admin_submit):
    exhibit = exhibit_factories.ExhibitFactory(status=Status.DRAFT, title="Draft")
    response = admin_submit(
        editor_client, change_url(exhibit), {"title": "Ready", "status": "review"}
    )
    assert response.status_code == 302
    exhibit.refresh_from_db()
    assert (exhibit.title, exhibit.status) == ("Ready", Status.REVIEW)


def test_curator_deletes_an_exhibit(curator_client):
    exhibit = exhibit_factories.ExhibitFactory()
    delete = reverse("admin:exhibits_exhibit_delete", args=[exhibit.pk])
    assert curator_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Exhibit.objects.filter(pk=exhibit.pk).exists()


# Scheduling -------------------------------------------------------------------------------


def test_published_with_a_future_time_is_scheduled_not_public(curator_client, admin_submit):
    exhibit = exhibit_factories.ExhibitFactory(status=Status.DRAFT)
    future = timezone.now() + datetime.timedelta(days=2)

    response = admin_submit(
        curator_client, change_url(exhibit), {"status": "published", **split_datetime(future)}
    )

    assert response.status_code == 302
    exhibit.refresh_from_db()
    assert exhibit.status == Status.PUBLISHED
    assert exhibit.published_at > timezone.now()
    assert Client().get(exhibit.get_absolute_url()).status_code == 404
    changelist = curator_client.get(EXHIBITS).content.decode()
    assert "Published (scheduled)" in changelist


def test_published_with_a_past_time_is_public(curator_client, admin_submit):
    exhibit = exhibit_factories.ExhibitFactory(status=Status.DRAFT)
    past = timezone.now() - datetime.timedelta(hours=1)

    response = admin_submit(
        curator_client, change_url(exhibit), {"status": "published", **split_datetime(past)}
    )

    assert response.status_code == 302
    assert Client().get(exhibit.get_absolute_url()).status_code == 200


def test_scheduled_exhibit_appears_when_its_time_comes(curator_client, admin_submit):
    exhibit = exhibit_factories.ExhibitFactory(status=Status.DRAFT)
    soon = timezone.now() + datetime.timedelta(minutes=5)
    admin_submit(
        curator_client, change_url(exhibit), {"status": "published", **split_datetime(soon)}
    )
    visitor = Client()
    assert visitor.get(exhibit.get_absolute_url()).status_code == 404

    # Time passes; nothing runs.
    Exhibit.objects.filter(pk=exhibit.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert visitor.get(exhibit.get_absolute_url()).status_code == 200


def test_publishing_without_a_time_publishes_now(curator_client, admin_submit):
    exhibit = exhibit_factories.ExhibitFactory(status=Status.DRAFT, published_at=None)
    response = admin_submit(
        curator_client,
        change_url(exhibit),
        {"status": "published", "published_at_0": "", "published_at_1": ""},
    )
    assert response.status_code == 302
    assert Client().get(exhibit.get_absolute_url()).status_code == 200


# Preview ----------------------------------------------------------------------------------


def test_preview_link_shows_unpublished_exhibit_to_staff_only(curator_client):
    exhibit = exhibit_factories.ExhibitFactory(status=Status.DRAFT, title="Work in progress")
    section = exhibit_factories.SectionFactory(exhibit=exhibit)
    exhibit_factories.BlockFactory(section=section, body="<p>Draft words.</p>")

    admin_page = curator_client.get(change_url(exhibit))
    preview_url = admin_page.context["public_page"]["url"]
    assert admin_page.context["public_page"]["label"] == "Preview"
    assert preview_url == exhibit.get_absolute_url()

    preview = curator_client.get(preview_url)
    assert preview.status_code == 200
    assert "Not published." in preview.content.decode()
    section_preview = curator_client.get(section.get_absolute_url())
    assert section_preview.status_code == 200
    assert "Not published." in section_preview.content.decode()
    assert [item.block.body for item in section_preview.context["blocks"]] == [
        "<p>Draft words.</p>"
    ]

    visitor = Client()
    assert visitor.get(preview_url).status_code == 404
    assert visitor.get(section.get_absolute_url()).status_code == 404


def test_public_exhibit_has_no_banner(curator_client):
    exhibit = exhibit_factories.ExhibitFactory(status=Status.PUBLISHED)
    page = curator_client.get(exhibit.get_absolute_url())
    assert page.status_code == 200
    assert "Not published." not in page.content.decode()
