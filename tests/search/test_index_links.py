"""The index follows every change of a record's links, from either side of the relation.

After each change — many-to-many add, remove, clear and set from both sides, reverse foreign keys
changed one record at a time, deleting a subject or a collection — every index row equals the
row a rebuild would write now, and the stored counts equal counting the index afresh. Each
change is chosen so that it does change some row (checked), so the comparison is never vacuous.
"""

import pytest

from search.counts import SearchFacetCell, SearchFacetCount, SearchValueCell
from search.entry import SearchEntry
from search.index import KINDS
from search.rows import COLUMNS, build_rows
from tests import factories as f
from tests.search.conftest import counts, found, run
from tests.search.test_browse_counts import assert_browse_matches_a_fresh_count

pytestmark = pytest.mark.django_db

FIELDS = [column for column in COLUMNS if column != "published_at"]


def index_rows() -> dict[tuple[str, int], dict]:
    return {(row["kind"], row["object_id"]): row for row in SearchEntry.objects.values(*FIELDS)}


def assert_index_is_current() -> None:
    stored = index_rows()
    for kind, spec in KINDS.items():
        ids = list(spec.model.objects.values_list("pk", flat=True))
        fresh = {(kind, row["object_id"]): row for row in build_rows(kind, ids)}
        assert {key for key in stored if key[0] == kind} == fresh.keys(), kind
        for key, row in fresh.items():
            difference = {
                name: (stored[key][name], row[name])
                for name in FIELDS
                if name in row and stored[key][name] != row[name]
            }
            assert difference == {}, key
    assert_browse_matches_a_fresh_count()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _more_links(a) -> None:
    """Rykov's portrait; a photographer-prosecutor and two judges who appear nowhere else, so
    that linking or unlinking them changes rows."""
    a.vyshinsky = f.PersonFactory(title="Andrey Vyshinsky", slug="vyshinsky")
    a.ulrikh = f.PersonFactory(title="Vasily Ulrikh", slug="ulrikh")
    a.matulevich = f.PersonFactory(title="Ivan Matulevich", slug="matulevich")
    a.rykov_photo.photographer = a.vyshinsky
    a.rykov_photo.save()
    a.rykov.portrait = a.rykov_photo
    a.rykov.save()
    a.trial.prosecutor = a.vyshinsky
    a.trial.save()
    a.trial.judges.add(a.ulrikh)


# Many-to-many: add/remove/clear/set send m2m_changed (from either side).
M2M_CHANGES = {
    # photographs and the persons they depict
    "photo.depicted.remove": lambda a: a.congress.depicted.remove(a.bukharin),
    "photo.depicted.clear": lambda a: a.congress.depicted.clear(),
    "photo.depicted.set": lambda a: a.congress.depicted.set([a.rykov]),
    "person.depicted_in.add": lambda a: a.rykov.depicted_in.add(a.congress),
    "person.depicted_in.remove": lambda a: a.bukharin.depicted_in.remove(a.congress),
    "person.depicted_in.clear": lambda a: a.bukharin.depicted_in.clear(),
    "person.depicted_in.set": lambda a: a.rykov.depicted_in.set([a.congress]),
    # documents and their contributors
    "document.contributors.clear": lambda a: a.abc.contributors.clear(),
    "person.documents.add": lambda a: a.rykov.documents.add(
        a.abc, through_defaults={"role": "editor"}
    ),
    "person.documents.remove": lambda a: a.bukharin.documents.remove(a.econ),
    "person.documents.clear": lambda a: a.bukharin.documents.clear(),
    # trials and their judges
    "trial.judges.remove": lambda a: a.trial.judges.remove(a.ulrikh),
    "person.trials_judged.add": lambda a: a.matulevich.trials_judged.add(a.trial),
    "person.trials_judged.clear": lambda a: a.ulrikh.trials_judged.clear(),
    # events and their persons
    "event.persons.clear": lambda a: a.expelled.persons.clear(),
    "person.events.remove": lambda a: a.bukharin.events.remove(a.expelled),
    "person.events.set": lambda a: a.rykov.events.set([a.expelled]),
    # subjects, from the record and from the subject, for every kind
    "document.subjects.clear": lambda a: a.abc.subjects.clear(),
    "subject.document_set.remove": lambda a: a.politics.document_set.remove(a.abc),
    "subject.person_set.clear": lambda a: a.politics.person_set.clear(),
    "subject.photograph_set.clear": lambda a: a.politics.photograph_set.clear(),
    "subject.trial_set.set": lambda a: a.economics.trial_set.set([a.trial]),
    "subject.event_set.add": lambda a: a.trials.event_set.add(a.expelled),
}

