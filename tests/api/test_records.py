"""What each kind of record says: names, dates as written and as bounds, vocabularies, citations."""

from tests import factories as f
from tests.api.helpers import get_json


def test_person_has_names_life_dates_and_vocabularies(client, archive):
    data = get_json(client, "/api/v1/persons/bukharin/")
    assert data["title"] == "Nikolai Bukharin"
    assert data["sort_name"] == "Bukharin, Nikolai Ivanovich"
    assert {n["name"] for n in data["alternate_names"]} == {
        "Николай Бухарин",
        "Boukharine",
        "Bucharin",
    }
    assert data["birth"] == {
        "edtf": "1888-10-09",
        "display": "9 October 1888",
        "lower": "1888-10-09",
        "upper": "1888-10-09",
    }
    assert data["death"]["lower"] == "1938-03-15"
    assert data["life_dates"] == "9 October 1888–15 March 1938"
    assert data["collection"]["slug"] == "papers"
    assert data["collection"]["api_url"] == "http://testserver/api/v1/collections/papers/"
    assert [s["slug"] for s in data["subjects"]] == ["politics"]
    assert data["url"] == "http://testserver/persons/bukharin/"


def test_dated_records_give_edtf_with_bounds(client, archive):
    trial = get_json(client, "/api/v1/trials/trial/")
    assert trial["date"] == {
        "edtf": "1938-03-02/1938-03-13",
        "display": "2–13 March 1938",
        "lower": "1938-03-02",
        "upper": "1938-03-13",
    }
    assert trial["defendants"][0]["carried_out"] is None
    assert trial["court"].startswith("Military Collegium")
    document = get_json(client, "/api/v1/documents/abc/")
    assert document["document_kind"] == "book"
    assert document["date"]["lower"] == "1920-01-01"
    assert document["date"]["upper"] == "1920-12-31"
    event = get_json(client, "/api/v1/events/expelled/")
    assert event["event_kind"] == "other"


def test_citations_and_rights_are_given(client, archive):
    rights = f.RightsStatementFactory(title="In copyright", uri="https://rightsstatements.org/x/")
    archive.abc.rights = rights
    archive.abc.save()
    f.CitationFactory(cited_object=archive.abc, locator="p. 47", quote="Words")
    f.CitationFactory(cited_object=archive.abc, source=None, note="Find it")
    data = get_json(client, "/api/v1/documents/abc/")
    assert data["rights"] == {
        "slug": rights.slug,
        "title": "In copyright",
        "uri": "https://rightsstatements.org/x/",
    }
    sourced, needed = data["citations"]
    assert sourced["locator"] == "p. 47" and sourced["quote"] == "Words"
    assert sourced["source"]["author"] == "Cohen, Stephen F."
    assert sourced["source"]["type"] == "book"
    assert needed["source"] is None and needed["note"] == "Find it"


def test_vocabularies(client, archive):
    parent = f.PlaceFactory(name="Russia", slug="russia", kind="country")
    f.PlaceFactory(
        name="Moscow",
        slug="moscow",
        parent=parent,
        alternate_names="Москва; Moskau",
        latitude="55.755800",
        longitude="37.617300",
    )
    moscow = get_json(client, "/api/v1/places/moscow/")
    assert moscow["alternate_names"] == ["Москва", "Moskau"]
    assert moscow["parent"]["slug"] == "russia"
    assert moscow["latitude"] == 55.7558 and moscow["longitude"] == 37.6173
    subject = get_json(client, "/api/v1/subjects/politics/")
    assert subject["search_url"].endswith(f"/api/v1/search/?subject={archive.politics.pk}")
    assert [s["slug"] for s in get_json(client, "/api/v1/subjects/")["results"]] == [
        "economics",
        "politics",
        "trials",
    ]


def test_document_pages_and_photographs_link_their_images_and_iiif(client, db):
    from archive.models import Status
    from tests.public.iiif.conftest import page, photograph

    document = f.DocumentFactory(slug="with-pages", status=Status.PUBLISHED)
    first = page(document, position=0, label="Cover")
    page(document, position=1, label="p. 1")
    photo = photograph(slug="quadrants", status=Status.PUBLISHED)

    pages = get_json(client, "/api/v1/documents/with-pages/")["pages"]
    assert [p["label"] for p in pages] == ["Cover", "p. 1"]
    assert pages[0]["image_url"] == f"http://testserver/documents/with-pages/pages/{first.pk}.img"
    for entry in pages:
        assert client.get(entry["image_url"]).status_code == 200
        info = client.get(entry["iiif_info_url"])
        assert info.status_code == 200 and info.json()["width"] == 600

    image = get_json(client, "/api/v1/photographs/quadrants/")["image"]
    assert client.get(image["iiif_info_url"]).json()["id"].endswith(f"/{photo.slug}")
    assert client.get(image["iiif_manifest_url"]).json()["type"] == "Manifest"
