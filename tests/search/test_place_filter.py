"""The search's place filter (`?place=<id or slug>`): the public records that name a place
themselves, on the page (with a chip), in /search.json, the API, and the search's map; a bad or
unknown place is a 400 in JSON and a message on the page, never a 500."""

import re

import pytest
from django.core.cache import cache
from django.db.models import Q

from archive import visibility
from archive.kinds import KINDS
from archive.models import Document, Event, Place
from search.engine import search
from search.forms import SearchForm
from search.places import naming_sql, place_fields
from search.query import SearchQuery
from tests.search.test_geo import counted, expected

SEARCH, JSON, API, GEOJSON = "/search/", "/search.json", "/api/v1/search/", "/search.geojson"


def named_by_public_records(*places: Place) -> set[tuple[str, int]]:
    """(kind, id) of the public records naming these places, read from the records."""
    found = set()
    for kind in KINDS:
        condition = Q()
        for name in place_fields(kind.model):
            condition |= Q(**{f"{name}__in": places})
        if condition:
            records = visibility.public(kind.model.objects.filter(condition))
            found |= {(kind.name, pk) for pk in records.values_list("pk", flat=True)}
    return found


def found_records(query: SearchQuery) -> set[tuple[str, int]]:
    results = search(SearchQuery(**{**query.__dict__, "per_page": 1000}))
    assert len(results.hits) == results.total
    return {(hit.kind, hit.object_id) for hit in results.hits}


def form(**params) -> SearchForm:
    bound = SearchForm(data=params)
    bound.is_valid()
    return bound


# The form ----------------------------------------------------------------------------------------


def test_a_place_is_given_by_id_or_slug_and_read_as_ids(located):
    moscow, saratov = located.moscow, located.saratov
    by_slug = form(place="moscow")
    assert not by_slug.errors
    assert by_slug.search_query().place == (moscow.pk,)
    assert by_slug.place_names() == {moscow.pk: "Moscow"}
    both = SearchForm(data={"place": [str(saratov.pk), "moscow", "saratov"]})
    assert both.is_valid()
    assert both.search_query().place == (saratov.pk, moscow.pk)  # in order, once each


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("no-such-place", "“no-such-place” is not a place in the archive."),
        ("999999", "“999999” is not a place in the archive."),
        ("a b", "“a b” is not a place id or slug."),
        ("0", "“0” is not a place id or slug."),
        ("99999999999999999999999999", "is not a place id or slug."),
        ("mos\x00cow", "A place id or slug cannot contain NUL characters."),
        ("é" * 300, "is not a place id or slug."),
    ],
)
def test_an_unknown_or_malformed_place_is_an_error(located, value, message):
    bound = form(place=value)
    assert message in " ".join(bound.errors["place"])
    assert bound.search_query(lenient=True).place == ()  # the page searches without it


def test_lenient_use_keeps_the_places_that_exist(located):
    bound = SearchForm(data={"place": ["moscow", "atlantis", "a b"]})
    assert not bound.is_valid()
    assert bound.search_query(lenient=True).place == (located.moscow.pk,)
    assert bound.place_names() == {located.moscow.pk: "Moscow"}


def test_the_form_reads_every_place_in_one_query(located, django_assert_num_queries):
    values = ["moscow", "saratov", str(located.house.pk), "leningrad"]
    with django_assert_num_queries(1):
        assert SearchForm(data={"place": values}).is_valid()


# The engine --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"text": "Bukharin"},
        {"kind": ("document",)},
        {"text": "opposition OR tractors", "sort": "date"},
        {"decade": (1920,)},
        {"year_from": 1925},
        {"collection": "papers"},
        {"text": "Bukarin"},  # a typo: the records of persons with similar names
    ],
    ids=repr,
)
def test_the_filter_finds_the_public_records_that_name_the_place(located, archive, extra):
    if extra.get("collection"):
        extra = {"collection": (getattr(archive, extra["collection"]).pk,)}
    plain = found_records(SearchQuery(**extra))
    for places in ([located.moscow], [located.house], [located.moscow, located.saratov]):
        query = SearchQuery(place=tuple(p.pk for p in places), **extra)
        assert found_records(query) == plain & named_by_public_records(*places), (places, query)


def test_the_place_itself_not_the_places_within_it(located, archive):
    # The house lies within Moscow; its document and trial do not name Moscow.
    found = found_records(SearchQuery(place=(located.moscow.pk,)))
    assert ("document", archive.letter.pk) not in found
    assert ("trial", archive.trial.pk) not in found
    assert found == named_by_public_records(located.moscow)
    # Bukharin once (born and died there), Rykov, two documents, a photograph, an event.
    assert len(found) == 6


def test_facet_counts_count_only_the_places_records(located, archive):
    results = search(SearchQuery(place=(located.moscow.pk,)))
    kinds = {v.value: v.count for v in results.facets["kind"]}
    assert kinds == {"person": 2, "document": 2, "photograph": 1, "event": 1}
    assert results.total == 6
    # Another filter narrows the place's records; the kind facet still counts every kind.
    documents = search(SearchQuery(place=(located.moscow.pk,), kind=("document",)))
    assert documents.total == 2
    assert {v.value: v.count for v in documents.facets["kind"]} == kinds


