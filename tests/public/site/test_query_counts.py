"""Each public page issues a fixed number of SQL queries however much it shows.

Every test counts the queries of one page, adds many more of what the page lists, and counts
again: the two counts must be the same.
"""

import pytest
from django.urls import reverse

from archive.models import Contribution, Depiction, PersonName, PersonRelation
from exhibits.models import Block
from tests import factories
from tests.public.site.conftest import (
    add_block,
    add_mixed_blocks,
    count_queries,
    make_exhibit,
    make_section,
)

pytestmark = pytest.mark.django_db


def test_section_page_with_3_or_30_blocks_of_every_kind(client, records):
    section = make_section(make_exhibit(), "s")
    add_block(section, Block.Kind.TEXT, body="<p>One.</p>", cite=1)
    add_mixed_blocks(section, records, 1)
    few = count_queries(client, section.get_absolute_url())
    add_mixed_blocks(section, records, 2)
    extra_photo = factories.PhotographFactory()
    extra_person = factories.PersonFactory(portrait=extra_photo)
    extra_trial = factories.TrialFactory(prosecutor=extra_person)
    for _ in range(3):
        factories.DefendantFactory(trial=extra_trial)
    add_block(section, Block.Kind.PERSON, person=extra_person, cite=2)
    add_block(section, Block.Kind.TRIAL, trial=extra_trial)
    add_block(section, Block.Kind.GALLERY, gallery=[extra_photo, records.photo])
    assert section.blocks.count() > 30
    assert count_queries(client, section.get_absolute_url()) == few


def test_person_page_with_2_or_20_of_everything(client, records):
    person = records.person

    def add_links(n: int) -> None:
        for _ in range(n):
            other = factories.PersonFactory()
            factories.PersonRelationFactory(person=person, related=other)
            factories.PersonRelationFactory(
                person=factories.PersonFactory(), related=person, kind=PersonRelation.Kind.RIVAL
            )
            PersonName.objects.create(person=person, name=f"Name {other.pk}", language="ru")
            Contribution.objects.create(document=factories.DocumentFactory(), person=person)
            Depiction.objects.create(photograph=factories.PhotographFactory(), person=person)
            factories.DefendantFactory(person=person)
            factories.TrialFactory(prosecutor=person).judges.add(person)
            factories.EventFactory().persons.add(person)
            factories.CitationFactory(cited_object=person)
            person.subjects.add(factories.SubjectFactory())

    add_links(2)
    few = count_queries(client, person.get_absolute_url())
    add_links(18)
    assert count_queries(client, person.get_absolute_url()) == few


def test_trial_page_with_2_or_20_defendants(client, records):
    trial = records.trial
    trial.prosecutor = factories.PersonFactory()
    trial.save()
    few = count_queries(client, trial.get_absolute_url())
    for _ in range(18):
        factories.DefendantFactory(trial=trial)
        trial.judges.add(factories.PersonFactory())
        trial.documents.add(factories.DocumentFactory())
    assert trial.defendants.count() == 20
    assert count_queries(client, trial.get_absolute_url()) == few


def test_photograph_page_with_2_or_20_depicted_persons(client, records):
    photo = records.photo
    photo.photographer = factories.PersonFactory()
    photo.save()
    for _ in range(2):
        Depiction.objects.create(photograph=photo, person=factories.PersonFactory())
    few = count_queries(client, photo.get_absolute_url())
    for _ in range(18):
        Depiction.objects.create(photograph=photo, person=factories.PersonFactory())
    assert count_queries(client, photo.get_absolute_url()) == few


def test_document_and_event_pages_with_2_or_20_persons(client, records):
    document, event = records.document, records.event

    def add(n: int) -> None:
        for _ in range(n):
            person = factories.PersonFactory()
            Contribution.objects.create(document=document, person=person)
            event.persons.add(person)
            factories.TrialFactory().documents.add(document)

    add(2)
    few = [count_queries(client, r.get_absolute_url()) for r in (document, event)]
    add(18)
    assert [count_queries(client, r.get_absolute_url()) for r in (document, event)] == few


def test_home_exhibit_index_and_timeline_with_few_or_many_records(client, records):
    urls = ["/", reverse("exhibits:exhibit-list"), reverse("archive:timeline")]

    def add(n: int) -> None:
        for i in range(n):
            exhibit = make_exhibit(slug=f"e-{n}-{i}", featured=True, cover=records.photo)
            make_section(exhibit, "one")
            factories.EventFactory(date=f"{1900 + i * 3}")
            factories.DocumentFactory(date=f"{1901 + i * 3}")
            factories.PersonFactory(portrait=records.photo2)

    add(2)
    few = [count_queries(client, url) for url in urls]
    add(20)
    assert [count_queries(client, url) for url in urls] == few


def test_exhibit_page_with_2_or_20_sections(client, records):
    exhibit = make_exhibit(cover=records.photo, content_notice="")
    for i in range(2):
        make_section(exhibit, f"s{i}", i)
    few = count_queries(client, exhibit.get_absolute_url())
    for i in range(2, 20):
        make_section(exhibit, f"s{i}", i, content_notice="Hard reading.")
    assert count_queries(client, exhibit.get_absolute_url()) == few
