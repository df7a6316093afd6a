"""The six verbs over GET and POST, oai_dc, sets, from/until, and every error condition; each
response is validated against the OAI-PMH 2.0 and oai_dc schemas (tests/public/oai/conftest.py)."""

import datetime

import pytest
from django.utils import timezone

from archive.models import Contribution, Depiction, Document
from tests import factories
from tests.public.oai.conftest import (
    NS,
    dc_values,
    errors,
    identifiers,
    oai_id,
    past,
    token,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    """One public record of each kind, in two collections, with what oai_dc maps."""
    rights = factories.RightsStatementFactory(
        title="In Copyright", uri="http://rightsstatements.org/vocab/InC/1.0/"
    )
    letters = factories.CollectionFactory(slug="letters", title="Letters")
    photos = factories.CollectionFactory(slug="photos", title="Photographs")
    moscow = factories.PlaceFactory(name="Moscow")
    author = factories.PersonFactory(
        title="Nikolai Bukharin", collection=letters, wikidata_id="Q152264", language="ru"
    )
    hidden = factories.PersonFactory(title="Unpublished Author", status="draft")
    document = factories.DocumentFactory(
        title="The ABC of Communism",
        original_title="Азбука коммунизма",
        collection=letters,
        rights=rights,
        language="ru",
        date="1919~",
        summary="A primer.",
        pages="160 pp.",
        publisher="Gosizdat",
        place=moscow,
    )
    document.subjects.add(factories.SubjectFactory(name="Marxism"))
    Contribution.objects.create(document=document, person=author, role="author", position=0)
    Contribution.objects.create(document=document, person=hidden, role="author", position=1)
    photograph = factories.PhotographFactory(
        title="At the congress", collection=photos, photographer=author, date="1926-06"
    )
    Depiction.objects.create(photograph=photograph, person=author)
    trial = factories.TrialFactory(collection=letters, place=moscow)
    factories.DefendantFactory(trial=trial, person=author)
    trial.documents.add(document)
    event = factories.EventFactory(collection=photos)
    event.persons.add(author, hidden)
    return {
        "person": author,
        "document": document,
        "photograph": photograph,
        "trial": trial,
        "event": event,
        "hidden": hidden,
    }


KINDS = ["person", "document", "photograph", "trial", "event"]


def public_ids(archive) -> set[str]:
    return {oai_id(archive[k]) for k in ("person", "document", "photograph", "trial", "event")}


# -- the verbs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_identify(oai, archive, method):
    root = oai(method, verb="Identify")
    identify = root.find("oai:Identify", NS)
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai/"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext("oai:adminEmail", namespaces=NS) == "archive@vitrine.local"
    earliest = identify.findtext("oai:earliestDatestamp", namespaces=NS)
    assert datetime.datetime.strptime(earliest, "%Y-%m-%dT%H:%M:%SZ")
    assert root.find("oai:request", NS).get("verb") == "Identify"
    assert (
        root.findtext(".//{http://www.openarchives.org/OAI/2.0/oai-identifier}repositoryIdentifier")
        == "vitrine.local"
    )


def test_identify_on_an_empty_repository_is_valid(oai):
    assert oai(verb="Identify").find("oai:Identify", NS) is not None


@pytest.mark.parametrize("method", ["get", "post"])
def test_list_metadata_formats(oai, archive, method):
    root = oai(method, verb="ListMetadataFormats")
    assert [e.text for e in root.iterfind(".//oai:metadataPrefix", NS)] == ["oai_dc"]
    one = oai(method, verb="ListMetadataFormats", identifier=oai_id(archive["trial"]))
    assert [e.text for e in one.iterfind(".//oai:metadataPrefix", NS)] == ["oai_dc"]


def test_list_metadata_formats_of_an_unknown_item(oai, archive):
    for identifier in ("oai:vitrine.local:trial/999999", "urn:x", oai_id(archive["hidden"])):
        assert errors(oai(verb="ListMetadataFormats", identifier=identifier)) == ["idDoesNotExist"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_list_sets(oai, archive, method):
    root = oai(method, verb="ListSets")
    specs = [e.text for e in root.iterfind(".//oai:setSpec", NS)]
    assert specs[:7] == [
        "kind",
        "kind:person",
        "kind:document",
        "kind:photograph",
        "kind:trial",
        "kind:event",
        "collection",
    ]
    assert "collection:letters" in specs
    assert "collection:photos" in specs


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_lists_hold_every_public_record(oai, archive, method, verb):
    root = oai(method, verb=verb, metadataPrefix="oai_dc")
    assert set(identifiers(root)) == public_ids(archive)
    assert token(root) is None  # one page: no resumptionToken at all
    if verb == "ListRecords":
        assert len(root.findall(".//oai:record", NS)) == 5
    else:
        assert root.find(".//oai:metadata", NS) is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_get_record_maps_a_document_to_dublin_core(oai, archive, method):
    document = archive["document"]
    root = oai(method, verb="GetRecord", identifier=oai_id(document), metadataPrefix="oai_dc")
    header = root.find(".//oai:header", NS)
    assert header.findtext("oai:identifier", namespaces=NS) == oai_id(document)
    assert [e.text for e in header.iterfind("oai:setSpec", NS)] == [
        "kind:document",
        "collection:letters",
    ]
    assert dc_values(root, "title") == ["The ABC of Communism", "Азбука коммунизма"]
    assert dc_values(root, "creator") == ["Nikolai Bukharin"]  # the draft author is not named
    assert dc_values(root, "subject") == ["Marxism"]
    assert dc_values(root, "date") == ["1919~"]
    assert dc_values(root, "type") == ["Text", "Book"]
    assert dc_values(root, "identifier") == [f"http://testserver/documents/{document.slug}/"]
    assert dc_values(root, "language") == ["ru"]
    assert dc_values(root, "publisher") == ["Gosizdat"]
    assert dc_values(root, "format") == ["160 pp."]
    assert dc_values(root, "coverage") == ["Moscow"]
    assert dc_values(root, "rights") == [
        "http://rightsstatements.org/vocab/InC/1.0/",
        "In Copyright",
    ]
    assert dc_values(root, "relation") == ["Part of: Letters"]
    assert "A primer." in dc_values(root, "description")


def test_get_record_of_every_kind(oai, archive):
    expected_types = {
        "person": ["Text", "Person (authority record)"],
        "photograph": ["StillImage", "Photograph"],
        "trial": ["Event", "Trial"],
        "event": ["Event", "Other"],
    }
    for kind, types in expected_types.items():
        root = oai(verb="GetRecord", identifier=oai_id(archive[kind]), metadataPrefix="oai_dc")
        assert dc_values(root, "type") == types
        assert dc_values(root, "identifier")[0].startswith(f"http://testserver/{kind}s/")
    person = oai(verb="GetRecord", identifier=oai_id(archive["person"]), metadataPrefix="oai_dc")
    assert "https://www.wikidata.org/wiki/Q152264" in dc_values(person, "identifier")
    assert dc_values(person, "date") == ["1888-10-09/1938-03-15"]
    photo = oai(verb="GetRecord", identifier=oai_id(archive["photograph"]), metadataPrefix="oai_dc")
    assert dc_values(photo, "creator") == ["Nikolai Bukharin"]
    assert dc_values(photo, "subject") == ["Nikolai Bukharin"]
    assert dc_values(photo, "date") == ["1926-06"]
    trial = oai(verb="GetRecord", identifier=oai_id(archive["trial"]), metadataPrefix="oai_dc")
    assert dc_values(trial, "subject") == ["Nikolai Bukharin"]
    assert dc_values(trial, "relation")[-1].endswith(f"/documents/{archive['document'].slug}/")
    event = oai(verb="GetRecord", identifier=oai_id(archive["event"]), metadataPrefix="oai_dc")
    assert dc_values(event, "subject") == ["Nikolai Bukharin"]  # not the draft person


def test_control_characters_are_dropped_not_a_broken_response(oai, archive):
    Document.objects.filter(pk=archive["document"].pk).update(
        summary="Bad\x0bbyte\x1f here", description="   "
    )
    root = oai(verb="GetRecord", identifier=oai_id(archive["document"]), metadataPrefix="oai_dc")
    assert dc_values(root, "description") == ["Badbyte here"]  # and no empty element


# -- sets ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("kind", ["person", "document", "photograph", "trial", "event"]),
        ("kind:document", ["document"]),
        ("kind:person", ["person"]),
        ("collection", ["person", "document", "photograph", "trial", "event"]),
        ("collection:letters", ["person", "document", "trial"]),
        ("collection:photos", ["photograph", "event"]),
    ],
)
def test_selective_harvest_by_set(oai, archive, spec, expected):
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
    assert identifiers(root) == [oai_id(archive[kind]) for kind in expected]


