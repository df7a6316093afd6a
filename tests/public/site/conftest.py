"""Builders for the public-site tests: exhibits, sections and blocks of every kind."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.models import Status
from exhibits.models import Block, Exhibit, GalleryItem, Section
from tests import factories


def make_exhibit(**kwargs) -> Exhibit:
    values = {
        "title": "A life in records",
        "slug": "a-life",
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=1),
    }
    values.update(kwargs)
    return Exhibit.objects.create(**values)


def make_section(exhibit: Exhibit, slug: str = "first", position: int = 0, **kwargs) -> Section:
    return Section.objects.create(
        exhibit=exhibit,
        slug=slug,
        title=kwargs.pop("title", slug.title()),
        position=position,
        **kwargs,
    )


def add_block(section: Section, kind: str, **kwargs) -> Block:
    gallery = kwargs.pop("gallery", [])
    events = kwargs.pop("events", [])
    cite = kwargs.pop("cite", 0)
    position = kwargs.pop("position", section.blocks.count())
    block = Block.objects.create(section=section, kind=kind, position=position, **kwargs)
    for index, photograph in enumerate(gallery):
        GalleryItem.objects.create(block=block, photograph=photograph, position=index)
    if events:
        block.timeline_events.set(events)
    for _ in range(cite):
        factories.CitationFactory(cited_object=block)
    return block


class Records:
    """A small set of public records shared by the blocks a test builds."""

    def __init__(self) -> None:
        self.person = factories.PersonFactory(title="Nikolai Bukharin", slug="nikolai-bukharin")
        self.other = factories.PersonFactory(title="Alexei Rykov", slug="alexei-rykov")
        self.document = factories.DocumentFactory(title="The ABC of Communism", slug="abc")
        self.photo = factories.PhotographFactory(title="In London", slug="in-london")
        self.photo2 = factories.PhotographFactory(title="At the congress", slug="congress")
        self.event = factories.EventFactory(title="Escape abroad", slug="escape", date="1911")
        self.event2 = factories.EventFactory(title="Arrest", slug="arrest", date="1937-02-27")
        self.trial = factories.TrialFactory(title="Trial of the Twenty-One", slug="twenty-one")
        factories.DefendantFactory(trial=self.trial, person=self.person, sentence="Death")
        factories.DefendantFactory(trial=self.trial, person=self.other, sentence="Death")


def add_mixed_blocks(section: Section, records: Records, rounds: int) -> None:
    """Add `rounds` × 10 blocks: every kind, each with a footnote, in turn."""
    for _ in range(rounds):
        add_block(section, Block.Kind.TEXT, body="<p>Some words.</p>", cite=1)
        add_block(section, Block.Kind.QUOTE, body="A quotation.", attribution="Someone", cite=1)
        add_block(section, Block.Kind.RECORD, document=records.document, caption="A book", cite=1)
        add_block(section, Block.Kind.RECORD, photograph=records.photo, cite=1)
        add_block(section, Block.Kind.RECORD, event=records.event)
        add_block(section, Block.Kind.GALLERY, gallery=[records.photo, records.photo2], cite=1)
        add_block(section, Block.Kind.TIMELINE, events=[records.event, records.event2])
        add_block(section, Block.Kind.TIMELINE, timeline_start_year=1900, timeline_end_year=1940)
        add_block(section, Block.Kind.PERSON, person=records.person, cite=1)
        add_block(section, Block.Kind.TRIAL, trial=records.trial, cite=1)


@pytest.fixture
def records(db) -> Records:
    return Records()


@pytest.fixture
def staff_client(db) -> Client:
    """A second browser, logged in as staff (the `client` fixture stays anonymous)."""
    staff = Client()
    staff.force_login(factories.UserFactory(username="staff", is_staff=True))
    return staff


def count_queries(client, url: str) -> int:
    """Return how many SQL queries one GET of url issues (it must answer 200).

    A first, uncounted GET fills the per-process caches (content types) so that only the page's
    own queries are counted.
    """
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)
