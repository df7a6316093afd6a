"""Record pages list the first few of each related list (dated records by date, persons by
name), count them all, and link the search that finds them all where the search can filter on
the record; unpublished records are neither shown nor counted, and a page's query count is the
same with one link as with fifty."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from archive.models import Contribution, Depiction, PersonRelation, Status
from public.related import RELATED_SHOWN
from search.engine import search
from search.forms import SearchForm
from tests import factories as f
from tests.public.site.conftest import count_queries

pytestmark = pytest.mark.django_db

N = RELATED_SHOWN
MORE = N + 5


def link_document(person, **fields):
    Contribution.objects.create(document=f.DocumentFactory(**fields), person=person)


def link_photograph(person, **fields):
    Depiction.objects.create(photograph=f.PhotographFactory(image="", **fields), person=person)


def link_trial(person, **fields):
    f.DefendantFactory(trial=f.TrialFactory(**fields), person=person)


def link_event(person, **fields):
    f.EventFactory(**fields).persons.add(person)


# The person's lists that the search finds with `person=<id>&kind=<kind>`.
LINKS = {
    "document": link_document,
    "photograph": link_photograph,
    "trial": link_trial,
    "event": link_event,
}
UNPUBLISHED = [
    {"status": Status.DRAFT},
    {"status": Status.REVIEW},
    {"published_at": timezone.now() + datetime.timedelta(days=1)},  # scheduled
]


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def search_total(url: str) -> int:
    """How many records the search at this URL answers."""
    parts = urlsplit(url)
    assert parts.path == reverse("search")
    form = SearchForm(QueryDict(parts.query))
    assert form.is_valid(), form.errors
    return search(form.search_query(), use_cache=False).total


@pytest.mark.parametrize("kind", LINKS)
def test_a_person_page_lists_the_first_records_and_links_the_search_for_all(
    client, kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = f.PersonFactory(title="Much linked")
        for i in reversed(range(MORE)):  # made newest first: the page orders them by date
            LINKS[kind](person, title=f"Linked {kind} {i:02d}", date=str(1900 + i))
        for fields in UNPUBLISHED:  # older than all: first if they were listed
            LINKS[kind](person, title="Unpublished record", date="1890", **fields)
    page = html(client.get(person.get_absolute_url()))

    assert sorted(set(re.findall(rf"Linked {kind} (\d\d)", page))) == [f"{i:02d}" for i in range(N)]
    assert "Unpublished record" not in page
    links = re.findall(r'<a href="([^"]*)">All (\d+) in the search →</a>', page)
    assert len(links) == 1
    url, count = links[0]
    assert int(count) == MORE
    url = url.replace("&amp;", "&")
    assert set(QueryDict(urlsplit(url).query).items()) >= {
        ("person", str(person.pk)),
        ("kind", kind),
    }
    assert search_total(url) == MORE


def test_a_person_page_with_few_links_lists_them_all_without_a_search_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = f.PersonFactory()
        for kind, link in LINKS.items():
            for i in range(N):
                link(person, title=f"Linked {kind} {i:02d}")
            link(person, title="Unpublished record", status=Status.DRAFT)
    page = html(client.get(person.get_absolute_url()))
    for kind in LINKS:
        assert len(set(re.findall(rf"Linked {kind} (\d\d)", page))) == N
    assert "in the search →" not in page
    assert "Unpublished record" not in page


def test_a_person_page_bounds_relations_and_counts_only_public_persons(client, db):
    person = f.PersonFactory()
    for i in range(MORE):
        f.PersonRelationFactory(person=person, related=f.PersonFactory(title=f"Friend {i:02d}"))
    f.PersonRelationFactory(person=person, related=f.PersonFactory(status=Status.DRAFT))
    f.PersonRelationFactory(
        person=f.PersonFactory(title="Rival 00"), related=person, kind=PersonRelation.Kind.RIVAL
    )
    page = html(client.get(person.get_absolute_url()))
    assert len(set(re.findall(r"Friend (\d\d)", page))) == N
    assert f"The first {N} of {MORE + 1} are listed." in page


def test_a_staff_preview_of_an_unpublished_person_counts_without_a_search_link(
    staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = f.PersonFactory(status=Status.DRAFT)
        for i in range(MORE):
            link_document(person, title=f"Linked document {i:02d}", date=str(1900 + i))
        link_document(person, title="Unpublished record", status=Status.DRAFT)
    page = html(staff_client.get(person.get_absolute_url()))
    assert len(set(re.findall(r"Linked document (\d\d)", page))) == N
    assert f"The first {N} of {MORE} are listed." in page
    assert "in the search →" not in page


def add_defendant(trial, person, position):
    f.DefendantFactory(trial=trial, person=person, position=position)


def add_participant(event, person, position):
    event.persons.add(person)


def add_contributor(document, person, position):
    Contribution.objects.create(document=document, person=person, position=position)


def add_depicted(photograph, person, position):
    Depiction.objects.create(photograph=photograph, person=person, position=position)


# Record pages that list persons: the record, and how a person is linked to it (at a position).
PERSON_LISTS = {
    "trial": (f.TrialFactory, add_defendant),
    "event": (f.EventFactory, add_participant),
    "document": (f.DocumentFactory, add_contributor),
    "photograph": (lambda: f.PhotographFactory(image=""), add_depicted),
}


@pytest.mark.parametrize("kind", PERSON_LISTS)
def test_a_record_page_lists_the_first_persons_and_counts_the_public_ones(client, kind):
    make, link = PERSON_LISTS[kind]
    record = make()
    # An unpublished person first in every order (position, then name); then the public ones.
    link(record, f.PersonFactory(title="Aaron Unpublished", status=Status.DRAFT), 0)
    for i in reversed(range(MORE)):
        link(record, f.PersonFactory(title=f"Linked person {i:02d}"), i + 1)
    page = html(client.get(record.get_absolute_url()))
    assert sorted(set(re.findall(r"Linked person (\d\d)", page))) == [f"{i:02d}" for i in range(N)]
    assert "Aaron Unpublished" not in page
    assert f"The first {N} of {MORE} are listed." in page


def test_a_trial_page_says_how_many_public_defendants_it_has(client, db):
    trial = f.TrialFactory()
    for i in range(MORE):
        f.DefendantFactory(trial=trial, position=i)
    f.DefendantFactory(trial=trial, person=f.PersonFactory(status=Status.DRAFT))
    page = html(client.get(trial.get_absolute_url()))
    assert f"<dt>Defendants</dt><dd>{MORE}</dd>" in page
    assert page.count('<th scope="row">') == N


def test_a_person_page_has_as_many_queries_with_1_as_with_50_links(
    client, django_capture_on_commit_callbacks
):
    person = f.PersonFactory()

    def add(n: int) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(n):
                for link in LINKS.values():
                    link(person)
                f.PersonRelationFactory(person=person)
                f.PersonRelationFactory(related=person, kind=PersonRelation.Kind.RIVAL)
                f.TrialFactory(prosecutor=person).judges.add(person)
                f.PhotographFactory(image="", photographer=person)

    add(1)
    one = count_queries(client, person.get_absolute_url())
    add(49)
    assert count_queries(client, person.get_absolute_url()) == one
    page = html(client.get(person.get_absolute_url()))
    assert page.count("All 50 in the search →") == 2  # documents, events
    # Photographs of the person and taken by them; trials as defendant, and as prosecutor and
    # judge at once (one trial each time).
    assert page.count("All 100 in the search →") == 2


@pytest.mark.parametrize("kind", PERSON_LISTS)
def test_a_record_page_has_as_many_queries_with_1_as_with_50_persons(client, kind):
    make, link = PERSON_LISTS[kind]
    record = make()
    link(record, f.PersonFactory(), 0)
    one = count_queries(client, record.get_absolute_url())
    for i in range(49):
        link(record, f.PersonFactory(), i + 1)
    assert count_queries(client, record.get_absolute_url()) == one
    assert "The first 12 of 50 are listed." in html(client.get(record.get_absolute_url()))