@pytest.mark.parametrize("spec", ["kind:nothing", "collection:unknown", "other"])
def test_an_unknown_set_matches_nothing(oai, archive, spec):
    assert errors(oai(verb="ListRecords", metadataPrefix="oai_dc", set=spec)) == ["noRecordsMatch"]


# -- from / until -------------------------------------------------------------------------------


@pytest.fixture
def dated(archive):
    """Records last changed at known moments (datestamp = later of updated and published)."""
    moments = {
        "person": datetime.datetime(2024, 3, 1, 10, 0, 0, 400_000, tzinfo=datetime.UTC),
        "document": datetime.datetime(2024, 3, 1, 10, 0, 5, 999_000, tzinfo=datetime.UTC),
        "photograph": datetime.datetime(2024, 3, 2, 0, 0, 0, tzinfo=datetime.UTC),
        "trial": datetime.datetime(2024, 3, 3, 23, 59, 59, 500_000, tzinfo=datetime.UTC),
        "event": datetime.datetime(2025, 1, 1, 12, 0, 0, tzinfo=datetime.UTC),
    }
    for kind, moment in moments.items():
        record = archive[kind]
        type(record).objects.filter(pk=record.pk).update(
            updated_at=moment, published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        )
    return archive


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"from": "2024-03-01", "until": "2024-03-01"}, ["person", "document"]),
        ({"from": "2024-03-02"}, ["photograph", "trial", "event"]),
        ({"until": "2024-03-03"}, ["person", "document", "photograph", "trial"]),
        ({"from": "2024-03-01T10:00:00Z", "until": "2024-03-01T10:00:00Z"}, ["person"]),
        ({"from": "2024-03-01T10:00:01Z", "until": "2024-03-01T10:00:05Z"}, ["document"]),
        (
            {"from": "2024-03-01T10:00:06Z", "until": "2024-03-03T23:59:59Z"},
            ["photograph", "trial"],
        ),
        ({"from": "2024-03-04T00:00:00Z"}, ["event"]),
        ({"from": "0001-01-01", "until": "9999-12-31"}, KINDS),
        ({"until": "9999-12-31T23:59:59Z"}, KINDS),
    ],
)
def test_from_and_until_in_both_granularities(oai, dated, params, expected):
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
    assert identifiers(root) == [oai_id(dated[kind]) for kind in expected]


