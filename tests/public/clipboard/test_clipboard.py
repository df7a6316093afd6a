"""The clipboard through its endpoints and pages: adding and removing (with and without
JavaScript), the page, the cap, bad input, and the buttons on every kind of page."""

import re

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from archive.kinds import KINDS
from archive.models import Status
from public.clipboard import items
from public.clipboard.items import MAX_ITEMS, SESSION_KEY, key_of
from search import index
from tests import factories
from tests.public.clipboard.conftest import ALL_KINDS, clip, make

pytestmark = pytest.mark.django_db


def keys_in(client: Client) -> list[list]:
    return client.session.get(SESSION_KEY, [])


def test_every_kind_can_be_added_and_is_listed_in_order(client, one_of_each):
    for obj in one_of_each:
        response = clip(client, obj)
        assert response.status_code == 302 and response["Location"] == "/"
    assert keys_in(client) == [[key_of(o).kind, o.pk] for o in one_of_each]
    assert [kind for kind, _id in keys_in(client)] == ALL_KINDS

    html = client.get("/clipboard/").content.decode()
    titles = re.findall(r'<h3 class="clipboard-title"><a href="([^"]+)">([^<]+)</a>', html)
    assert titles == [(o.get_absolute_url(), o.title) for o in one_of_each]
    # Kind labels and dates beside each title.
    for label in ("Person", "Document", "Photograph", "Trial", "Event", "Exhibit"):
        assert f'<p class="kind">{label}' in html
    assert "27 February 1937" in html  # the event's date as people write it
    assert "9 October 1888–15 March 1938" in html  # the person's life dates
    # Thumbnails: the photograph, the person's portrait and the exhibit's cover.
    assert html.count('<div class="clipboard-thumb">') == 3
    assert "6 items" in html


def test_adding_twice_keeps_one_and_says_so(client, one_of_each):
    person = one_of_each[0]
    clip(client, person)
    clip(client, person)
    assert keys_in(client) == [["person", person.pk]]
    page = client.get("/").content.decode()
    assert "is on the clipboard already" in page


def test_without_javascript_the_message_is_shown_once_on_the_next_page(client, one_of_each):
    """The button's form carries no `next`: the answer goes back to the page it was sent from."""
    document = one_of_each[1]
    response = client.post(
        "/clipboard/add/",
        {"kind": "document", "id": str(document.pk)},
        headers={"Referer": f"http://testserver{document.get_absolute_url()}"},
    )
    assert response["Location"] == document.get_absolute_url()
    html = client.get(response["Location"]).content.decode()
    assert "Added “The ABC of Communism” to the clipboard." in html
    assert "Clipboard (<span data-clipboard-count>1</span>)" in html
    # The button now takes it off again.
    assert 'action="/clipboard/remove/"' in html and "Remove from clipboard" in html
    assert "Added “The ABC of Communism”" not in client.get("/").content.decode()


def test_with_javascript_the_answer_is_the_new_state(client, one_of_each):
    person, document = one_of_each[:2]
    clip(client, person)
    response = clip(client, document, json=True)
    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "message": "Added “The ABC of Communism” to the clipboard.",
        "in_clipboard": True,
        "action": "/clipboard/remove/",
        "label": "Remove from clipboard",
    }
    response = client.post(
        "/clipboard/remove/",
        {"kind": "document", "id": str(document.pk)},
        headers={"Accept": "application/json"},
    )
    assert response.json() == {
        "count": 1,
        "message": "“The ABC of Communism” is off the clipboard.",
        "in_clipboard": False,
        "action": "/clipboard/add/",
        "label": "Add to clipboard",
    }
    assert keys_in(client) == [["person", person.pk]]


def test_remove_one_and_remove_all(client, one_of_each):
    for obj in one_of_each:
        clip(client, obj)
    photo = one_of_each[2]
    response = client.post(
        "/clipboard/remove/", {"kind": "photograph", "id": str(photo.pk), "next": "/clipboard/"}
    )
    assert response["Location"] == "/clipboard/"
    html = client.get("/clipboard/").content.decode()
    assert "5 items" in html and "“At the congress” is off the clipboard." in html
    assert 'data-kind="photograph"' not in html
    assert f'<a href="{photo.get_absolute_url()}">' not in html
    assert client.post("/clipboard/clear/")["Location"] == "/clipboard/"
    html = client.get("/clipboard/").content.decode()
    assert "Your clipboard is empty." in html and "The clipboard is empty now." in html
    assert keys_in(client) == []


