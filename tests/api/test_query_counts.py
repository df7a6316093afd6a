"""Every list answers in a fixed number of queries, however many records (with however many
names, relations, contributors, defendants, citations) are on the page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Contribution, Defendant, Depiction, PersonName, PersonRelation
from tests import factories as f
from tests.exhibits.factories import ExhibitFactory, SectionFactory

# The most queries each list may use (count, rows, one per prefetched relation).
LISTS = {
    "persons": 7,
    "documents": 7,
    "photographs": 5,
    "trials": 7,
    "events": 5,
    "places": 2,
    "collections": 2,
    "subjects": 2,
    "exhibits": 3,
}


def add_records(count: int) -> None:
    """`count` records of every kind, each with several of everything it can list."""
    for _ in range(count):
        subjects = [f.SubjectFactory(broader=f.SubjectFactory())]
        place = f.PlaceFactory(parent=f.PlaceFactory())
        photo = f.PhotographFactory(place=place)
        person = f.PersonFactory(birth_place=place, death_place=place, portrait=photo)
        other = f.PersonFactory()
        person.subjects.set(subjects)
        for name in ("A", "B"):
            PersonName.objects.create(person=person, name=f"{name} {person.pk}")
        PersonRelation.objects.create(person=person, related=other, kind="friend")
        PersonRelation.objects.create(person=other, related=person, kind="mentor")
        f.CitationFactory(cited_object=person)
        f.CitationFactory(cited_object=person, source=None)
        photo.photographer = other
        photo.save()
        Depiction.objects.create(photograph=photo, person=person)
        Depiction.objects.create(photograph=photo, person=other, position=1)
        document = f.DocumentFactory(place=place)
        document.subjects.set(subjects)
        Contribution.objects.create(document=document, person=person)
        Contribution.objects.create(document=document, person=other, role="editor")
        trial = f.TrialFactory(place=place, prosecutor=other)
        trial.judges.set([other])
        trial.documents.set([document])
        Defendant.objects.create(trial=trial, person=person, sentence="Death")
        Defendant.objects.create(trial=trial, person=other, position=1)
        event = f.EventFactory(place=place)
        event.persons.set([person, other])
        exhibit = ExhibitFactory(cover=photo)
        SectionFactory(exhibit=exhibit)
        SectionFactory(exhibit=exhibit)


def list_queries(client, path: str) -> int:
    url = f"/api/v1/{path}/" + ("" if path == "search" else "?per_page=100")
    client.get(url)  # fill per-process caches (content types)
    cache.clear()  # but not the search cache: count the search itself
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", LISTS)
def test_lists_use_a_fixed_number_of_queries(client, db, path, django_assert_max_num_queries):
    add_records(2)
    small = list_queries(client, path)
    before = client.get(f"/api/v1/{path}/").json()["count"]
    add_records(6)
    assert client.get(f"/api/v1/{path}/").json()["count"] >= 3 * before
    with django_assert_max_num_queries(LISTS[path]):
        client.get(f"/api/v1/{path}/?per_page=100")
    assert list_queries(client, path) == small


def test_search_uses_a_fixed_number_of_queries(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add_records(2)
    small = list_queries(client, "search")
    with django_capture_on_commit_callbacks(execute=True):
        add_records(6)
    assert list_queries(client, "search") == small
    assert small <= 10  # SQLite 7, PostgreSQL 9
