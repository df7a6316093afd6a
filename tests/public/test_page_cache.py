"""The page cache and conditional GET (public/page_cache.py), in one process.

Each test commits what it writes (transactional_db), as the site does: the page state changes
after a commit. tests/test_page_cache_served.py runs two app servers sharing one Redis.
"""

import datetime
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from archive import changes
from archive.models import Person, Status
from public import page_cache
from public.models import PageState
from tests import factories
from tests.exhibits import factories as exhibit_factories
from tests.public.iiif.conftest import photograph as iiif_photograph

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _page_cache_on(settings, request, monkeypatch):
    settings.VITRINE_PAGE_CACHE = True
    if "citations_missing" not in request.keywords:
        # Pages here are kept although their formatted citations are not stored yet (that the
        # worker would make): how the two meet is the last test's subject.
        monkeypatch.setattr(page_cache, "incomplete", lambda: None)


@pytest.fixture
def person() -> Person:
    return factories.PersonFactory(title="Nikolai Bukharin", slug="nikolai-bukharin")


def _get(client: Client, url: str, **headers):
    response = client.get(url, **headers)
    return response, response.get("X-Page-Cache")


def test_a_page_is_rendered_once_then_answered_from_the_cache(client, person):
    url = person.get_absolute_url()
    first, state = _get(client, url)
    assert first.status_code == 200 and state == page_cache.MISS
    with CaptureQueriesContext(connection) as queries:
        second, state = _get(client, url)
    assert state == page_cache.HIT
    assert second.content == first.content
    fresh = page_cache.FRESH_HEADERS
    assert {k: v for k, v in second.items() if k.lower() not in fresh} == {
        k: v for k, v in first.items() if k.lower() not in fresh
    }
    assert second["X-Frame-Options"] == "DENY"
    # The page state and the search index's generation: two primary-key reads, nothing else.
    assert len(queries) == 2, [query["sql"] for query in queries]


def test_a_withdrawn_record_is_gone_on_the_very_next_request(client, person):
    url = person.get_absolute_url()
    assert _get(client, url)[1] == page_cache.MISS
    assert _get(client, "/persons/")[0].content.decode().count("Nikolai Bukharin") >= 1
    person.status = Status.WITHDRAWN
    person.save()
    response, state = _get(client, url)
    assert response.status_code == 404 and state is None
    assert "Nikolai Bukharin" not in _get(client, "/persons/")[0].content.decode()
    assert "Nikolai Bukharin" not in _get(client, "/")[0].content.decode()


def test_an_edit_of_any_part_shows_at_once(client, person):
    exhibit = exhibit_factories.ExhibitFactory(title="The Trial", slug="the-trial")
    url = exhibit.get_absolute_url()
    assert "The Trial" in _get(client, url)[0].content.decode()
    assert _get(client, url)[1] == page_cache.HIT
    exhibit.title = "The Show Trial"
    exhibit.save()
    response, state = _get(client, url)
    assert state == page_cache.MISS and "The Show Trial" in response.content.decode()
    # A name variant: a row of another model than the record's own.
    assert _get(client, person.get_absolute_url())[1] == page_cache.MISS
    factories.PersonNameFactory(person=person, name="Бухарин, Николай Иванович")
    response, state = _get(client, person.get_absolute_url())
    assert state == page_cache.MISS and "Бухарин" in response.content.decode()


def test_a_scheduled_publication_appears_when_it_comes_due(client):
    due = timezone.now() + datetime.timedelta(seconds=2)
    factories.PersonFactory(title="Alexei Rykov", slug="alexei-rykov", published_at=due)
    assert PageState.objects.get().next_due == due
    assert "Alexei Rykov" not in _get(client, "/persons/")[0].content.decode()
    assert _get(client, "/persons/")[1] == page_cache.HIT
    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.1)
    response, state = _get(client, "/persons/")
    assert state == page_cache.MISS and "Alexei Rykov" in response.content.decode()
    assert PageState.objects.get().next_due is None


def test_derived_data_written_without_save_changes_the_generation(client, person):
    before = page_cache.state()[0]
    changes.announce(Person)
    assert page_cache.state()[0] != before