# Reverse foreign keys, one record at a time (bulk=False saves each record, and its save
# reindexes it). With bulk=True, their default, Django writes one UPDATE and sends no signal:
# see docs/search.md ("Keeping the index current").
FOREIGN_KEY_CHANGES = {
    "photo.portrait_of.add": lambda a: a.rykov_photo.portrait_of.add(a.bukharin, bulk=False),
    "photo.portrait_of.clear": lambda a: a.rykov_photo.portrait_of.clear(bulk=False),
    "person.photographs_taken.add": lambda a: a.vyshinsky.photographs_taken.add(
        a.congress, bulk=False
    ),
    "person.photographs_taken.clear": lambda a: a.vyshinsky.photographs_taken.clear(bulk=False),
    "person.trials_prosecuted.clear": lambda a: a.vyshinsky.trials_prosecuted.clear(bulk=False),
    "collection.document_set.remove": lambda a: a.papers.document_set.remove(a.abc, bulk=False),
    "collection.person_set.add": lambda a: a.press.person_set.add(a.bukharin, bulk=False),
    "collection.event_set.set": lambda a: a.press.event_set.set([a.expelled], bulk=False),
}


def _check(archive, commit, change) -> None:
    with commit():
        _more_links(archive)
    assert_index_is_current()
    before = index_rows()
    with commit():
        change(archive)
    assert index_rows() != before
    assert_index_is_current()


@pytest.mark.parametrize("label", list(M2M_CHANGES))
def test_a_many_to_many_change_from_either_side_reindexes_the_records(archive, commit, label):
    _check(archive, commit, M2M_CHANGES[label])


@pytest.mark.parametrize("label", list(FOREIGN_KEY_CHANGES))
def test_a_reverse_foreign_key_change_reindexes_the_records(archive, commit, label):
    _check(archive, commit, FOREIGN_KEY_CHANGES[label])


def test_person_depicted_in_clear_unlinks_the_photographs(archive, commit):
    assert found(run("Boukharine", kind=("photograph",))) == {"congress"}
    bukharin = archive.bukharin.pk
    assert counts(run(kind=("photograph",)), "person")[bukharin] == 1
    with commit():
        archive.bukharin.depicted_in.clear()
    assert run("Boukharine", kind=("photograph",)).total == 0
    assert bukharin not in counts(run(kind=("photograph",)), "person")


def test_deleting_a_subject_or_collection_leaves_no_trace_in_rows_or_counts(archive, commit):
    economics, press = archive.economics.pk, archive.press.pk  # delete() clears .pk
    assert counts(run(), "subject")[economics] == 3
    assert counts(run(), "collection")[press] == 4
    with commit():
        archive.economics.delete()
    with commit():
        archive.press.delete()
    rows = list(SearchEntry.objects.all())
    assert not any(economics in row.subject_ids for row in rows)
    assert not any(row.collection_id == press for row in rows)
    assert economics not in counts(run(), "subject")
    assert press not in counts(run(), "collection")
    assert press not in counts(run("Bukharin"), "collection")
    assert run(collection=(press,)).total == 0
    assert run(subject=(economics,)).total == 0
    # No stored count is left under either id.
    assert not SearchFacetCount.objects.filter(facet="subject", value=str(economics)).exists()
    assert not SearchFacetCount.objects.filter(facet="collection", value=str(press)).exists()
    assert not SearchValueCell.objects.filter(facet="subject", value=str(economics)).exists()
    assert not SearchValueCell.objects.filter(facet="collection", value=str(press)).exists()
    assert not SearchFacetCell.objects.filter(collection=str(press)).exists()
    assert not SearchValueCell.objects.filter(collection=str(press)).exists()
    assert_index_is_current()
