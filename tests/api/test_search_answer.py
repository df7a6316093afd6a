"""The API's search answer carries what /search.json does — the best match of the words and the
notes about the text — and the schema describes them, the place and letter parameters, and the
header that opens every answer to other sites (archive.cors)."""

from tests.api.helpers import get_json
from tests.api.test_schema import generated_schema


def test_the_answer_has_the_best_match_with_its_api_address(client, archive):
    data = get_json(client, "/api/v1/search/?q=Bukharin")
    best = data["best_match"]
    assert (best["kind"], best["slug"], best["title"]) == ("person", "bukharin", "Nikolai Bukharin")
    assert best["url"] == "http://testserver/persons/bukharin/"
    assert best["api_url"] == "http://testserver/api/v1/persons/bukharin/"
    assert get_json(client, "/search.json?q=Bukharin")["best_match"]["slug"] == "bukharin"
    assert get_json(client, "/api/v1/search/?q=communism")["best_match"] is None


def test_the_answer_has_the_notes_about_its_text(client, archive):
    data = get_json(client, "/api/v1/search/?q=-")
    assert data["notes"] == ["No words to search for in “-”, so it was left out."]
    assert data["query"]["q"] == ""
    assert get_json(client, "/api/v1/search/?q=Bukharin")["notes"] == []


def test_the_schema_describes_best_match_notes_place_and_letter():
    schema = generated_schema()
    components = schema["components"]["schemas"]
    answer = components["SearchAnswer"]["properties"]
    assert {"best_match", "notes"} <= answer.keys()
    best = components[answer["best_match"]["allOf"][0]["$ref"].rsplit("/", 1)[1]]
    assert {"kind", "slug", "url", "api_url", "summary"} <= best["properties"].keys()
    operation = schema["paths"]["/api/v1/search/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert "id or slug" in parameters["place"]["description"]
    assert parameters["letter"]["schema"]["maxLength"] == 1
    assert "place" in components["SearchParameters"]["properties"]


def test_the_schema_says_every_answer_may_be_read_from_other_sites():
    schema = generated_schema()
    assert "Access-Control-Allow-Origin" in schema["info"]["description"]
    for path, item in schema["paths"].items():
        for status, response in item["get"]["responses"].items():
            headers = response.get("headers", {})
            assert "Access-Control-Allow-Origin" in headers, (path, status)