def test_one_transaction_changes_the_state_once(person):
    from django.db import transaction

    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        for n in range(5):
            factories.PersonFactory(title=f"Someone {n}", slug=f"someone-{n}")
    updates = [q for q in queries if q["sql"].startswith('UPDATE "public_pagestate"')]
    assert len(updates) == 1


def test_visitors_with_a_session_and_curators_are_never_served_from_the_cache(client, person):
    url = person.get_absolute_url()
    _get(client, url)
    assert _get(client, url)[1] == page_cache.HIT
    client.post("/clipboard/add/", {"kind": "person", "id": person.pk})  # starts a session
    response, state = _get(client, url)
    assert state is None and "Remove from clipboard" in response.content.decode()

    staff = Client()
    staff.force_login(factories.UserFactory(username="curator", is_staff=True))
    draft = factories.PersonFactory(title="Draft", slug="draft", status=Status.DRAFT)
    response, state = _get(staff, draft.get_absolute_url())
    assert response.status_code == 200 and state is None
    assert response["Cache-Control"].startswith("private")
    # The draft the curator previewed is not what an anonymous visitor gets.
    assert _get(Client(), draft.get_absolute_url())[0].status_code == 404


def test_only_plain_successful_gets_are_stored(client, person):
    assert _get(client, "/persons/no-such-person/")[0].status_code == 404
    assert _get(client, "/persons/no-such-person/")[1] is None
    # The clipboard page sets the CSRF cookie for its forms: never stored.
    assert _get(client, "/clipboard/")[1] is None
    assert _get(client, "/clipboard/")[1] is None
    # HEAD is answered from a cached GET, and stores nothing itself.
    url = person.get_absolute_url()
    assert client.head(url).get("X-Page-Cache") is None
    _get(client, url)
    assert client.head(url).get("X-Page-Cache") == page_cache.HIT
    # The search's JSON, with its CORS headers kept.
    _get(client, "/api/v1/search/?q=Bukharin")
    response, state = _get(client, "/api/v1/search/?q=Bukharin")
    assert state == page_cache.HIT and response["Access-Control-Allow-Origin"] == "*"
    # An answer that varies on Accept (IIIF's content negotiation) is not stored.
    manifest = f"/iiif/photographs/{factories.PhotographFactory(slug='p').slug}/manifest.json"
    assert "Accept" in _get(client, manifest)[0]["Vary"]
    assert _get(client, manifest)[1] is None
    # Images are not kept (the IIIF cache keeps drawn images already).
    image = f"/iiif/image/{iiif_photograph(slug='picture').slug}/full/max/0/default.jpg"
    assert _get(client, image)[0].status_code == 200
    assert _get(client, image)[1] is None
    # Another address (an odd query string) is another page.
    assert _get(client, url + "?x=%ff%00<>")[1] == page_cache.MISS


@pytest.mark.parametrize("url_of", ["page", "api", "manifest"])
def test_conditional_get_answers_304_until_something_changes(client, person, url_of):
    photograph = factories.PhotographFactory(slug="a-photograph")
    url = {
        "page": person.get_absolute_url(),
        "api": "/api/v1/search/?q=Bukharin",
        "manifest": f"/iiif/photographs/{photograph.slug}/manifest.json",
    }[url_of]
    response = client.get(url)
    assert response.status_code == 200
    etag = response["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    if url_of == "page":
        assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
        assert response["Last-Modified"] == http_date(
            PageState.objects.get().changed_at.timestamp()
        )
        since = response["Last-Modified"]
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    changed = photograph if url_of == "manifest" else person
    changed.title = "Nikolai Ivanovich Bukharin"
    changed.save()
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


@pytest.mark.citations_missing
def test_a_page_shown_without_its_formatted_citation_is_not_kept(client, person):
    """Its citation is queued for the task worker; the page is kept once it has it."""
    from django.core.management import call_command

    from public.models import FormattedCitation

    FormattedCitation.objects.all().delete()
    url = person.get_absolute_url()
    response, state = _get(client, url)
    assert response.status_code == 200 and state is None
    assert "Chicago (notes and bibliography)" not in response.content.decode()
    call_command("render_citations", verbosity=0)
    response, state = _get(client, url)
    assert state == page_cache.MISS
    assert "Chicago (notes and bibliography)" in response.content.decode()
    assert _get(client, url)[1] == page_cache.HIT
