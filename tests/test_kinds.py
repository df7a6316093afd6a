"""Every kind in the registry (archive.kinds) is offered on every surface that lists kinds: search,
OAI-PMH, the JSON API, the sitemaps and exhibit embeds. The tests take the kinds and their
factories from the registry and tests/factories.py, so a new kind is checked with nothing added
here."""

import dataclasses
import xml.etree.ElementTree as ET

import pytest
from drf_spectacular.generators import SchemaGenerator
from lxml import etree

from archive.kinds import BY_NAME, KINDS, RecordKind
from exhibits import models as exhibit_models
from exhibits.models import Block
from tests import factories
from tests.public.oai.conftest import NS, SCHEMAS, OAIClient, dc_values
from tests.public.site.conftest import add_block, make_exhibit, make_section

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(params=KINDS, ids=lambda kind: kind.name)
def kind(request) -> RecordKind:
    return request.param


@pytest.fixture
def record(kind, django_capture_on_commit_callbacks):
    """One published record of the kind, indexed for search as the site indexes it (after
    commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        return factories.factory_for(kind)(
            title=f"Registry {kind.label}", slug=f"registry-{kind.name}"
        )


def test_every_kind_has_a_factory_and_a_unique_name_prefix_and_model():
    for kind in KINDS:
        factories.factory_for(kind)
    for attribute in ("name", "url_prefix", "model"):
        values = [getattr(kind, attribute) for kind in KINDS]
        assert len(set(values)) == len(values), attribute


# Search -----------------------------------------------------------------------------------------


def test_search_offers_the_kind_and_counts_its_record(kind, record, client):
    answer = client.get("/search.json")
    assert answer.status_code == 200
    facet = {value["value"]: value for value in answer.json()["facets"]["kind"]}
    assert facet[kind.name]["count"] == 1
    assert facet[kind.name]["label"] == kind.label

    chosen = client.get("/search.json", {"kind": kind.name})
    assert chosen.status_code == 200, chosen.content[:500]
    assert chosen.json()["query"]["kind"] == [kind.name]
    assert chosen.json()["total"] == 1
    assert [hit["title"] for hit in chosen.json()["results"]] == [record.title]


def test_the_search_form_offers_every_kind(client):
    page = client.get("/search/")
    assert page.status_code == 200
    for kind in KINDS:
        assert client.get("/search.json", {"kind": kind.name}).status_code == 200
    assert client.get("/search.json", {"kind": "no-such-kind"}).status_code == 400


# OAI-PMH ----------------------------------------------------------------------------------------


@pytest.fixture
def oai(client) -> OAIClient:
    return OAIClient(client, etree.XMLSchema(etree.parse(str(SCHEMAS / "oai-pmh-with-dc.xsd"))))


def test_oai_has_a_set_of_the_kind_and_types_its_record(kind, record, oai):
    sets = oai(verb="ListSets")
    specs = {e.text: e for e in sets.iterfind(".//oai:set/oai:setSpec", NS)}
    assert f"kind:{kind.name}" in specs

    identifier = f"oai:vitrine.local:{kind.name}/{record.pk}"
    found = oai(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    assert dc_values(found, "type")[0] == kind.dcmi_type
    assert dc_values(found, "title")[0] == record.title

    listed = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set=f"kind:{kind.name}")
    assert [e.text for e in listed.iterfind(".//oai:header/oai:identifier", NS)] == [identifier]


# The API ----------------------------------------------------------------------------------------


def test_the_api_schema_offers_every_kind():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert schema["components"]["schemas"]["RecordKindEnum"]["enum"] == [k.name for k in KINDS]
    for kind in KINDS:
        assert f"/api/v1/{kind.url_prefix}/" in schema["paths"]
        assert f"/api/v1/{kind.url_prefix}/{{slug}}/" in schema["paths"]


def test_the_api_answers_with_the_kinds_record(kind, record, client):
    answer = client.get(f"/api/v1/{kind.url_prefix}/{record.slug}/")
    assert answer.status_code == 200, answer.content[:500]
    assert answer.json()["kind"] == kind.name
    listed = client.get(f"/api/v1/{kind.url_prefix}/").json()
    assert [row["slug"] for row in listed["results"]] == [record.slug]


# Sitemaps and pages -----------------------------------------------------------------------------


def test_the_sitemap_of_the_kind_lists_its_record(kind, record, client):
    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own answer)
    sitemaps = [e.text for e in index.iterfind("sm:sitemap/sm:loc", SITEMAP_NS)]
    assert f"http://testserver/sitemap-{kind.url_prefix}.xml" in sitemaps

    response = client.get(f"/sitemap-{kind.url_prefix}.xml")
    assert response.status_code == 200
    urlset = ET.fromstring(response.content)  # noqa: S314 (our own answer)
    locations = [e.text for e in urlset.iterfind("sm:url/sm:loc", SITEMAP_NS)]
    assert locations == [f"http://testserver{record.get_absolute_url()}"]


def test_the_record_page_and_its_citation_answer(kind, record, client):
    assert record.get_absolute_url() == f"/{kind.url_prefix}/{record.slug}/"
    assert client.get(record.get_absolute_url()).status_code == 200
    citation = client.get(f"/{kind.url_prefix}/{record.slug}/cite.json")
    assert citation.status_code == 200
    assert citation.json()[0]["title"] == record.title


# Exhibit embeds ---------------------------------------------------------------------------------


def test_block_has_a_foreign_key_for_every_kind():
    assert tuple(kind.name for kind in KINDS) == Block.RECORD_FIELDS
    for kind in KINDS:
        field = Block._meta.get_field(kind.name)
        assert field.many_to_one and field.related_model is kind.model
    assert Block.check() == []


def test_the_block_check_reports_a_kind_without_its_field(monkeypatch):
    wrong = dataclasses.replace(BY_NAME["event"], model=BY_NAME["person"].model)
    monkeypatch.setattr(exhibit_models, "BY_NAME", {**BY_NAME, "event": wrong})
    assert [error.id for error in Block.check()] == ["exhibits.E001"]


def test_an_embed_of_the_kinds_record_renders(kind, record, client):
    section = make_section(make_exhibit(), "embeds")
    add_block(section, Block.Kind.RECORD, **{kind.name: record}, caption="The embedded record")
    page = client.get(section.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert record.title in text
    assert f'href="{record.get_absolute_url()}"' in text

    api = client.get(f"/api/v1/exhibits/{section.exhibit.slug}/sections/{section.slug}/")
    assert api.status_code == 200
    [block] = api.json()["blocks"]
    assert block["record"]["kind"] == kind.name
    assert block["record"]["slug"] == record.slug
