"""Builders for the clipboard tests: a public record of every kind and an exhibit, and a client
that clips them through the buttons' endpoint, as a visitor's browser would."""

import datetime

import bibtexparser
import pytest
from django.test import Client
from django.utils import timezone

from archive.kinds import KINDS
from archive.models import Status
from public.clipboard.items import EXHIBIT, key_of
from tests import factories
from tests.exhibits.factories import ExhibitFactory

UNPUBLISHED_STATES = {
    "draft": {"status": Status.DRAFT},
    "review": {"status": Status.REVIEW},
    "withdrawn": {"status": Status.WITHDRAWN},
    "scheduled": {"status": Status.PUBLISHED, "published_at": "future"},
}


def state(name: str) -> dict:
    """The field values of an unpublished state (a scheduled time three days ahead)."""
    values = dict(UNPUBLISHED_STATES[name])
    if values.get("published_at") == "future":
        values["published_at"] = timezone.now() + datetime.timedelta(days=3)
    return values


def make(kind: str, **values):
    """A record of a kind (archive.kinds) or an exhibit, public unless values say otherwise."""
    if kind == EXHIBIT:
        return ExhibitFactory(**values)
    return factories.factory_for(next(k for k in KINDS if k.name == kind))(**values)


def clip(client: Client, obj, *, json: bool = False):
    """POST the item's "Add to clipboard" form."""
    key = key_of(obj)
    headers = {"Accept": "application/json"} if json else {}
    return client.post(
        "/clipboard/add/", {"kind": key.kind, "id": str(key.id), "next": "/"}, headers=headers
    )


def parse_bibtex(text: str) -> list:
    """BibTeX read by bibtexparser (the download is written by pybtex)."""
    library = bibtexparser.parse_string(
        text, append_middleware=[bibtexparser.middlewares.LatexDecodingMiddleware()]
    )
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return library.entries


ALL_KINDS = [kind.name for kind in KINDS] + [EXHIBIT]


@pytest.fixture
def one_of_each(db) -> list:
    """A public record of every kind and a public exhibit, each with something to show."""
    person = factories.PersonFactory(title="Nikolai Bukharin", sort_name="Bukharin, Nikolai")
    photo = factories.PhotographFactory(title="At the congress", photographer=person)
    person.portrait = photo
    person.save()
    document = factories.DocumentFactory(
        title="The ABC of Communism", place=factories.PlaceFactory(name="Moscow")
    )
    document.contribution_set.create(person=person, role="author")
    trial = factories.TrialFactory(title="Trial of the Twenty-One")
    event = factories.EventFactory(title="Arrest", date="1937-02-27")
    exhibit = ExhibitFactory(title="A life in records", cover=photo)
    return [person, document, photo, trial, event, exhibit]
