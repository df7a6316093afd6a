"""Bad parameters answer 400 with a JSON body that says which and why; unknown addresses and
methods answer JSON too. Never a 500."""

import pytest

LISTS = ["persons", "documents", "photographs", "trials", "events", "places", "exhibits"]
HUGE = "x" * 100_000


def assert_error(response, status: int, parameter: str | None = None) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["detail"]
    if parameter is not None:
        assert data["errors"][parameter], data
    return data


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    "page", ["0", "-1", "abc", "1.5", "\x00", "1\x00", HUGE, "9" * 5000, "٣", "99999"]
)
def test_bad_page_numbers_are_400(client, db, path, page):
    assert_error(client.get(f"/api/v1/{path}/", {"page": page}), 400, "page")


@pytest.mark.parametrize("per_page", ["0", "101", "x", "\x00", HUGE])
def test_bad_page_sizes_are_400(client, db, per_page):
    assert_error(client.get("/api/v1/persons/", {"per_page": per_page}), 400, "per_page")


def test_past_the_last_page_says_so(client, db):
    data = assert_error(client.get("/api/v1/persons/", {"page": "2"}), 400, "page")
    assert data["errors"]["page"] == ["Page 2 is past the last page (1)."]


@pytest.mark.parametrize("ordering", ["zzz", "pk", "status", "-password", "\x00", HUGE, "title"])
def test_unknown_ordering_is_400(client, db, ordering):
    # "title" orders documents, not persons (persons order by "name").
    assert_error(client.get("/api/v1/persons/", {"ordering": ordering}), 400, "ordering")


def test_known_orderings_work(client, archive):
    persons = client.get("/api/v1/persons/?ordering=-birth").json()["results"]
    assert [p["slug"] for p in persons] == ["bukharin", "rykov"]
    dates = client.get("/api/v1/documents/?ordering=-date,title").json()["results"]
    assert [d["slug"] for d in dates] == ["letter", "speech", "abc", "econ"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"q": HUGE}, "q"),
        ({"q": "bukharin\x00"}, "q"),
        ({"kind": "spaceship"}, "kind"),
        ({"kind": "\x00"}, "kind"),
        ({"decade": "1935"}, "decade"),
        ({"person": "-3"}, "person"),
        ({"person": "9" * 30}, "person"),
        ({"subject": "abc"}, "subject"),
        ({"collection": "1.0"}, "collection"),
        ({"language": "english!"}, "language"),
        ({"has_image": "maybe"}, "has_image"),
        ({"from": "1938-01-01"}, "from"),
        ({"from": "1950", "to": "1900"}, "to"),
        ({"sort": "random"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page": "501"}, "page"),
        ({"page": "7"}, "page"),
        ({"kind": ["person"] * 51}, "kind"),
    ],
)
def test_bad_search_parameters_are_400(client, db, params, parameter):
    assert_error(client.get("/api/v1/search/", params), 400, parameter)


def test_unknown_parameters_are_ignored(client, archive):
    assert client.get("/api/v1/search/?utm_source=x&q=rykov").status_code == 200
    assert client.get("/api/v1/persons/?utm_source=x").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nowhere/",
        "/api/v2/persons/",
        "/api/",
        "/api/v1/persons/bad%00slug/",
        "/api/v1/persons/" + "x" * 5000 + "/",
        "/api/v1/exhibits/life/sections/a%20b/",
        "/api/v1/places/nope/",
    ],
)
def test_unknown_addresses_are_json_404(client, db, path):
    assert_error(client.get(path), 404)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_is_not_allowed(client, db, method):
    response = getattr(client, method)("/api/v1/persons/bukharin/")
    assert_error(response, 405)