HOSTILE_TARGETS = (
    "https://evil.example/",
    "//evil.example/x",
    "///evil.example/x",
    "/\\evil.example/x",
    "http://testserver//evil.example/x",
    "http://testserver/\\evil.example/x",
    "javascript:alert(1)",
    "",
)


def test_going_back_only_to_a_page_of_this_site(client, one_of_each):
    person = one_of_each[0]
    for target in HOSTILE_TARGETS:
        response = client.post(
            "/clipboard/add/", {"kind": "person", "id": str(person.pk), "next": target}
        )
        assert response.status_code == 302
        assert response["Location"] == "/clipboard/", target
        response = client.post(
            "/clipboard/add/", {"kind": "person", "id": str(person.pk)}, headers={"Referer": target}
        )
        assert response["Location"] == "/clipboard/", target
    # The page the form was sent from, with its query; `next` first when there is one.
    response = client.post(
        "/clipboard/add/",
        {"kind": "person", "id": str(person.pk)},
        headers={"Referer": "http://testserver/search/?q=Bukharin&page=2#results"},
    )
    assert response["Location"] == "/search/?q=Bukharin&page=2"
    response = client.post(
        "/clipboard/add/",
        {"kind": "person", "id": str(person.pk), "next": "/clipboard/"},
        headers={"Referer": "http://testserver/timeline/"},
    )
    assert response["Location"] == "/clipboard/"


def test_the_buttons_echo_no_address_of_the_page(client, one_of_each):
    """A page's address may carry parameters the page does not repeat (tracking, junk)."""
    person = one_of_each[0]
    html = client.get(person.get_absolute_url() + "?utm_source=mail&x=%3Cb%3E").content.decode()
    assert _button(html) is not None
    assert "utm_source" not in html and "%3Cb%3E" not in html


@pytest.mark.urls("tests.public.clipboard.urls_without_clipboard")
def test_a_site_without_the_clipboard_shows_no_buttons(client, one_of_each):
    with pytest.raises(NoReverseMatch):
        reverse("clipboard:page")
    html = client.get(one_of_each[0].get_absolute_url()).content.decode()
    assert one_of_each[0].title in html
    assert _button(html) is None and "data-clipboard-count" not in html


def test_the_clipboard_is_capped(client, one_of_each, monkeypatch):
    """At MAX_ITEMS the next add is refused with a message; nothing is dropped."""
    person = one_of_each[0]
    session = client.session
    session[SESSION_KEY] = [["person", 10_000 + n] for n in range(MAX_ITEMS)]
    session.save()
    response = clip(client, person, json=True)
    assert response.status_code == 409
    assert response.json()["message"] == (
        f"The clipboard is full: it holds at most {MAX_ITEMS} items. Remove some to add more."
    )
    assert response.json()["count"] == MAX_ITEMS
    assert len(keys_in(client)) == MAX_ITEMS and ["person", person.pk] not in keys_in(client)
    response = clip(client, person)
    assert response.status_code == 302
    assert "The clipboard is full" in client.get("/").content.decode()
    # One off, and there is room again.
    client.post("/clipboard/remove/", {"kind": "person", "id": "10000"})
    assert clip(client, person, json=True).json()["count"] == MAX_ITEMS


@pytest.mark.parametrize(
    ("kind", "id_text"),
    [
        ("letter", "1"),  # no such kind
        ("", "1"),
        ("Person", "1"),
        ("person", "abc"),
        ("person", "0"),
        ("person", "-3"),
        ("person", "1.5"),
        ("person", " 1"),
        ("person", "1e3"),
        ("person", "٣"),  # a digit, but not an ASCII one
        ("person", "9" * 40),  # beyond any integer key
        ("person", ""),
    ],
)
def test_odd_kinds_and_ids_are_refused_with_400(client, one_of_each, kind, id_text):
    for url in ("/clipboard/add/", "/clipboard/remove/"):
        response = client.post(url, {"kind": kind, "id": id_text})
        assert response.status_code == 400, (url, kind, id_text)
        assert "Error 400" in response.content.decode()
        response = client.post(
            url, {"kind": kind, "id": id_text}, headers={"Accept": "application/json"}
        )
        assert response.status_code == 400
        assert response.json()["message"]
    assert keys_in(client) == []


