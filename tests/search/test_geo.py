"""A search on a map (search.geo, search.map_views): the places of the records a search finds,
counted exactly as the search finds them, public records only, as GeoJSON (/search.geojson)
and as a page (/search/map/); bounds and hostile parameters answered with a 400 or an empty
collection, never a 500."""

import dataclasses
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.kinds import BY_NAME
from archive.models import Document, Person, Place, Status
from search import geo, index
from search.engine import search
from search.geo import BBox, place_counts
from search.places import place_fields
from search.query import SearchQuery
from tests import factories as f
from tests.search.conftest import place
from tests.search.test_views import BAD

GEOJSON, MAP = "/search.geojson", "/search/map/"


def expected(query: SearchQuery) -> dict[str, dict[str, int]]:
    """The places the search's own hits name, counted from the records, by slug and kind: what
    the map must show, found independently of search.geo."""
    results = search(dataclasses.replace(query, page=1, per_page=1000))
    assert len(results.hits) == results.total
    counts: dict[str, Counter] = defaultdict(Counter)
    for hit in results.hits:
        model = BY_NAME[hit.kind].model
        record = model.objects.get(pk=hit.object_id)
        slugs = {
            getattr(record, name).slug
            for name in place_fields(model)
            if getattr(record, name) is not None
        }
        for slug in slugs:
            counts[slug][hit.kind] += 1
    return {slug: dict(kinds) for slug, kinds in counts.items()}


def counted(query: SearchQuery) -> dict[str, dict[str, int]]:
    found = {item.place.slug: item.kinds for item in place_counts(query)}
    for item in place_counts(query):
        assert item.count == sum(item.kinds.values())
    return found


QUERIES = [
    SearchQuery(),
    SearchQuery(text="Bukharin"),
    SearchQuery(text="communism"),
    SearchQuery(text="Bukharin", kind=("document",)),
    SearchQuery(kind=("person", "photograph")),
    SearchQuery(decade=(1920,)),
    SearchQuery(year_from=1930),
    SearchQuery(language=("ru",)),
    SearchQuery(text="opposition OR tractors", sort="date", page=2),
    SearchQuery(text="Bukarin"),  # a typo: the search shows persons with similar names
    SearchQuery(text="-"),  # only an operator
    SearchQuery(text="zzzz nothing at all"),
]


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_the_map_counts_the_records_the_search_finds(located, query):
    assert counted(query) == expected(query)


def test_the_subject_and_person_filters_count_as_the_search_does(located, archive):
    for query in (
        SearchQuery(person=(archive.rykov.pk,)),
        SearchQuery(subject=(archive.politics.pk,)),
        SearchQuery(collection=(archive.press.pk,), has_image=True),
    ):
        assert counted(query) == expected(query), query


def test_whole_archive_counts(located):
    assert counted(SearchQuery()) == {
        # Bukharin, born and died there, once; Rykov died there; two documents, a photograph,
        # an event. Not the photograph in review, nor Larina, a draft.
        "moscow": {"person": 2, "document": 2, "photograph": 1, "event": 1},
        "house": {"document": 1, "trial": 1},
        "saratov": {"person": 1},
        "leningrad": {"document": 1},
        "nowhere": {"photograph": 1},
    }


def test_fuzzy_names_are_mapped_as_the_search_shows_them(located):
    assert search(SearchQuery(text="Bukarin")).fuzzy_names
    assert counted(SearchQuery(text="Bukarin"))  # not empty: the similar names' records


def test_a_stale_index_row_never_counts_an_unpublished_record(located, archive):
    """Withdrawn without the index hearing of it (a bulk update): the index still lists the
    document as public, but places are read only for records public now."""
    assert counted(SearchQuery(text="communism")) == {"moscow": {"document": 1}}
    Document.objects.filter(pk=archive.abc.pk).update(status=Status.WITHDRAWN)
    cache.clear()  # the index did not change, so cached answers would stand
    hits = search(SearchQuery(text="communism")).hits
    assert ("document", archive.abc.pk) in {(hit.kind, hit.object_id) for hit in hits}
    assert counted(SearchQuery(text="communism")) == {}


