"""Place pages: /places/ (every place public records name, with counts, a list that a map draws)
and /places/<slug>/ (a place, its names, parent, places within it and public records). Only
public records are listed or counted; the pages keep to the site's Content-Security-Policy; the
demo's places have their real coordinates."""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.demo.data import vocab
from archive.kinds import KINDS
from archive.models import Place, Status
from public import places as place_views
from search import index
from search.places import place_fields
from tests import factories as f
from tests.public.test_csp import inline_code, parse_policy

LIST = "/places/"


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def list_items(html: str) -> dict[str, str]:
    """The /places/ list: each item's markup by the place's slug."""
    items = re.findall(r'<li[^>]*><a href="/places/([^/]+)/">.*?</li>', html, re.S)
    found = {}
    for match in re.finditer(r'(<li[^>]*><a href="/places/([^/]+)/">.*?</li>)', html, re.S):
        found[match.group(2)] = match.group(1)
    assert len(found) == len(items)
    return found


def json_ld(html: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )


# Factories: visibility, bounds, query counts -----------------------------------------------------


@pytest.fixture
def moscow(db) -> Place:
    return f.PlaceFactory(
        slug="moscow",
        name="Moscow",
        kind=Place.Kind.CITY,
        alternate_names="Москва; Moscou ;; Moskau",
        latitude=Decimal("55.755800"),
        longitude=Decimal("37.617300"),
        wikidata_id="Q649",
        description="The capital.",
    )


def unpublished(**links) -> list:
    """A record of every kind in every state the public may not see, each naming the places."""
    future = timezone.now() + datetime.timedelta(days=30)
    records = []
    for kind in KINDS:
        factory = f.factory_for(kind)
        values = {name: links["place"] for name in place_fields(kind.model)}
        for state in (
            {"status": Status.DRAFT},
            {"status": Status.REVIEW},
            {"status": Status.WITHDRAWN},
            {"status": Status.PUBLISHED, "published_at": future},
        ):
            records.append(
                factory(title=f"Secret {kind.name} {state['status']}", **values, **state)
            )
    return records


def test_a_place_page_shows_its_names_parent_children_and_public_records(moscow, client):
    house = f.PlaceFactory(
        slug="house",
        name="House of the Unions",
        kind=Place.Kind.BUILDING,
        parent=moscow,
        latitude=Decimal("55.7592"),
        longitude=Decimal("37.6167"),
    )
    f.PlaceFactory(slug="kremlin", name="Kremlin", parent=moscow)
    born = f.PersonFactory(title="Nikolai Bukharin", birth_place=moscow, death_place=moscow)
    died = f.PersonFactory(title="Alexei Rykov", death_place=moscow)
    event = f.EventFactory(title="Expelled from the Politburo", date="1929-11-17", place=moscow)
    trial = f.TrialFactory(title="Trial of the Twenty-One", place=house)
    html = page(client, "/places/moscow/")
    assert "<h1>Moscow</h1>" in html
    for name in ("Москва", "Moscou", "Moskau"):
        assert f"<li>{name}</li>" in html
    assert "<li></li>" not in html
    assert 'href="/places/house/">House of the Unions</a>' in html
    assert 'href="/places/kremlin/">Kremlin</a>' in html
    assert f'href="{born.get_absolute_url()}">Nikolai Bukharin</a>' in html
    assert "· born and died here" in html
    assert "· died here" in html and died.title in html
    assert f'href="{event.get_absolute_url()}">' in html and "17 November 1929" in html
    assert trial.title not in html  # the trial names the house, not the city
    assert "3 records in all." in html
    assert 'data-lat="55.755800" data-lon="37.617300"' in html
    assert 'href="https://www.wikidata.org/wiki/Q649"' in html
    data = json_ld(html)
    assert data["@type"] == "Place"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 55.7558, "longitude": 37.6173}
    assert data["alternateName"] == ["Москва", "Moscou", "Moskau"]
    assert data["url"] == "http://testserver/places/moscow/"
    house_page = page(client, "/places/house/")
    assert '<a href="/places/moscow/">Moscow</a>' in house_page  # breadcrumbs and "Within"
    assert trial.title in house_page
    assert json_ld(house_page)["containedInPlace"]["name"] == "Moscow"


def test_a_place_without_coordinates_has_no_map(db, client):
    f.PlaceFactory(slug="onega", name="Onega")
    html = page(client, "/places/onega/")
    assert "Not recorded" in html
    assert "data-map" not in html and "leaflet" not in html
    assert "No published record names this place yet." in html