def test_missing_fields_and_get_requests_are_refused(client, one_of_each):
    assert client.post("/clipboard/add/", {}).status_code == 400
    for url in ("/clipboard/add/", "/clipboard/remove/", "/clipboard/clear/", "/clipboard/share/"):
        assert client.get(url).status_code == 405


def test_an_id_that_names_nothing_is_refused(client, one_of_each):
    response = client.post("/clipboard/add/", {"kind": "person", "id": "987654"})
    assert response.status_code == 400
    assert "there is no public item with this id" in response.content.decode()


def test_the_buttons_need_no_csrf_token_but_another_site_is_refused(one_of_each):
    """The add and remove buttons sit on pages cached whole for every anonymous visitor, so they
    carry no CSRF token (public.clipboard.views.from_this_site)."""
    browser = Client(enforce_csrf_checks=True)
    person = one_of_each[0]
    page = browser.get(person.get_absolute_url()).content.decode()
    assert 'name="csrfmiddlewaretoken"' not in page
    data = {"kind": "person", "id": str(person.pk)}
    for headers in (
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "null"},
    ):
        for url in ("/clipboard/add/", "/clipboard/remove/"):
            response = browser.post(url, data, **headers)
            assert response.status_code == 403, (url, headers)
    assert SESSION_KEY not in browser.session
    # From the site's own page (what a browser sends), or from a client that names no site.
    response = browser.post("/clipboard/add/", data, HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 302
    assert browser.session[SESSION_KEY] == [["person", person.pk]]
    response = browser.post("/clipboard/remove/", data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    assert browser.session[SESSION_KEY] == []
    assert browser.post("/clipboard/add/", data).status_code == 302


def test_the_clipboard_pages_own_forms_still_need_the_csrf_token(one_of_each):
    browser = Client(enforce_csrf_checks=True)
    for url in ("/clipboard/share/", "/clipboard/clear/"):
        assert browser.post(url, HTTP_SEC_FETCH_SITE="same-origin").status_code == 403


def test_a_tampered_session_is_read_safely(client, one_of_each):
    person = one_of_each[0]
    session = client.session
    session[SESSION_KEY] = [
        ["person", person.pk],
        ["person", "1"],
        ["nothing", 3],
        "text",
        ["person", -1],
        ["person", True],
        ["person", person.pk],
    ]
    session.save()
    html = client.get("/clipboard/").content.decode()
    assert "1 item" in html and person.title in html
    session = client.session
    session[SESSION_KEY] = {"not": "a list"}
    session.save()
    assert "Your clipboard is empty." in client.get("/clipboard/").content.decode()


# The buttons on the pages --------------------------------------------------------------------


def _button(html: str) -> re.Match | None:
    return re.search(
        r'<form class="clipboard-control" method="post" action="([^"]+)" data-clipboard-toggle>'
        r'.*?name="kind" value="([^"]+)".*?name="id" value="(\d+)"',
        html,
        re.S,
    )


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_record_page_and_exhibit_page_has_the_button(client, kind):
    obj = make(kind)
    html = client.get(obj.get_absolute_url()).content.decode()
    button = _button(html)
    assert button is not None, kind
    assert button.groups() == ("/clipboard/add/", kind, str(obj.pk))
    assert "/static/js/clipboard.js" in html


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_staff_previewing_an_unpublished_page_get_no_button(client, kind):
    obj = make(kind, status=Status.DRAFT)
    client.force_login(factories.UserFactory(username="staff"))
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    assert _button(response.content.decode()) is None


def test_search_hits_have_the_button(client, one_of_each):
    index.rebuild_kinds()
    clip(client, one_of_each[0])
    html = client.get("/search/?q=Bukharin").content.decode()
    hits = html.split('class="search-hit"')[1:]
    assert hits
    buttons = [_button(hit) for hit in hits]
    assert all(buttons)
    by_key = {(b.group(2), b.group(3)): b.group(1) for b in buttons}
    assert by_key[("person", str(one_of_each[0].pk))] == "/clipboard/remove/"
    assert "/clipboard/add/" in by_key.values()


def test_every_kind_is_known_to_the_clipboard():
    """A kind added to archive.kinds can be collected with no change here."""
    assert set(items.MODELS) == {kind.name for kind in KINDS} | {"exhibit"}