def test_datestamps_are_utc_seconds(oai, dated):
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="kind:document")
    assert root.findtext(".//oai:datestamp", namespaces=NS) == "2024-03-01T10:00:05Z"


def test_a_scheduled_record_is_dated_when_it_became_public(oai, archive):
    event = archive["event"]
    published = timezone.now() - datetime.timedelta(hours=1)
    type(event).objects.filter(pk=event.pk).update(
        updated_at=published - datetime.timedelta(days=30), published_at=published
    )
    root = oai(verb="GetRecord", identifier=oai_id(event), metadataPrefix="oai_dc")
    assert root.findtext(".//oai:datestamp", namespaces=NS) == published.strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )


def test_no_records_in_the_window(oai, dated):
    root = oai(verb="ListRecords", metadataPrefix="oai_dc", until="2023-12-31")
    assert errors(root) == ["noRecordsMatch"]
    assert root.find("oai:request", NS).get("until") == "2023-12-31"


# -- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["", "verb=Nonsense", "verb=Identify&verb=Identify", "verb=listrecords", "foo=bar"],
)
def test_bad_verb(oai, query):
    root = oai.query(query)
    assert errors(root) == ["badVerb"]
    assert root.find("oai:request", NS).attrib == {}  # no attributes after badVerb


@pytest.mark.parametrize(
    "query",
    [
        # unknown arguments
        "verb=Identify&metadataPrefix=oai_dc",
        "verb=ListSets&set=kind",
        "verb=ListRecords&metadataPrefix=oai_dc&foo=bar",
        "verb=GetRecord&identifier=x&metadataPrefix=oai_dc&from=2020-01-01",
        # repeated arguments
        "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",
        "verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind&set=collection",
        # missing required arguments
        "verb=ListRecords",
        "verb=ListIdentifiers&from=2020-01-01",
        "verb=GetRecord&metadataPrefix=oai_dc",
        "verb=GetRecord&identifier=oai:vitrine.local:person/1",
        # empty values
        "verb=ListRecords&metadataPrefix=",
        # values of an illegal syntax
        "verb=ListRecords&metadataPrefix=oai%20dc",
        "verb=ListRecords&metadataPrefix=oai_dc&set=kind:",
        "verb=ListRecords&metadataPrefix=oai_dc&set=a%20set",
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=person/1",
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:vitrine.local:person%2F1%20x",
        "verb=ListMetadataFormats&identifier=%3C%3E",
        # illegal dates
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-02-30",
        "verb=ListRecords&metadataPrefix=oai_dc&until=2020-01-01T10:00:00",
        "verb=ListRecords&metadataPrefix=oai_dc&until=2020-01-01T10:00:00.5Z",
        "verb=ListRecords&metadataPrefix=oai_dc&until=2020-01-01T10:00Z",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T25:00:00Z",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01+10:00:00",
        "verb=ListRecords&metadataPrefix=oai_dc&from=yesterday",
        # from later than until
        "verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T10:00:01Z&until=2020-01-01T10:00:00Z",
        # mixed granularities
        "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z",
        # resumptionToken is exclusive
        "verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc",
        "verb=ListIdentifiers&resumptionToken=abc&set=kind",
        # resumptionToken on verbs that have none
        "verb=GetRecord&identifier=x&metadataPrefix=oai_dc&resumptionToken=abc",
        "verb=Identify&resumptionToken=abc",
    ],
)
def test_bad_argument(oai, archive, query):
    root = oai.query(query)
    assert errors(root) == ["badArgument"]
    assert root.find("oai:request", NS).attrib == {}


