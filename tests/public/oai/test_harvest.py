"""A standard harvester (oaipmh-scythe, the maintained Sickle fork) harvests the demo archive
from a live server over HTTP, GET and POST, through several pages of resumption tokens: it gets
every published record, the deleted record of a withdrawn one, and nothing else."""

import io

import pytest
from django.core.management import call_command
from oaipmh_scythe import Scythe
from oaipmh_scythe.config import HTTPConfig
from oaipmh_scythe.exceptions import IdDoesNotExist

from archive.kinds import RECORD_MODELS
from archive.models import Status
from archive.publishing import withdraw_records
from archive.visibility import public
from tests.public.oai.conftest import oai_id

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(live_server, settings) -> str:
    call_command("load_demo", stdout=io.StringIO())
    settings.OAI_PAGE_SIZE = 7  # the demo's ~60 records take several pages
    return f"{live_server.url}/oai/"


def published() -> dict[str, str]:
    """Identifier -> title of every record the public may see, by the visibility rule."""
    return {
        oai_id(record): record.title
        for model in RECORD_MODELS
        for record in public(model.objects.all())
    }


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_harvester_gets_every_published_record_and_nothing_else(demo, method):
    expected = published()
    unpublished = [
        oai_id(record)
        for model in RECORD_MODELS
        for record in model.objects.exclude(status=Status.PUBLISHED)
    ]
    assert len(expected) > 40 and unpublished  # the demo has both
    with Scythe(demo, http_config=HTTPConfig(http_method=method)) as scythe:
        records = list(scythe.list_records(metadata_prefix="oai_dc"))
        headers = list(scythe.list_identifiers(metadata_prefix="oai_dc"))
    assert len(records) == len(expected)  # no record twice
    assert {r.header.identifier: r.metadata["title"][0] for r in records} == expected
    assert not any(record.deleted for record in records)
    assert {header.identifier for header in headers} == set(expected)
    assert not set(unpublished) & {header.identifier for header in headers}
    for record in records:
        assert record.metadata["identifier"][0].startswith(demo.removesuffix("oai/"))
        assert record.metadata["type"][0] in {"Text", "StillImage", "Event"}


def test_a_harvester_sees_a_withdrawn_record_as_deleted(demo):
    document = next(iter(public(RECORD_MODELS[1].objects.order_by("pk"))))
    withdraw_records([document])
    with Scythe(demo) as scythe:
        records = list(scythe.list_records(metadata_prefix="oai_dc"))
        kept = list(scythe.list_records(metadata_prefix="oai_dc", ignore_deleted=True))
        one = scythe.get_record(identifier=oai_id(document))
    gone = [record.header.identifier for record in records if record.deleted]
    assert gone == [oai_id(document)]
    assert one.deleted
    assert {record.header.identifier for record in kept} == set(published())


def test_the_other_verbs_through_the_harvester(demo):
    with Scythe(demo) as scythe:
        identify = scythe.identify()
        assert identify.deletedRecord == "persistent"
        assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
        specs = [s.setSpec for s in scythe.list_sets()]
        assert "kind:trial" in specs and "collection" in specs
        formats = [f.metadataPrefix for f in scythe.list_metadata_formats()]
        assert formats == ["oai_dc"]
        trials = list(scythe.list_records(metadata_prefix="oai_dc", set_="kind:trial"))
        assert trials and all(":trial/" in t.header.identifier for t in trials)
        some = next(iter(published()))
        assert scythe.get_record(identifier=some).header.identifier == some
        with pytest.raises(IdDoesNotExist):
            scythe.get_record(identifier="oai:vitrine.local:person/999999")
