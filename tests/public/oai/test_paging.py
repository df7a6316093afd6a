"""Resumption tokens: signed, expiring, exclusive; keyset pages of OAI_PAGE_SIZE records whose
query count does not grow with the archive."""

import datetime
import time
from unittest import mock

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.models import Event
from public.oai import tokens
from tests import factories
from tests.public.oai.conftest import NS, errors, identifiers, oai_id, token

pytestmark = pytest.mark.django_db

KINDS = ("person", "document", "photograph", "trial", "event")


def make_archive(per_kind: int) -> list[str]:
    """`per_kind` public records of each kind, with people, subjects and places linked, plus one
    draft of each; returns the public identifiers in harvest order."""
    collection = factories.CollectionFactory()
    place = factories.PlaceFactory()
    subjects = [factories.SubjectFactory() for _ in range(3)]
    people = factories.PersonFactory.create_batch(per_kind, collection=collection)
    made = {"person": people}
    made["document"] = factories.DocumentFactory.create_batch(
        per_kind, collection=collection, place=place
    )
    made["photograph"] = factories.PhotographFactory.create_batch(
        per_kind, collection=collection, photographer=people[0], image=""
    )
    made["trial"] = factories.TrialFactory.create_batch(per_kind, collection=collection)
    made["event"] = factories.EventFactory.create_batch(per_kind, collection=collection)
    for index, person in enumerate(people):
        made["document"][index].contributors.add(person)
        made["photograph"][index].depicted.add(person)
        made["trial"][index].defendants.create(person=person)
        made["trial"][index].documents.add(made["document"][index])
        made["event"][index].persons.add(person)
        for kind in KINDS:
            made[kind][index].subjects.add(*subjects)
    for factory in (factories.DocumentFactory, factories.EventFactory):
        factory(status="draft")
    return [oai_id(record) for kind in KINDS for record in made[kind]]


def harvest(oai, verb: str = "ListRecords", **params) -> tuple[list[str], list]:
    """Walk every page; return the identifiers and each page's resumptionToken element."""
    root = oai(verb=verb, metadataPrefix="oai_dc", **params)
    found, tokens_seen = identifiers(root), [token(root)]
    while tokens_seen[-1] is not None and tokens_seen[-1].text:
        root = oai(verb=verb, resumptionToken=tokens_seen[-1].text)
        assert errors(root) == []
        found += identifiers(root)
        tokens_seen.append(token(root))
    return found, tokens_seen


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
def test_pages_cover_the_list_once_in_order(oai, settings, verb):
    settings.OAI_PAGE_SIZE = 4
    expected = make_archive(3)  # 15 records: pages of 4, 4, 4, 3
    found, seen = harvest(oai, verb)
    assert found == expected
    assert [t.get("cursor") for t in seen] == ["0", "4", "8", "12"]
    assert {t.get("completeListSize") for t in seen} == {"15"}
    assert seen[-1].text is None and seen[-1].get("expirationDate") is None
    for element in seen[:-1]:
        expires = datetime.datetime.strptime(
            element.get("expirationDate"), "%Y-%m-%dT%H:%M:%SZ"
        ).replace(tzinfo=datetime.UTC)
        lifetime = datetime.timedelta(seconds=settings.OAI_TOKEN_LIFETIME)
        assert abs(expires - (timezone.now() + lifetime)) < datetime.timedelta(minutes=1)


def test_a_page_exactly_full_at_the_end_has_no_empty_page_after_it(oai, settings):
    settings.OAI_PAGE_SIZE = 5
    expected = make_archive(2)  # 10 records: two full pages
    found, seen = harvest(oai, "ListIdentifiers")
    assert found == expected
    assert [t.get("cursor") for t in seen] == ["0", "5"]


def test_a_list_that_fits_one_page_has_no_token(oai, settings):
    settings.OAI_PAGE_SIZE = 100
    make_archive(1)
    assert token(oai(verb="ListRecords", metadataPrefix="oai_dc")) is None


def test_tokens_keep_the_set_and_the_window(oai, settings):
    settings.OAI_PAGE_SIZE = 2
    expected = make_archive(3)
    documents = [identifier for identifier in expected if ":document/" in identifier]
    found, seen = harvest(oai, "ListIdentifiers", set="kind:document", **{"from": "2000-01-01"})
    assert found == documents
    assert seen[0].get("completeListSize") == "3"