def test_bad_argument_over_post(oai, archive):
    root = oai("post", verb="ListRecords", metadataPrefix="oai_dc", until="2020")
    assert errors(root) == ["badArgument"]


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
def test_cannot_disseminate_format_in_lists(oai, archive, verb):
    root = oai(verb=verb, metadataPrefix="marc21")
    assert errors(root) == ["cannotDisseminateFormat"]
    assert root.find("oai:request", NS).get("metadataPrefix") == "marc21"


def test_cannot_disseminate_format_for_one_record(oai, archive):
    root = oai(verb="GetRecord", identifier=oai_id(archive["person"]), metadataPrefix="mods")
    assert errors(root) == ["cannotDisseminateFormat"]


@pytest.mark.parametrize(
    "identifier",
    [
        "oai:vitrine.local:person/999999",
        "oai:vitrine.local:person/abc",
        "oai:vitrine.local:unknown/1",
        "oai:other.org:person/1",
        "oai:vitrine.local:person/",
    ],
)
def test_id_does_not_exist(oai, archive, identifier):
    root = oai(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    assert errors(root) == ["idDoesNotExist"]


def test_identifiers_are_stable_across_renames(oai, archive):
    document = archive["document"]
    document.slug = "renamed"
    document.save()
    root = oai(verb="GetRecord", identifier=oai_id(document), metadataPrefix="oai_dc")
    assert dc_values(root, "identifier") == ["http://testserver/documents/renamed/"]


def test_list_sets_issues_no_tokens(oai, archive):
    assert errors(oai(verb="ListSets", resumptionToken="anything")) == ["badResumptionToken"]


def test_no_records_match_in_an_empty_repository(oai):
    assert errors(oai(verb="ListIdentifiers", metadataPrefix="oai_dc")) == ["noRecordsMatch"]


def test_other_methods_are_refused(client):
    assert client.put("/oai/?verb=Identify").status_code == 405


def test_record_owns_past_dates(oai, archive):
    """A record published yesterday is harvested with a datestamp not in the future."""
    root = oai(verb="GetRecord", identifier=oai_id(archive["person"]), metadataPrefix="oai_dc")
    stamp = root.findtext(".//oai:datestamp", namespaces=NS)
    moment = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    assert past(days=1) < moment <= timezone.now()
