"""Curators publish, withdraw and delete; Editors may not, whatever they post."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from archive.models import Document, Event, Person, Status, Trial
from tests import factories

DOCUMENTS = reverse("admin:archive_document_changelist")


def change_url(obj) -> str:
    return reverse(f"admin:archive_{obj._meta.model_name}_change", args=[obj.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def action_names(response) -> set[str]:
    return {name for name, _label in response.context["action_form"].fields["action"].choices}


def run_action(client, action: str, *objs):
    return client.post(
        DOCUMENTS,
        {"action": action, "_selected_action": [obj.pk for obj in objs], "index": 0},
        follow=True,
    )


def test_curator_is_offered_every_publishing_action(curator_client):
    factories.DocumentFactory()
    response = curator_client.get(DOCUMENTS)
    assert {"publish", "send_to_review", "withdraw", "delete_selected"} <= action_names(response)


def test_editor_is_offered_only_send_to_review(editor_client):
    factories.DocumentFactory()
    response = editor_client.get(DOCUMENTS)
    assert action_names(response) == {"", "send_to_review"}


def test_curator_publishes_and_is_told_how_many(curator_client):
    drafts = factories.DocumentFactory.create_batch(2, status=Status.DRAFT)
    already = factories.DocumentFactory(status=Status.PUBLISHED)
    response = run_action(curator_client, "publish", *drafts, already)
    assert "2 documents published." in messages_of(response)
    assert set(Document.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert all(doc.published_at for doc in Document.objects.all())


def test_curator_withdraws_and_sends_to_review(curator_client):
    doc, other = factories.DocumentFactory.create_batch(2)
    response = run_action(curator_client, "withdraw", doc)
    assert "1 document withdrawn." in messages_of(response)
    response = run_action(curator_client, "send_to_review", doc, other)
    assert "2 documents sent to review." in messages_of(response)
    assert set(Document.objects.values_list("status", flat=True)) == {Status.REVIEW}


def test_publishing_is_kept_in_the_revision_history(curator_client):
    doc = factories.DocumentFactory(status=Status.DRAFT)
    run_action(curator_client, "publish", doc)
    assert doc.history.first().history_change_reason == "Published"
    assert doc.history.first().status == Status.PUBLISHED


def test_curator_publishes_from_the_change_form(curator_client):
    doc = factories.DocumentFactory(status=Status.REVIEW)
    response = curator_client.post(
        change_url(doc),
        {"CHANGE_FORM-action": "publish", "_selected_action": doc.pk},
        follow=True,
    )
    assert "1 document published." in messages_of(response)
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED


@pytest.mark.parametrize("action", ["publish", "withdraw"])
def test_editor_cannot_run_a_publishing_action_by_forged_post(editor_client, action):
    doc = factories.DocumentFactory(status=Status.REVIEW)
    response = run_action(editor_client, action, doc)
    assert "No action selected." in messages_of(response)
    doc.refresh_from_db()
    assert doc.status == Status.REVIEW


def test_editor_cannot_publish_from_the_change_form(editor_client):
    doc = factories.DocumentFactory(status=Status.REVIEW)
    form = editor_client.get(change_url(doc)).context["action_form"]
    assert [name for name, _label in form.fields["action"].choices] == ["", "send_to_review"]
    response = editor_client.post(
        change_url(doc),
        {"CHANGE_FORM-action": "publish", "_selected_action": doc.pk},
        follow=True,
    )
    assert "No action selected." in messages_of(response)
    doc.refresh_from_db()
    assert doc.status == Status.REVIEW


def test_editor_sends_drafts_to_review_but_leaves_published_records(editor_client):
    draft = factories.DocumentFactory(status=Status.DRAFT)
    published = factories.DocumentFactory(status=Status.PUBLISHED)
    response = run_action(editor_client, "send_to_review", draft, published)
    assert "1 document sent to review." in messages_of(response)
    assert any("left as they were" in message for message in messages_of(response))
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (Status.REVIEW, Status.PUBLISHED)


def test_editor_status_field_offers_draft_and_review_only(editor_client):
    doc = factories.DocumentFactory(status=Status.DRAFT)
    response = editor_client.get(change_url(doc))
    choices = response.context["adminform"].form.fields["status"].choices
    assert [value for value, _label in choices] == [Status.DRAFT, Status.REVIEW]
    assert "published_at" not in response.context["adminform"].form.fields


def test_editor_forged_status_published_is_refused(editor_client, admin_submit):
    doc = factories.DocumentFactory(title="Draft", status=Status.DRAFT)
    response = admin_submit(
        editor_client, change_url(doc), {"status": Status.PUBLISHED, "title": "Changed"}
    )
    assert response.status_code == 200
    assert "Only a curator can publish" in str(response.context["adminform"].form.errors["status"])
    doc.refresh_from_db()
    assert (doc.title, doc.status) == ("Draft", Status.DRAFT)


def test_editor_cannot_add_a_published_record(editor_client, admin_submit):
    url = reverse("admin:archive_event_add")
    response = admin_submit(
        editor_client, url, {"title": "Congress", "slug": "congress", "status": Status.PUBLISHED}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"]
    assert not Event.objects.exists()


def test_editor_adds_a_draft(editor_client, admin_submit):
    url = reverse("admin:archive_trial_add")
    response = admin_submit(
        editor_client, url, {"title": "Third Moscow Trial", "slug": "third", "status": "review"}
    )
    assert response.status_code == 302
    assert Trial.objects.get().status == Status.REVIEW


def test_editor_edits_a_published_record_but_not_its_status(editor_client, admin_submit):
    person = factories.PersonFactory(title="N. Bukharin", status=Status.PUBLISHED)
    url = change_url(person)
    form = editor_client.get(url).context["adminform"].form
    assert "status" not in form.fields
    response = admin_submit(
        editor_client, url, {"title": "Nikolai Bukharin", "status": Status.DRAFT}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.title, person.status) == ("Nikolai Bukharin", Status.PUBLISHED)


def test_editor_cannot_delete(editor_client):
    doc = factories.DocumentFactory()
    delete_url = reverse("admin:archive_document_delete", args=[doc.pk])
    assert delete_url not in editor_client.get(change_url(doc)).content.decode()
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Document.objects.filter(pk=doc.pk).exists()


def test_curator_deletes(curator_client):
    person = factories.PersonFactory()
    delete_url = reverse("admin:archive_person_delete", args=[person.pk])
    assert curator_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