def test_records_changed_during_a_harvest_wait_for_the_next_one(oai, settings):
    settings.OAI_PAGE_SIZE = 3
    expected = make_archive(2)
    first = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    started = first.findtext("oai:responseDate", namespaces=NS)
    new = factories.PersonFactory()  # created after the harvest began
    changed = Event.objects.filter(status="published").order_by("pk").last()  # not sent yet
    changed.title = "Changed"
    changed.save()
    root = oai(verb="ListIdentifiers", resumptionToken=token(first).text)
    found = identifiers(first) + identifiers(root)
    while token(root) is not None and token(root).text:
        root = oai(verb="ListIdentifiers", resumptionToken=token(root).text)
        found += identifiers(root)
    assert found == [i for i in expected if i != oai_id(changed)]
    # The next incremental harvest, from when this one began, brings both.
    again, _ = harvest(oai, "ListIdentifiers", **{"from": started})
    assert {oai_id(new), oai_id(changed)} <= set(again)


@pytest.mark.parametrize(
    "value",
    # Ids that do not change with the clock: the signed values carry a timestamp, and the test
    # workers (pytest-xdist) must collect the same ids.
    [
        pytest.param("nonsense", id="nonsense"),
        pytest.param("", id="empty"),
        pytest.param(
            signing.dumps({"verb": "ListRecords"}, salt="another-salt"), id="another-salt"
        ),
        pytest.param(  # signed, but not a harvest
            signing.dumps({"position": [0, 0, 0]}, salt=tokens.SALT), id="not-a-harvest"
        ),
    ],
)
def test_forged_tokens_are_refused(oai, value):
    root = oai.query(f"verb=ListRecords&resumptionToken={value}")
    assert errors(root) == (["badArgument"] if value == "" else ["badResumptionToken"])


def test_an_altered_token_is_refused(oai, settings):
    settings.OAI_PAGE_SIZE = 2
    make_archive(1)
    real = token(oai(verb="ListRecords", metadataPrefix="oai_dc")).text
    payload, _, signature = real.rpartition(":")
    altered = payload[:-1] + ("A" if payload[-1] != "A" else "B") + ":" + signature
    assert errors(oai(verb="ListRecords", resumptionToken=altered)) == ["badResumptionToken"]
    assert errors(oai(verb="ListRecords", resumptionToken=real + "x")) == ["badResumptionToken"]
    # A token of ListIdentifiers is not one of ListRecords.
    other = token(oai(verb="ListIdentifiers", metadataPrefix="oai_dc")).text
    assert errors(oai(verb="ListRecords", resumptionToken=other)) == ["badResumptionToken"]


def test_an_expired_token_is_refused(oai, settings):
    settings.OAI_PAGE_SIZE = 2
    make_archive(1)
    issued = time.time() - settings.OAI_TOKEN_LIFETIME - 60
    with mock.patch("django.core.signing.time.time", return_value=issued):
        old = token(oai(verb="ListRecords", metadataPrefix="oai_dc")).text
    root = oai(verb="ListRecords", resumptionToken=old)
    assert errors(root) == ["badResumptionToken"]
    assert "expired" in root.findtext("oai:error", namespaces=NS)
    assert root.find("oai:request", NS).get("resumptionToken") == old


def test_the_page_size_setting(oai, settings):
    make_archive(3)
    for size, pages in ((1, 15), (7, 3), (15, 1)):
        settings.OAI_PAGE_SIZE = size
        assert len(harvest(oai, "ListIdentifiers")[1]) == pages


def page_queries(oai, verb: str) -> list[int]:
    """The number of SQL queries of each page of a whole harvest."""
    counts = []
    params = {"verb": verb, "metadataPrefix": "oai_dc"}
    while True:
        with CaptureQueriesContext(connection) as captured:
            root = oai(**params)
        counts.append(len(captured))
        if token(root) is None or not token(root).text:
            return counts
        params = {"verb": verb, "resumptionToken": token(root).text}


# What a page costs, whatever the archive's size: the five counts of a harvest's first page, then
# per kind reached one query for the records and, for ListRecords, one per prefetched relation
# (subjects of every kind; contributors; depicted; defendants and documents; persons).
MAX_QUERIES = {"ListRecords": 5 + 5 + 5 + 5, "ListIdentifiers": 5 + 5}


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
def test_query_count_per_page_does_not_grow_with_the_archive(
    oai, settings, verb, django_assert_max_num_queries
):
    settings.OAI_PAGE_SIZE = 10
    make_archive(2)  # 10 records: one page, every kind
    small = page_queries(oai, verb)
    assert len(small) == 1
    with django_assert_max_num_queries(MAX_QUERIES[verb]):
        oai(verb=verb, metadataPrefix="oai_dc")
    make_archive(20)  # 110 records: 11 pages, each of one or two kinds
    large = page_queries(oai, verb)
    assert len(large) == 11
    assert max(large) <= max(small)
    for params in (
        {"verb": verb, "metadataPrefix": "oai_dc"},
        {"verb": verb, "metadataPrefix": "oai_dc", "set": "kind:trial"},
    ):
        with django_assert_max_num_queries(MAX_QUERIES[verb]):
            oai(**params)
