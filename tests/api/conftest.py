"""The search tests' small Bukharin archive, plus links from public records to unpublished ones
(an author, a defendant, a judge, a photographer, a portrait, a relation) and exhibits in every
state, indexed after commit as in production."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from archive.models import Contribution, Defendant, Depiction, PersonRelation, Status
from exhibits.models import Block
from tests.exhibits.factories import ExhibitFactory, SectionFactory
from tests.public.site.conftest import add_block
from tests.search.conftest import build_archive


def link_unpublished(a: SimpleNamespace) -> None:
    """Point public records at the draft person Anna Larina and at unpublished records."""
    larina = a.larina
    Contribution.objects.create(document=a.abc, person=larina, role="editor", position=1)
    Defendant.objects.create(trial=a.trial, person=larina, position=2, charges="Secret charges")
    a.trial.judges.set([larina])
    a.trial.prosecutor = larina
    a.trial.documents.set([a.abc, a.draft])
    a.trial.save()
    a.congress.photographer = larina
    a.congress.save()
    Depiction.objects.create(photograph=a.congress, person=larina, position=1)
    a.expelled.persons.add(larina)
    PersonRelation.objects.create(person=a.bukharin, related=larina, kind="spouse")
    PersonRelation.objects.create(person=a.bukharin, related=a.rykov, kind="ally")
    a.bukharin.portrait = a.review_photo
    a.bukharin.save()
    a.rykov.portrait = a.congress
    a.rykov.save()


def build_exhibits(a: SimpleNamespace) -> None:
    future = timezone.now() + datetime.timedelta(days=30)
    a.exhibit = ExhibitFactory(
        slug="life", title="A life", introduction="<p>Hello<script>alert(1)</script></p>"
    )
    a.exhibit.cover = a.review_photo
    a.exhibit.save()
    a.section = SectionFactory(exhibit=a.exhibit, slug="one", title="One", position=0)
    SectionFactory(exhibit=a.exhibit, slug="two", title="Two", position=1)
    add_block(a.section, Block.Kind.TEXT, body="<p>Words <b>bold</b></p>", cite=1)
    add_block(a.section, Block.Kind.QUOTE, body="<i>A quotation</i>", attribution="Someone")
    add_block(a.section, Block.Kind.RECORD, document=a.draft)  # unpublished: left out
    add_block(a.section, Block.Kind.RECORD, document=a.abc, caption="The book")
    add_block(a.section, Block.Kind.GALLERY, gallery=[a.congress, a.review_photo])
    add_block(a.section, Block.Kind.TIMELINE, events=[a.expelled, a.scheduled])
    add_block(a.section, Block.Kind.PERSON, person=a.larina)  # unpublished: left out
    add_block(a.section, Block.Kind.TRIAL, trial=a.trial)
    a.unpublished_exhibits = [
        ExhibitFactory(slug="draft-exhibit", status=Status.DRAFT),
        ExhibitFactory(slug="review-exhibit", status=Status.REVIEW),
        ExhibitFactory(slug="withdrawn-exhibit", status=Status.WITHDRAWN),
        ExhibitFactory(slug="scheduled-exhibit", published_at=future),
    ]
    for exhibit in a.unpublished_exhibits:
        SectionFactory(exhibit=exhibit, slug="one")


@pytest.fixture
def archive(db, django_capture_on_commit_callbacks) -> SimpleNamespace:
    with django_capture_on_commit_callbacks(execute=True):
        a = build_archive()
        link_unpublished(a)
        build_exhibits(a)
    return a


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    """Throttling has its own test; the others may send many requests."""
    settings.VITRINE_API_THROTTLE = ""