def test_unknown_places_are_404(db, client):
    for path in (
        "/places/no-such/",
        "/places/%00/",
        "/places/a%20b/",
        "/places/" + "x" * 300 + "/",
    ):
        assert client.get(path).status_code == 404, path


def test_unpublished_records_are_never_shown_nor_counted(moscow, client):
    secrets = unpublished(place=moscow)
    assert len(secrets) == 4 * len(KINDS)
    public = f.EventFactory(title="A public event", place=moscow)
    index.rebuild_kinds()
    html = page(client, "/places/moscow/")
    assert public.title in html
    assert "1 record in all." in html
    for record in secrets:
        assert record.title not in html and record.get_absolute_url() not in html
    listing = page(client, LIST)
    assert list_items(listing)["moscow"].count("1 record (1 event)") == 1
    for record in secrets:
        assert record.title not in listing


def test_a_place_named_only_by_unpublished_records_is_not_listed_but_has_its_page(db, client):
    paris = f.PlaceFactory(slug="paris", name="Paris", latitude=48.8566, longitude=2.3522)
    unpublished(place=paris)
    index.rebuild_kinds()
    assert "paris" not in list_items(page(client, LIST))
    assert "No published record names this place yet." in page(client, "/places/paris/")
    assert "No published record names a place yet." in page(client, LIST)


def test_a_place_page_lists_the_first_records_of_each_kind_and_counts_them_all(
    moscow, client, monkeypatch
):
    monkeypatch.setattr(place_views, "RECORDS_PER_KIND", 3)
    for year in range(1920, 1927):
        f.EventFactory(title=f"Event of {year}", date=str(year), place=moscow)
    html = page(client, "/places/moscow/")
    assert "The first 3 of 7 are listed." in html
    assert "Event of 1922" in html and "Event of 1923" not in html  # oldest first
    assert "7 records in all." in html


def test_query_counts_do_not_grow_with_records_or_places(moscow, client):
    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            page(client, path)
        return len(captured)

    for kind in KINDS:  # a record of every kind: each kind's list is read
        f.factory_for(kind)(**{name: moscow for name in place_fields(kind.model)})
    index.rebuild_kinds()
    few = count("/places/moscow/"), count(LIST)
    for number in range(8):
        place = f.PlaceFactory(parent=moscow, latitude=number, longitude=number)
        f.PersonFactory(birth_place=moscow, death_place=place)
        f.DocumentFactory(place=moscow)
        f.PhotographFactory(place=place)
        f.TrialFactory(place=moscow)
        f.EventFactory(place=place)
    index.rebuild_kinds()
    assert (count("/places/moscow/"), count(LIST)) == few


def test_the_list_works_without_javascript_and_the_map_draws_from_it(moscow, client):
    f.EventFactory(place=moscow)
    f.PhotographFactory(place=f.PlaceFactory(slug="onega", name="Onega"))
    index.rebuild_kinds()
    html = page(client, LIST)
    items = list_items(html)
    assert 'data-lat="55.755800" data-lon="37.617300" data-count="1"' in items["moscow"]
    assert "data-lat" not in items["onega"] and "no coordinates recorded" in items["onega"]
    assert "1 of them have coordinates" in html
    # The map is hidden until the script draws it, from the items with coordinates.
    assert '<div class="map" data-map="#place-list > li[data-lat]" data-tiles=' in html
    assert 'aria-label="Map of the places" hidden></div>' in html
    assert html.index('id="place-list"') > html.index('class="map"')


# Links: a place page to the search, record pages to place pages ----------------------------------


def search_link(html: str, place: Place) -> str | None:
    """The text of the place page's link to the search for its records, if there is one."""
    match = re.search(rf'<a href="/search/\?place={place.pk}">(.*?)</a>', html)
    return match and match.group(1)


def test_a_place_page_links_the_search_for_its_public_records_with_their_count(moscow, client):
    f.PersonFactory(birth_place=moscow, death_place=moscow)  # counted once
    f.EventFactory(place=moscow)
    f.DocumentFactory(place=moscow)
    f.TrialFactory(place=f.PlaceFactory(parent=moscow))  # a place within: not counted
    unpublished(place=moscow)
    index.rebuild_kinds()
    html = page(client, "/places/moscow/")
    assert search_link(html, moscow) == "All 3 records naming Moscow in the search"
    answer = client.get("/search.json", {"place": moscow.pk}).json()
    assert answer["total"] == 3
    assert client.get("/search.json", {"place": "moscow"}).json()["total"] == 3


