"""Nothing unpublished on the clipboard's surfaces: a record or exhibit unpublished after it was
clipped (draft, in review, withdrawn, or scheduled again for later) is absent from the clipboard
page, every download, and every shared link, made before or after; a forged request naming an
unpublished item is refused. The lists issue a fixed number of queries however long they are."""

import pytest
from django.test import Client

from archive.models import Status
from public.models import SharedClipboard
from tests import factories
from tests.public.clipboard.conftest import ALL_KINDS, UNPUBLISHED_STATES, clip, make, state
from tests.public.site.conftest import count_queries

pytestmark = pytest.mark.django_db

SURFACES = ("", "export.csv", "export.bib", "export.ris", "export.json")


def unpublish(obj, state_name: str) -> None:
    type(obj).objects.filter(pk=obj.pk).update(**state(state_name))


def texts(client: Client, prefix: str) -> dict[str, str]:
    answers = {}
    for surface in SURFACES:
        response = client.get(prefix + surface)
        assert response.status_code == 200, prefix + surface
        answers[surface or "page"] = response.content.decode()
    return answers


@pytest.mark.parametrize("state_name", UNPUBLISHED_STATES)
@pytest.mark.parametrize("kind", ALL_KINDS)
def test_an_item_unpublished_since_is_on_no_surface(client, kind, state_name):
    kept = factories.EventFactory(title="Kept in sight")
    hidden = make(kind, title="Hidden since clipped", slug="hidden-since-clipped")
    clip(client, kept)
    clip(client, hidden)
    shared_before = client.post("/clipboard/share/")["Location"]
    unpublish(hidden, state_name)

    stranger = Client()
    for where, answers in (
        ("shared", texts(stranger, shared_before)),
        ("clipboard", texts(client, "/clipboard/")),
    ):
        for surface, text in answers.items():
            assert "Kept in sight" in text, (where, surface)
            assert "Hidden since clipped" not in text, (where, surface)
            assert "hidden-since-clipped" not in text, (where, surface)
        assert "1 item is no longer available." in answers["page"], where

    # The clipboard page said so once and took it off; sharing now leaves it out.
    assert client.session["vitrine_clipboard"] == [["event", kept.pk]]
    shared_after = client.post("/clipboard/share/")["Location"]
    token = shared_after.strip("/").split("/")[-1]
    assert SharedClipboard.objects.get(token=token).items == [["event", kept.pk]]


def test_the_clipboard_page_says_how_many_are_gone(client):
    records = [factories.DocumentFactory() for _ in range(3)]
    for record in records:
        clip(client, record)
    unpublish(records[0], "withdrawn")
    unpublish(records[2], "draft")
    html = client.get("/clipboard/").content.decode()
    assert "2 items are no longer available." in html
    assert "1 item<" in html
    assert "no longer available" not in client.get("/clipboard/").content.decode()


def test_a_shared_link_shows_an_item_again_once_it_is_public_again(client):
    record = factories.PersonFactory(title="Back in sight")
    clip(client, record)
    link = client.post("/clipboard/share/")["Location"]
    unpublish(record, "withdrawn")
    assert "Back in sight" not in Client().get(link).content.decode()
    type(record).objects.filter(pk=record.pk).update(status=Status.PUBLISHED)
    assert "Back in sight" in Client().get(link).content.decode()


@pytest.mark.parametrize("state_name", UNPUBLISHED_STATES)
@pytest.mark.parametrize("kind", ALL_KINDS)
def test_a_forged_add_of_an_unpublished_item_is_refused(client, kind, state_name):
    hidden = make(kind, title="Never to be clipped", **state(state_name))
    for headers in ({}, {"Accept": "application/json"}):
        response = client.post(
            "/clipboard/add/", {"kind": kind, "id": str(hidden.pk)}, headers=headers
        )
        assert response.status_code == 400
        assert "Never to be clipped" not in response.content.decode()
    assert client.session.get("vitrine_clipboard", []) == []
    for text in texts(client, "/clipboard/").values():
        assert "Never to be clipped" not in text


def test_staff_cannot_clip_unpublished_items_either(client):
    """The clipboard and its links are public surfaces: a preview right does not carry over."""
    client.force_login(factories.UserFactory(username="curator-on-a-walk"))
    hidden = factories.DocumentFactory(status=Status.DRAFT)
    response = client.post("/clipboard/add/", {"kind": "document", "id": str(hidden.pk)})
    assert response.status_code == 400


def test_a_forged_shared_list_shows_only_public_items(client):
    """Whatever a stored list names (a draft, a kind no longer served), only public items show."""
    public = factories.PersonFactory(title="Public person")
    draft = factories.PersonFactory(title="Draft person", status=Status.DRAFT)
    SharedClipboard.objects.create(
        token="forgedtoken",
        digest="0" * 64,
        items=[["person", draft.pk], ["letter", 1], ["person", public.pk], "junk"],
    )
    for text in texts(Client(), "/clipboard/forgedtoken/").values():
        assert "Public person" in text and "Draft person" not in text


def test_pictures_only_when_public_and_not_behind_a_notice(client):
    portrait = factories.PhotographFactory(title="Portrait", status=Status.DRAFT)
    person = factories.PersonFactory(portrait=portrait)
    noticed = factories.PhotographFactory(title="Execution", content_notice="Violence.")
    clip(client, person)
    clip(client, noticed)
    html = client.get("/clipboard/").content.decode()
    assert 'class="clipboard-thumb"' not in html
    assert portrait.slug not in html and noticed.slug in html  # its link, not its picture
    assert f"/photographs/{noticed.slug}/w" not in html
    assert '<span class="tag">content notice</span>' in html


def _clip_many(client: Client, per_kind: int) -> None:
    author = factories.PersonFactory()
    for _ in range(per_kind):
        for kind in ALL_KINDS:
            obj = make(kind)
            if kind == "document":
                obj.contribution_set.create(person=author, role="author")
            if kind == "person":
                obj.portrait = factories.PhotographFactory(photographer=author)
                obj.save()
            clip(client, obj)


def test_query_counts_do_not_grow_with_the_list(client):
    """The clipboard page, its downloads, a shared page and its downloads: one query a kind
    (and one for documents' contributors), with 6 items or 42."""

    def counts() -> list[int]:
        link = client.post("/clipboard/share/")["Location"]
        urls = [prefix + surface for prefix in ("/clipboard/", link) for surface in SURFACES]
        return [count_queries(client, url) for url in urls]

    _clip_many(client, 1)
    few = counts()
    _clip_many(client, 6)
    assert len(client.session["vitrine_clipboard"]) == 7 * len(ALL_KINDS)
    assert counts() == few
