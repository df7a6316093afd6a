"""Revision history: every save is a revision, and a curator can revert to an earlier one."""

from django.urls import reverse

from archive.models import Status
from tests import factories


def revert_url(obj, history_id: int) -> str:
    name = f"admin:archive_{obj._meta.model_name}_simple_history"
    return reverse(name, args=[obj.pk, history_id])


def test_history_lists_revisions_with_their_author(curator_client, admin_submit):
    doc = factories.DocumentFactory(title="The ABC of Communism")
    change = reverse("admin:archive_document_change", args=[doc.pk])
    admin_submit(curator_client, change, {"title": "ABC of Communism"})
    response = curator_client.get(reverse("admin:archive_document_history", args=[doc.pk]))
    revisions = list(response.context["page_obj"].object_list)
    assert [r.title for r in revisions] == ["ABC of Communism", "The ABC of Communism"]
    assert revisions[0].history_user.username == "curator"


def test_revert_restores_an_earlier_title(curator_client, admin_submit):
    doc = factories.DocumentFactory(title="Imperialism and World Economy")
    first = doc.history.earliest()
    doc.title = "Imperialism"
    doc.save()

    response = admin_submit(curator_client, revert_url(doc, first.history_id))

    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.title == "Imperialism and World Economy"
    assert doc.history.count() == 3  # the revert is itself a revision


def test_revert_of_a_person_restores_dates(curator_client, admin_submit):
    person = factories.PersonFactory(birth="1888-10-09", death="1938-03-15")
    first = person.history.earliest()
    person.birth = "1888"
    person.save()
    admin_submit(curator_client, revert_url(person, first.history_id))
    person.refresh_from_db()
    assert person.birth == "1888-10-09"
    assert person.birth_lower.isoformat() == "1888-10-09"


def test_editor_cannot_revert_to_a_published_revision(editor_client, admin_submit):
    doc = factories.DocumentFactory(title="Published title", status=Status.PUBLISHED)
    published = doc.history.earliest()
    doc.title, doc.status = "Back in draft", Status.DRAFT
    doc.save()

    response = admin_submit(editor_client, revert_url(doc, published.history_id))

    assert response.status_code == 200
    assert "Only a curator can publish" in str(response.context["adminform"].form.errors)
    doc.refresh_from_db()
    assert (doc.title, doc.status) == ("Back in draft", Status.DRAFT)


def test_editor_cannot_unpublish_by_reverting_to_a_draft_revision(editor_client, admin_submit):
    doc = factories.DocumentFactory(title="Draft title", status=Status.DRAFT)
    draft = doc.history.earliest()
    doc.title, doc.status = "Published title", Status.PUBLISHED
    doc.save()

    response = admin_submit(editor_client, revert_url(doc, draft.history_id))

    assert response.status_code == 200
    doc.refresh_from_db()
    assert (doc.title, doc.status) == ("Published title", Status.PUBLISHED)


def test_curator_reverts_to_a_published_revision(curator_client, admin_submit):
    doc = factories.DocumentFactory(title="Published title", status=Status.PUBLISHED)
    published = doc.history.earliest()
    doc.title, doc.status = "Withdrawn", Status.WITHDRAWN
    doc.save()
    response = admin_submit(curator_client, revert_url(doc, published.history_id))
    assert response.status_code == 302
    doc.refresh_from_db()
    assert (doc.title, doc.status) == ("Published title", Status.PUBLISHED)


def test_saves_and_deletes_through_the_worklist_proxy_are_revisions_of_the_citation(db):
    from archive.models import Citation, CitationNeeded

    citation = factories.CitationFactory(source=None, locator="p. 1")
    flagged = CitationNeeded.objects.get(pk=citation.pk)
    flagged.locator = "p. 47"
    flagged.save()
    assert [(r.history_type, r.locator) for r in citation.history.all()] == [
        ("~", "p. 47"),
        ("+", "p. 1"),
    ]
    flagged.delete()
    assert Citation.history.filter(id=citation.pk).latest().history_type == "-"
