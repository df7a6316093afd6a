"""An unpublished person lends neither a name nor a facet to the public records that link them."""

import pytest

from archive.models import Depiction, PersonName, Status
from search.engine import search
from search.query import SearchQuery
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def photograph_with_draft_person(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        judge = f.PersonFactory(title="Vasili Ulrikh", slug="ulrikh", status=Status.REVIEW)
        PersonName.objects.create(person=judge, name="Ульрих")
        public = f.PersonFactory(title="Alexei Rykov", slug="rykov")
        photo = f.PhotographFactory(title="The court in session", slug="court", caption="Court.")
        Depiction.objects.create(photograph=photo, person=judge)
        Depiction.objects.create(photograph=photo, person=public)
    return judge, public, photo


def test_unpublished_persons_are_not_facet_values(photograph_with_draft_person):
    judge, _public, _ = photograph_with_draft_person

    persons = search(SearchQuery(kind=("photograph",))).facets["person"]

    assert [v.label for v in persons] == ["Alexei Rykov"]
    assert judge.pk not in [v.value for v in persons]


def test_unpublished_persons_names_do_not_find_public_records(photograph_with_draft_person):
    assert search(SearchQuery(text="Ulrikh")).total == 0
    assert search(SearchQuery(text="Ульрих")).total == 0
    assert search(SearchQuery(text="Rykov", kind=("photograph",))).total == 1


def test_publishing_the_person_lends_their_names(
    photograph_with_draft_person, django_capture_on_commit_callbacks
):
    judge, _, photo = photograph_with_draft_person
    with django_capture_on_commit_callbacks(execute=True):
        judge.status = Status.PUBLISHED
        judge.save()

    results = search(SearchQuery(text="Ульрих", kind=("photograph",)))

    assert [h.slug for h in results.hits] == [photo.slug]
    labels = [v.label for v in search(SearchQuery(kind=("photograph",))).facets["person"]]
    assert sorted(labels) == ["Alexei Rykov", "Vasili Ulrikh"]


def test_charges_of_an_unpublished_defendant_are_not_searchable(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        trial = f.TrialFactory(slug="t1", title="A public trial")
        hidden = f.PersonFactory(title="Secret Person", slug="secret", status=Status.DRAFT)
        shown = f.PersonFactory(title="Open Person", slug="open")
        f.DefendantFactory(trial=trial, person=hidden, charges="zyxwvu espionage")
        f.DefendantFactory(trial=trial, person=shown, charges="qwertz sabotage")

    assert search(SearchQuery(text="zyxwvu")).total == 0
    assert search(SearchQuery(text="Secret")).total == 0
    assert [h.slug for h in search(SearchQuery(text="qwertz")).hits] == ["t1"]