def test_a_place_without_public_records_links_no_search(db, client):
    paris = f.PlaceFactory(slug="paris", name="Paris")
    unpublished(place=paris)
    index.rebuild_kinds()
    assert search_link(page(client, "/places/paris/"), paris) is None


def test_a_place_pages_queries_do_not_grow_with_its_records(
    moscow, client, django_assert_num_queries
):
    f.EventFactory(place=moscow)
    index.rebuild_kinds()
    with CaptureQueriesContext(connection) as captured:
        page(client, "/places/moscow/")
    one = len(captured)
    for kind in KINDS:
        for _ in range(3):
            f.factory_for(kind)(**{name: moscow for name in place_fields(kind.model)})
    index.rebuild_kinds()
    with django_assert_num_queries(one):
        html = page(client, "/places/moscow/")
    assert search_link(html, moscow) == "All 16 records naming Moscow in the search"


def test_record_pages_link_the_places_they_name(moscow, client):
    saratov = f.PlaceFactory(slug="saratov", name="Saratov")
    person = f.PersonFactory(birth_place=saratov, death_place=moscow)
    event = f.EventFactory(place=moscow, title="Plenum")
    event.persons.set([person])
    records = [
        person,
        event,
        f.DocumentFactory(place=moscow),
        f.PhotographFactory(place=moscow),
        f.TrialFactory(place=moscow),
    ]
    for record in records:
        assert '<a href="/places/moscow/">Moscow</a>' in page(client, record.get_absolute_url())
    html = page(client, person.get_absolute_url())
    assert '<a href="/places/saratov/">Saratov</a>' in html
    # The person's events name their places too.
    assert re.search(r'Plenum</a> <span class="meta"><a href="/places/moscow/">Moscow</a>', html)


def test_a_place_is_named_without_its_date_and_without_a_link_it_cannot_have(moscow, client):
    person = f.PersonFactory(birth="", birth_place=moscow, death="")
    html = page(client, person.get_absolute_url())
    assert re.search(r'<dt>Born</dt><dd><a href="/places/moscow/">Moscow</a></dd>', html)
    # A slug the page's address cannot hold (written around validation): the name, no link.
    odd = f.PlaceFactory(slug="odd", name="Odd place")
    Place.objects.filter(pk=odd.pk).update(slug="odd place")
    event = f.EventFactory(place=odd)
    html = page(client, event.get_absolute_url())
    assert "<dd>Odd place</dd>" in html


# The demo archive ---------------------------------------------------------------------------------


class TestDemoPlaces(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=io.StringIO())
        index.rebuild_kinds()

    def test_every_demo_place_has_its_coordinates(self):
        for data in vocab.PLACES:
            place = Place.objects.get(slug=data["slug"])
            assert place.latitude is not None and place.longitude is not None, place
            assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180
        moscow = Place.objects.get(slug="moscow")
        assert (round(moscow.latitude), round(moscow.longitude)) == (56, 38)
        assert round(Place.objects.get(slug="new-york-city").longitude) == -74

    def test_the_list_counts_each_places_public_records(self):
        items = list_items(page(Client(), LIST))
        expected = {}
        for place in Place.objects.all():
            count = 0
            for kind in KINDS:
                condition = Q()
                for name in place_fields(kind.model):
                    condition |= Q(**{name: place})
                count += kind.model.objects.public().filter(condition).count()
            if count:
                expected[place.slug] = count
        assert set(items) == set(expected)
        assert expected["moscow"] > 20
        for slug, count in expected.items():
            assert f'data-count="{count}"' in items[slug], slug

    def test_place_pages_keep_to_the_policy(self):
        client = Client()
        paths = [LIST, "/search/map/?q=Bukharin"] + [
            f"/places/{place.slug}/" for place in Place.objects.all()
        ]
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            found = inline_code(response.content.decode())
            assert not found.found, (path, found.found)
            policy = parse_policy(response["Content-Security-Policy"])
            assert policy["img-src"] == ["'self'", "https://tile.openstreetmap.org"]
            assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]

    def test_the_tile_server_in_the_policy_follows_the_setting(self):
        assert settings.VITRINE_MAP_TILES == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
        html = page(Client(), "/places/moscow/")
        assert f'data-tiles="{settings.VITRINE_MAP_TILES}"' in html
        assert "OpenStreetMap</a> contributors" in html.replace("&lt;", "<").replace("&gt;", ">")
