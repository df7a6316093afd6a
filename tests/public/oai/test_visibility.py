"""Only public records are harvested; drafts, records in review and scheduled records never
appear, not even as headers; a record withdrawn after it had been public stays as a deleted
record; one withdrawn before it ever was public does not appear at all."""

import datetime

import pytest
from django.utils import timezone

from archive.models import Status
from archive.publishing import publish_records, withdraw_records
from tests import factories
from tests.public.oai.conftest import NS, deleted, errors, identifiers, oai_id

pytestmark = pytest.mark.django_db

FACTORIES = {
    "person": factories.PersonFactory,
    "document": factories.DocumentFactory,
    "photograph": factories.PhotographFactory,
    "trial": factories.TrialFactory,
    "event": factories.EventFactory,
}


def everything(oai) -> tuple[list[str], list[str]]:
    """Every identifier in ListIdentifiers and ListRecords (their deleted ones beside)."""
    found, gone = [], []
    for verb in ("ListIdentifiers", "ListRecords"):
        root = oai(verb=verb, metadataPrefix="oai_dc")
        if errors(root) == ["noRecordsMatch"]:
            continue
        assert errors(root) == []
        found += identifiers(root)
        gone += deleted(root)
    return found, gone


def unseen(oai, record) -> None:
    """The record is nowhere: not in lists, not by identifier, not in ListMetadataFormats."""
    found, _ = everything(oai)
    assert oai_id(record) not in found
    for params in (
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        {"verb": "ListMetadataFormats"},
    ):
        assert errors(oai(identifier=oai_id(record), **params)) == ["idDoesNotExist"]


@pytest.fixture
def visible():
    """One public record, so the lists are not empty."""
    return factories.DocumentFactory(title="Public", slug="public")


@pytest.mark.parametrize("kind", FACTORIES)
@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW])
def test_drafts_and_records_in_review_never_appear(oai, visible, kind, status):
    record = FACTORIES[kind](status=status)
    unseen(oai, record)
    # Even one with a past publication time (sent back to review after publishing).
    type(record).objects.filter(pk=record.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=3)
    )
    unseen(oai, record)


@pytest.mark.parametrize("kind", FACTORIES)
def test_scheduled_records_appear_only_when_their_time_comes(oai, visible, kind):
    record = FACTORIES[kind](published_at=timezone.now() + datetime.timedelta(hours=2))
    assert record.status == Status.PUBLISHED
    unseen(oai, record)
    type(record).objects.filter(pk=record.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert oai_id(record) in everything(oai)[0]


@pytest.mark.parametrize("kind", FACTORIES)
def test_a_record_withdrawn_after_publication_stays_as_a_deleted_record(oai, visible, kind):
    record = FACTORIES[kind](description="Secret wording", summary="Secret summary")
    withdraw_records([record])
    found, gone = everything(oai)
    assert oai_id(record) in gone
    assert found.count(oai_id(record)) == 2  # in both lists, as a header only
    root = oai(verb="GetRecord", identifier=oai_id(record), metadataPrefix="oai_dc")
    header = root.find(".//oai:header", NS)
    assert header.get("status") == "deleted"
    assert root.find(".//oai:metadata", NS) is None
    assert (
        b"Secret"
        not in oai.client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content
    )
    # The deletion is dated: an incremental harvest from before it sees it.
    record.refresh_from_db()
    stamp = header.findtext("oai:datestamp", namespaces=NS)
    assert stamp == record.updated_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    formats = oai(verb="ListMetadataFormats", identifier=oai_id(record))
    assert errors(formats) == []


@pytest.mark.parametrize("kind", FACTORIES)
def test_a_record_withdrawn_before_it_was_ever_public_never_appears(oai, visible, kind):
    draft = FACTORIES[kind](status=Status.DRAFT)
    withdraw_records([draft])
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN and draft.published_at is None
    unseen(oai, draft)


def test_a_scheduled_record_withdrawn_before_its_time_never_appears(oai, visible):
    record = factories.EventFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
    withdraw_records([record])
    unseen(oai, record)
    # Its publication time passing later does not make it a deleted record either.
    withdrawn_at = timezone.now() - datetime.timedelta(hours=3)
    type(record).objects.filter(pk=record.pk).update(
        updated_at=withdrawn_at, published_at=withdrawn_at + datetime.timedelta(hours=1)
    )
    unseen(oai, record)


def test_republishing_a_withdrawn_record_brings_it_back(oai, visible):
    record = factories.PersonFactory()
    withdraw_records([record])
    publish_records([record])
    found, gone = everything(oai)
    assert oai_id(record) in found and oai_id(record) not in gone


def test_unpublished_persons_are_never_named(oai, visible):
    draft = factories.PersonFactory(title="Hidden Person", status=Status.DRAFT)
    withdrawn = factories.PersonFactory(title="Withdrawn Person")
    withdraw_records([withdrawn])
    photograph = factories.PhotographFactory(photographer=draft)
    photograph.depicted.add(withdrawn)
    trial = factories.TrialFactory()
    factories.DefendantFactory(trial=trial, person=draft)
    event = factories.EventFactory()
    event.persons.add(draft, withdrawn)
    body = oai.client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content
    assert b"Hidden Person" not in body
    assert b"Withdrawn Person" not in body


def test_unpublished_documents_are_not_related_from_a_trial(oai):
    trial = factories.TrialFactory()
    trial.documents.add(factories.DocumentFactory(slug="draft-doc", status=Status.DRAFT))
    body = oai.client.get(
        "/oai/",
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(trial)},
    ).content
    assert b"draft-doc" not in body


def test_sets_count_only_what_is_harvestable(oai, visible):
    factories.DocumentFactory(status=Status.DRAFT, collection=visible.collection)
    root = oai(
        verb="ListIdentifiers", metadataPrefix="oai_dc", set=f"collection:{visible.collection.slug}"
    )
    assert identifiers(root) == [oai_id(visible)]
