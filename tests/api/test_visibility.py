"""Only public records and exhibits ever appear: in lists, details, nested relations, exhibit
blocks, search results and facet counts. Drafts, records in review, withdrawn records and
scheduled ones (published in the future) are a 404, and are never named."""

import json

import pytest

from tests.api.helpers import get_json, slugs_of

KIND_ENDPOINTS = {
    "person": "persons",
    "document": "documents",
    "photograph": "photographs",
    "trial": "trials",
    "event": "events",
}
UNPUBLISHED = ["draft", "withdrawn", "review-photo", "scheduled", "larina"]


def endpoint(record) -> str:
    return KIND_ENDPOINTS[record._meta.model_name]


def test_lists_hold_exactly_the_public_records(client, archive):
    for kind, path in KIND_ENDPOINTS.items():
        data = get_json(client, f"/api/v1/{path}/?per_page=100")
        expected = {r.slug for r in archive.public if r._meta.model_name == kind}
        assert set(slugs_of(data)) == expected, kind
        assert data["count"] == len(expected)


@pytest.mark.parametrize("slug", UNPUBLISHED)
def test_unpublished_records_are_not_found(client, archive, slug):
    record = next(r for r in archive.unpublished if r.slug == slug)
    response = client.get(f"/api/v1/{endpoint(record)}/{slug}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_public_records_are_found(client, archive):
    for record in archive.public:
        data = get_json(client, f"/api/v1/{endpoint(record)}/{record.slug}/")
        assert data["slug"] == record.slug
        assert data["kind"] == record._meta.model_name


def assert_never_named(data) -> None:
    """No unpublished record's slug or title appears anywhere in the answer."""
    text = json.dumps(data, ensure_ascii=False)
    for slug in UNPUBLISHED:
        assert f"/{slug}/" not in text, slug
    for title in ("Anna Larina", "Bukharin at his desk", "draft notes", "anniversary lecture"):
        assert title not in text, title


def test_nested_relations_name_only_public_records(client, archive):
    for path in KIND_ENDPOINTS.values():
        assert_never_named(get_json(client, f"/api/v1/{path}/?per_page=100"))
    for record in archive.public:
        assert_never_named(get_json(client, f"/api/v1/{endpoint(record)}/{record.slug}/"))


def test_document_lists_only_public_contributors(client, archive):
    data = get_json(client, "/api/v1/documents/abc/")
    assert [c["person"]["slug"] for c in data["contributors"]] == ["bukharin"]
    assert data["contributors"][0]["role"] == "author"


def test_trial_follows_the_trial_page(client, archive):
    data = get_json(client, "/api/v1/trials/trial/")
    assert [d["person"]["slug"] for d in data["defendants"]] == ["bukharin", "rykov"]
    assert data["defendants"][0]["charges"] == "Treason and espionage."
    assert data["defendants"][0]["verdict"] == "pending"
    assert data["prosecutor"] is None
    assert data["judges"] == []
    assert [d["slug"] for d in data["documents"]] == ["abc"]
    # No total recorded: the number of defendants named, as the trial page says.
    assert data["defendant_count"] == 2


def test_photograph_person_and_event_hide_unpublished_links(client, archive):
    photo = get_json(client, "/api/v1/photographs/congress/")
    assert photo["photographer"] is None
    assert [d["person"]["slug"] for d in photo["depicted"]] == ["bukharin"]
    assert photo["image"]["original_url"].endswith("/photographs/congress/original.img")
    bukharin = get_json(client, "/api/v1/persons/bukharin/")
    assert bukharin["portrait"] is None  # the portrait is in review
    assert [r["person"]["slug"] for r in bukharin["relations"]] == ["rykov"]
    rykov = get_json(client, "/api/v1/persons/rykov/")
    assert rykov["portrait"]["slug"] == "congress"
    assert [r["person"]["slug"] for r in rykov["relations"]] == ["bukharin"]
    assert rykov["relations"][0]["label"] == "political ally of"
    event = get_json(client, "/api/v1/events/expelled/")
    assert [p["slug"] for p in event["persons"]] == ["bukharin"]


def test_image_urls_go_through_the_visibility_checked_route(client, archive):
    photo = get_json(client, "/api/v1/photographs/congress/")
    for key in ("thumbnail_url", "original_url"):
        path = photo["image"][key].removeprefix("http://testserver")
        assert client.get(path).status_code == 200
    assert client.get("/photographs/review-photo/original.img").status_code == 404


@pytest.mark.parametrize(
    "slug", ["draft-exhibit", "review-exhibit", "withdrawn-exhibit", "scheduled-exhibit"]
)
def test_unpublished_exhibits_are_not_found(client, archive, slug):
    assert client.get(f"/api/v1/exhibits/{slug}/").status_code == 404
    assert client.get(f"/api/v1/exhibits/{slug}/sections/one/").status_code == 404
    assert slugs_of(get_json(client, "/api/v1/exhibits/")) == ["life"]


def test_exhibit_shows_sanitised_text_and_public_cover_only(client, archive):
    data = get_json(client, "/api/v1/exhibits/life/")
    assert data["introduction_html"] == "<p>Hello</p>"
    assert data["cover"] is None  # the cover photograph is in review
    assert [s["slug"] for s in data["sections"]] == ["one", "two"]


def test_section_blocks_leave_out_unpublished_records(client, archive):
    data = get_json(client, "/api/v1/exhibits/life/sections/one/")
    assert_never_named(data)
    kinds = [b["kind"] for b in data["blocks"]]
    assert kinds == ["text", "quote", "record", "gallery", "timeline", "trial"]
    text, quote, record, gallery, timeline, trial = data["blocks"]
    assert text["html"] == "<p>Words <b>bold</b></p>"
    assert text["footnotes"] == [1]
    assert data["footnotes"][0]["number"] == 1
    assert data["footnotes"][0]["citation"]["source"]["author"] == "Cohen, Stephen F."
    assert quote["html"] is None and quote["text"] == "<i>A quotation</i>"
    assert record["record"]["slug"] == "abc" and record["caption"] == "The book"
    assert [p["photograph"]["slug"] for p in gallery["photographs"]] == ["congress"]
    assert [e["slug"] for e in timeline["events"]] == ["expelled"]
    assert [d["person"]["slug"] for d in trial["defendants"]] == ["bukharin", "rykov"]
    assert data["position"] == 1 and data["previous"] is None
    assert data["next"]["slug"] == "two"


def test_unknown_section_is_not_found(client, archive):
    assert client.get("/api/v1/exhibits/life/sections/nope/").status_code == 404


def test_search_finds_and_counts_only_public_records(client, archive):
    data = get_json(client, "/api/v1/search/?q=bukharin")
    assert_never_named(data["results"])
    assert not set(slugs_of(data)) & set(UNPUBLISHED)
    browse = get_json(client, "/api/v1/search/")
    assert browse["total"] == len(archive.public)
    kinds = {v["value"]: v["count"] for v in browse["facets"]["kind"]}
    assert kinds == {"person": 2, "document": 4, "photograph": 2, "trial": 1, "event": 1}
    persons = {v["label"] for v in browse["facets"]["person"]}
    assert "Anna Larina" not in persons
    languages = {v["value"] for v in browse["facets"]["language"]}
    assert "de" not in languages  # only the withdrawn pamphlet is in German


def test_search_hits_link_to_the_api(client, archive):
    data = get_json(client, "/api/v1/search/?q=communism&kind=document")
    assert slugs_of(data) == ["abc"]
    hit = data["results"][0]
    assert hit["api_url"] == "http://testserver/api/v1/documents/abc/"
    assert client.get(hit["api_url"]).status_code == 200


def test_search_uses_the_same_filters_as_the_search_json(client, archive):
    query = "q=party&kind=document&language=ru&sort=-date&from=1900&to=1950"
    api = get_json(client, f"/api/v1/search/?{query}")
    site = get_json(client, f"/search.json?{query}")
    assert slugs_of(api) == [r["slug"] for r in site["results"]]
    assert api["facets"] == site["facets"]
    assert api["total"] == site["total"]


def test_a_scheduled_record_appears_when_its_time_comes(client, archive):
    """What is public is decided at each request, never once when the code is loaded."""
    import datetime

    from django.utils import timezone

    assert client.get("/api/v1/events/scheduled/").status_code == 404
    archive.scheduled.published_at = timezone.now() - datetime.timedelta(seconds=1)
    archive.scheduled.save()
    assert get_json(client, "/api/v1/events/scheduled/")["slug"] == "scheduled"
    assert "scheduled" in slugs_of(get_json(client, "/api/v1/events/"))


def test_unsafe_html_that_bypassed_saving_is_cleaned(client, archive):
    """Rows written without save() (a restore, update()) are sanitised again on the way out."""
    from exhibits.models import Block, Exhibit

    unsafe = '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:x()">l</a></p>'
    Exhibit.objects.filter(pk=archive.exhibit.pk).update(introduction=unsafe)
    Block.objects.filter(section=archive.section, kind=Block.Kind.TEXT).update(body=unsafe)
    intro = get_json(client, "/api/v1/exhibits/life/")["introduction_html"]
    html = get_json(client, "/api/v1/exhibits/life/sections/one/")["blocks"][0]["html"]
    for cleaned in (intro, html):
        assert "script" not in cleaned and "onclick" not in cleaned and "javascript" not in cleaned
        assert cleaned.startswith("<p>Hi")
