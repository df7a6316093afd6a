"""HTTP behaviour: JSON only, cacheable answers with an ETag (304 on a match), throttling."""

from tests.api.helpers import get_json


def test_answers_are_cacheable_with_an_etag(client, archive):
    response = client.get("/api/v1/persons/bukharin/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get("/api/v1/persons/bukharin/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_errors_are_not_cached(client, db):
    response = client.get("/api/v1/persons/nobody/")
    assert response.status_code == 404
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_throttling_answers_429_in_json(client, db, settings):
    settings.VITRINE_API_THROTTLE = "3/minute"
    for _ in range(3):
        assert client.get("/api/v1/places/").status_code == 200
    response = client.get("/api/v1/places/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "Retry-After" in response
    assert "throttled" in response.json()["detail"].lower()


def test_pages_link_to_each_other(client, archive):
    first = get_json(client, "/api/v1/documents/?per_page=3&ordering=title")
    assert first["count"] == 4 and first["page_count"] == 2 and first["previous"] is None
    second = get_json(client, first["next"].removeprefix("http://testserver"))
    assert second["page"] == 2 and second["next"] is None
    assert {r["slug"] for r in first["results"]} | {r["slug"] for r in second["results"]} == {
        "abc",
        "econ",
        "letter",
        "speech",
    }
    assert get_json(client, second["previous"].removeprefix("http://testserver"))["page"] == 1


def test_search_pages_link_to_each_other(client, archive):
    from search import query

    first = get_json(client, "/api/v1/search/")
    assert first["per_page"] == query.SearchQuery().per_page
    assert first["next"] is None and first["previous"] is None  # ten public records


def test_vocabularies_link_to_their_search(client, archive):
    papers = get_json(client, "/api/v1/collections/papers/")
    found = get_json(client, papers["search_url"].removeprefix("http://testserver"))
    assert found["total"] == 6
    assert {hit["slug"] for hit in found["results"]} == {
        "bukharin",
        "rykov",
        "abc",
        "econ",
        "letter",
        "expelled",
    }


def test_non_ascii_is_written_as_is(client, archive):
    response = client.get("/api/v1/persons/bukharin/")
    assert "Николай Бухарин".encode() in response.content


def test_head_answers_like_get(client, archive):
    response = client.head("/api/v1/persons/bukharin/")
    assert response.status_code == 200
    assert response["ETag"] == client.get("/api/v1/persons/bukharin/")["ETag"]


def test_a_forged_forwarded_for_does_not_escape_throttling(client, db, settings):
    settings.VITRINE_API_THROTTLE = "2/minute"
    statuses = [
        client.get("/api/v1/places/", headers={"X-Forwarded-For": f"10.0.0.{n}"}).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_staff_sessions_see_only_public_records(client, archive):
    """The API is anonymous: a curator's session shows nothing more (its answers are cacheable
    by anyone)."""
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="curator-api", is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200  # the session is a staff one
    assert client.get("/api/v1/documents/draft/").status_code == 404
    assert "draft" not in {d["slug"] for d in get_json(client, "/api/v1/documents/")["results"]}
    assert client.get("/api/v1/exhibits/draft-exhibit/").status_code == 404


def test_document_lists_its_pages_in_order(client, archive):
    from archive.models import DocumentPage
    from tests.factories import image_file

    for position, label in ((2, "p. 2"), (1, "p. 1")):
        DocumentPage.objects.create(
            document=archive.abc, image=image_file("page.jpg"), label=label, position=position
        )
    data = get_json(client, "/api/v1/documents/abc/")
    assert [(p["position"], p["label"]) for p in data["pages"]] == [(1, "p. 1"), (2, "p. 2")]


def test_the_index_links_to_every_endpoint(client, db):
    index = get_json(client, "/api/v1/")
    assert index["persons"] == "http://testserver/api/v1/persons/"
    assert index["schema"] == "http://testserver/api/schema/"
    for name, url in index.items():
        if name not in ("docs", "schema"):
            assert client.get(url).status_code == 200, name