def test_unpublished_records_are_never_found_by_their_place(located, archive):
    # Paris, London and New York City are named only by unpublished records.
    for slug in ("paris", "london", "new-york"):
        pk = Place.objects.get(slug=slug).pk
        assert search(SearchQuery(place=(pk,))).total == 0, slug


def test_the_places_are_read_from_the_records_as_they_are_now(located, archive):
    """A record's place is read from its own table, not from its index row: a change made
    without the index hearing of it (a bulk update) is seen, and so is a record withdrawn that
    way, which is no longer found by its place."""
    moscow = (located.moscow.pk,)
    Event.objects.filter(pk=archive.expelled.pk).update(place=located.leningrad)
    Document.objects.filter(pk=archive.abc.pk).update(status="withdrawn")
    cache.clear()  # the index did not change, so cached answers would stand
    found = found_records(SearchQuery(place=moscow))
    assert ("event", archive.expelled.pk) not in found
    assert ("document", archive.abc.pk) not in found
    assert ("event", archive.expelled.pk) in found_records(
        SearchQuery(place=(located.leningrad.pk,))
    )


def test_the_map_of_a_place_filter_counts_as_the_search_does(located):
    for query in (
        SearchQuery(place=(located.moscow.pk,)),
        SearchQuery(place=(located.house.pk, located.saratov.pk), text="Bukharin"),
    ):
        assert counted(query) == expected(query), query
    # The records of Moscow also name Saratov (Rykov was born there).
    assert set(counted(SearchQuery(place=(located.moscow.pk,)))) == {"moscow", "saratov"}


def test_the_sql_names_each_place_as_a_parameter(located):
    sql, params = naming_sql([located.moscow.pk, located.house.pk])
    assert str(located.moscow.pk) not in re.sub(r"%s", "", sql)
    assert params.count(located.moscow.pk) == sum(len(place_fields(k.model)) for k in KINDS)


# The page, the JSON and the API ------------------------------------------------------------------


def chips(html: str) -> list[tuple[str, str]]:
    found = re.findall(r'<a class="chip" href="([^"]*)">(.*?)</a>', html)
    hidden = r'<span class="visually-hidden">.*?</span>|<span aria-hidden="true">.*?</span>'
    return [(href.replace("&amp;", "&"), re.sub(hidden, "", label)) for href, label in found]


def test_the_page_filters_and_shows_a_chip_that_removes_it(located, client):
    moscow = located.moscow
    response = client.get(SEARCH, {"place": "moscow", "kind": "document"})
    assert response.status_code == 200
    html = response.content.decode()
    assert ("/search/?kind=document", "Place: Moscow") in chips(html)
    assert "2 records" in html
    # Links on the page carry the place as its id.
    assert f"place={moscow.pk}" in html
    assert 'href="/search/map/?kind=document&amp;place=' in html


def test_the_page_says_what_place_it_left_out_and_searches_with_the_rest(located, client):
    html = client.get(SEARCH, {"place": ["atlantis", "moscow"]}).content.decode()
    assert "Some of the search could not be used, so it was left out:" in html
    assert "Place: “atlantis” is not a place in the archive." in html
    assert ("/search/", "Place: Moscow") in chips(html)
    assert "6 records" in html


@pytest.mark.parametrize(
    "value",
    ["atlantis", "0", "-1", "1.5", "a b", "\x00", "x" * 1000, "99999999999999999999", "' OR 1=1"],
)
def test_a_bad_place_is_a_400_in_json_and_the_api_and_never_a_500(located, client, value):
    for url in (JSON, API, GEOJSON):
        response = client.get(url, {"place": value})
        assert response.status_code == 400, (url, value)
        assert "place" in response.json()["errors"], url
    page = client.get(SEARCH, {"place": value})
    assert page.status_code == 200
    assert "could not be used" in page.content.decode()


def test_json_and_api_accept_the_place_and_echo_its_id(located, client):
    moscow = located.moscow
    for url in (JSON, API):
        for value in ("moscow", str(moscow.pk)):
            data = client.get(url, {"place": value}).json()
            assert data["query"]["place"] == [moscow.pk], url
            assert data["total"] == 6, url
    assert client.get(JSON).json()["query"]["place"] == []


def test_the_api_places_link_to_their_search(located, client):
    data = client.get(f"/api/v1/places/{located.moscow.slug}/").json()
    assert data["search_url"] == f"http://testserver/api/v1/search/?place={located.moscow.pk}"
    assert client.get(data["search_url"]).json()["total"] == 6


def test_the_geojson_is_open_to_other_sites(located, client):
    response = client.get(GEOJSON, {"place": "moscow"}, headers={"Origin": "https://x.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert {f["id"] for f in response.json()["features"]} == {"moscow", "saratov"}