def test_publishing_updates_the_map_and_places_are_read_afresh(
    located, archive, django_capture_on_commit_callbacks
):
    assert "paris" not in counted(SearchQuery())
    draft = Document.objects.get(pk=archive.draft.pk)
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Status.PUBLISHED
        draft.save()
    assert counted(SearchQuery())["paris"] == {"document": 1}
    # Moving a place changes no index row, and the cached counts are not its coordinates.
    Place.objects.filter(pk=located.moscow.pk).update(latitude=Decimal("55.7"))
    moscow = next(i for i in place_counts(SearchQuery()) if i.place.slug == "moscow")
    assert moscow.place.latitude == Decimal("55.7")


def feature(data: dict, slug: str) -> dict:
    return next(item for item in data["features"] if item["id"] == slug)


def test_geojson_is_a_feature_collection_of_points_with_counts(located, client):
    response = client.get(GEOJSON, {"q": "Bukharin"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    for item in data["features"]:
        assert item["type"] == "Feature"
        assert item["geometry"]["type"] == "Point"
        longitude, latitude = item["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
        assert item["properties"]["count"] == sum(item["properties"]["kinds"].values())
        assert item["properties"]["url"] == f"http://testserver/places/{item['id']}/"
    expect = expected(SearchQuery(text="Bukharin"))
    located_slugs = {slug for slug in expect if slug != "nowhere"}
    assert {item["id"] for item in data["features"]} == located_slugs
    moscow = feature(data, "moscow")
    assert moscow["geometry"]["coordinates"] == [37.6173, 55.7558]  # longitude first
    assert moscow["properties"]["name"] == "Moscow"
    assert moscow["properties"]["kinds"] == expect["moscow"]
    counts = [item["properties"]["count"] for item in data["features"]]
    assert counts == sorted(counts, reverse=True)


def test_a_place_without_coordinates_is_counted_aside(located, client):
    data = client.get(GEOJSON).json()
    assert "nowhere" not in {item["id"] for item in data["features"]}
    assert data["unlocated_places"] == 1


def test_no_unpublished_record_or_its_place_reaches_the_geojson(located, archive, client):
    data = client.get(GEOJSON, {"q": "Bukharin"}).json()
    text = str(data)
    for slug in ("paris", "london", "new-york"):
        assert slug not in text
    for record in archive.unpublished:
        assert record.slug not in text and record.title not in text
    everything = client.get(GEOJSON).json()
    total = sum(item["properties"]["count"] for item in everything["features"])
    # Ten public records; Rykov is counted at two places, Bukharin at one, and the photograph
    # in the place without coordinates at none.
    assert total == 10
    assert feature(everything, "moscow")["properties"]["count"] == 6


def test_bbox_keeps_the_places_inside(located, client):
    around_moscow = client.get(GEOJSON, {"bbox": "37,55,38,56"}).json()
    assert {item["id"] for item in around_moscow["features"]} == {"moscow", "house"}
    west = client.get(GEOJSON, {"bbox": "-180,-90,0,90"}).json()
    assert west["features"] == []
    # Across the antimeridian: from 170°E eastwards to 40°E.
    across = client.get(GEOJSON, {"bbox": "170,-90,40,90"}).json()
    assert {item["id"] for item in across["features"]} == {"moscow", "house", "leningrad"}


def test_bbox_of_the_whole_world_changes_nothing(located, client):
    assert client.get(GEOJSON, {"bbox": "-180,-90,180,90"}).json() == client.get(GEOJSON).json()


@pytest.mark.parametrize(
    "bbox",
    [
        "a,b,c,d",
        "1,2,3",
        "1,2,3,4,5",
        "nan,0,1,1",
        "0,0,inf,1",
        "0,-inf,1,1",
        "0,0,1,1e400",
        "-181,0,0,1",
        "0,-91,1,0",
        "0,10,1,5",  # south of north
        "0x10,0,1,1",
        "1;2;3;4",
        "",
        ",,,",
        "\x00",
        "1,2,3,4" + "0" * 300,
    ],
)
def test_bounds_that_are_not_numbers_answer_400(located, client, bbox):
    response = client.get(GEOJSON, {"bbox": bbox})
    if bbox == "":
        assert response.status_code == 200  # no bounds
        return
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["bbox"]


def test_bbox_parsing():
    assert BBox(-10, 35, 40, 70).contains(50, 10)
    assert not BBox(-10, 35, 40, 70).contains(50, 41)
    assert BBox(170, -10, -170, 10).contains(0, 179.5)
    assert BBox(170, -10, -170, 10).contains(0, -179.5)
    assert not BBox(170, -10, -170, 10).contains(0, 0)


@pytest.mark.parametrize("params", BAD, ids=lambda p: repr(p)[:40])
def test_hostile_parameters_answer_400_or_a_collection(located, archive, client, params):
    response = client.get(GEOJSON, params)
    assert response.status_code in (200, 400), response.status_code
    data = response.json()
    if response.status_code == 400:
        assert data["errors"]
        assert all(isinstance(m, str) for ms in data["errors"].values() for m in ms)
    else:
        assert data["type"] == "FeatureCollection"
        assert not {"paris", "london", "new-york"} & {item["id"] for item in data["features"]}
    page = client.get(MAP, params)
    assert page.status_code == 200
    for record in archive.unpublished:
        assert record.title not in page.content.decode()


def test_the_same_parameters_are_refused_as_by_the_search_json(located, client):
    for params in ({"kind": "unknown"}, {"q": "a\x00b"}, {"person": "abc"}, {"from": "x"}):
        assert client.get(GEOJSON, params).status_code == 400
        assert client.get("/search.json", params).status_code == 400


def test_query_count_does_not_grow_with_places_or_records(located, archive, client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(GEOJSON, {"q": "Bukharin"}).status_code == 200
        return len(captured)

    cache.clear()
    few = queries()
    for number in range(12):
        extra = place(f"extra-{number}", f"Extra {number}", str(number), str(number))
        f.EventFactory(title=f"Bukharin event {number}", place=extra)
        f.PersonFactory(title=f"Bukharin {number}", birth_place=extra, death_place=located.paris)
    index.rebuild_kinds()
    cache.clear()
    assert queries() == few
    assert len(client.get(GEOJSON, {"q": "Bukharin"}).json()["features"]) > 12


def test_answers_are_cached_until_the_index_changes(located, client):
    first = client.get(GEOJSON, {"q": "Bukharin"}).json()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(GEOJSON, {"q": "Bukharin", "page": "2", "sort": "date"}).json()
    assert again == first  # every page and order of a search has one map
    statements = " ".join(q["sql"] for q in captured.captured_queries)
    assert "archive_search_entry" not in statements  # the counts came from the cache


# The map page ------------------------------------------------------------------------------------


def test_the_map_page_lists_the_places_most_records_first(located, client):
    response = client.get(MAP, {"q": "Bukharin", "page": "2", "sort": "date"})
    assert response.status_code == 200
    page = response.content.decode()
    items = page.split('id="place-list"')[1].split("</ol>")[0]
    assert items.index(">Moscow</a>") < items.index(">House of the Unions</a>")
    assert 'data-lat="55.755800" data-lon="37.617300"' in page
    assert "A village nobody located" not in items  # no record found names it
    assert 'href="/search.geojson?q=Bukharin"' in page  # without its page and order
    assert 'href="/search/?q=Bukharin"' in page
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page
    assert "Paris" not in page and "London" not in page


def test_the_map_page_without_places_says_so(located, client):
    page = client.get(MAP, {"q": "zzzz nothing at all"}).content.decode()
    assert "None of the records found names a place." in page
    assert "data-map" not in page


def test_the_map_page_says_what_it_left_out(located, client):
    page = client.get(MAP, {"q": "Bukharin", "kind": "unknown"}).content.decode()
    assert "“unknown” is not a kind of record." in page
    assert ">Moscow</a>" in page


def test_each_located_document_found_is_counted_once(located, client):
    """Each document names one place: the counts add up to the documents the search finds."""
    params = {"q": "Bukharin", "kind": "document"}
    total = client.get("/search.json", params).json()["total"]
    data = client.get(GEOJSON, params).json()
    assert total == 3
    assert sum(item["properties"]["count"] for item in data["features"]) == total


def test_place_fields_are_read_from_the_models():
    assert place_fields(Person) == ("birth_place", "death_place")
    assert place_fields(Document) == ("place",)


def test_the_search_page_links_to_its_map(located, client):
    page = client.get("/search/", {"q": "Bukharin", "kind": "document", "page": "1", "x": "junk"})
    link = '<a href="/search/map/?q=Bukharin&amp;kind=document">Map</a>'
    assert link in page.content.decode()
    empty = client.get("/search/", {"q": "zzzz nothing at all"}).content.decode()
    assert "/search/map/" not in empty  # no results, no map


def test_places_are_read_in_batches(located, monkeypatch):
    whole = counted(SearchQuery())
    cache.clear()
    monkeypatch.setattr(geo, "PLACES_PER_QUERY", 2)
    assert counted(SearchQuery()) == whole and len(whole) == 5
