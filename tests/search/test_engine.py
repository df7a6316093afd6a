"""The search engine on whichever database is configured (the suite runs on SQLite and on
PostgreSQL): names in every spelling, web-search syntax, honest disjunctive facet counts, public
records only, date ranges, sorting, paging, and an index kept current after each commit."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from archive.models import Person, PersonName, Status
from search.entry import SearchEntry
from search.index import KINDS, rebuild
from tests import factories as f
from tests.search.conftest import counts, found, run

pytestmark = pytest.mark.django_db

BUKHARIN_RECORDS = {"bukharin", "abc", "econ", "letter", "congress", "trial", "expelled"}


# Names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Bukharin", "bukharin", "Бухарин", "Boukharine", "Bucharin"])
def test_every_recorded_form_of_a_name_finds_the_person_and_linked_records(archive, text):
    results = run(text)
    assert found(results) == BUKHARIN_RECORDS
    assert results.total == len(BUKHARIN_RECORDS)
    assert results.fuzzy_names is False


def test_photograph_found_by_alternate_name_of_depicted_person(archive):
    results = run("Boukharine", kind=("photograph",))
    assert found(results) == {"congress"}  # its title and caption never name him


def test_document_found_by_alternate_name_of_its_author(archive):
    results = run("Бухарин", kind=("document",))
    assert found(results) == {"abc", "econ", "letter"}


def test_typo_in_name_falls_back_to_similar_person_names(archive):
    results = run("Bukarin")
    assert results.fuzzy_names is True
    assert found(results) == BUKHARIN_RECORDS
    assert "larina" not in found(results)  # a similar name, but a draft


def test_text_that_matches_nothing_and_no_name_finds_nothing(archive):
    results = run("zzyzx")
    assert results.total == 0
    assert results.hits == []
    assert results.fuzzy_names is False


# Web-search syntax ------------------------------------------------------------------------------


def test_quoted_phrase_matches_adjacent_words_only(archive):
    assert found(run('"right opposition"')) == {"abc"}
    assert found(run("right opposition")) == {"abc", "econ"}


def test_or_finds_either_word(archive):
    assert found(run("tractors OR congress")) == {"speech", "congress"}


def test_minus_excludes_a_word(archive):
    assert found(run("opposition -transition")) == {"abc"}


def test_words_are_anded(archive):
    assert found(run("opposition communism")) == {"abc"}


def test_unbalanced_quote_closes_at_the_end(archive):
    assert found(run('"right opposition')) == {"abc"}


def test_snippet_marks_the_match_and_escapes_text(archive):
    archive.speech.transcription = "Tractors <b>&</b> grain procurement."
    archive.speech.save()
    rebuild("document")
    [hit] = run("tractors").hits
    assert hit.snippet.startswith("<mark>Tractors</mark>")
    # Text is escaped (PostgreSQL's ts_headline drops tag-like words; SQLite keeps them).
    assert "<b>" not in hit.snippet
    assert "&amp;" in hit.snippet


# Facets -----------------------------------------------------------------------------------------


def test_facet_counts_are_exact(archive):
    results = run("Bukharin")
    assert counts(results, "kind") == {
        "person": 1,
        "document": 3,
        "photograph": 1,
        "trial": 1,
        "event": 1,
    }
    assert counts(results, "decade") == {1880: 1, 1920: 4, 1930: 2}
    assert counts(results, "person") == {archive.bukharin.pk: 7, archive.rykov.pk: 1}
    assert counts(results, "subject") == {
        archive.politics.pk: 5,
        archive.economics.pk: 2,
        archive.trials.pk: 2,
    }
    assert counts(results, "collection") == {archive.papers.pk: 5, archive.press.pk: 2}
    assert counts(results, "language") == {"ru": 3, "en": 1}
    assert counts(results, "has_image") == {True: 1, False: 6}


def test_facet_labels(archive):
    results = run("Bukharin")
    labels = {facet: {v.value: v.label for v in values} for facet, values in results.facets.items()}
    assert labels["person"][archive.bukharin.pk] == "Nikolai Bukharin"
    assert labels["subject"][archive.economics.pk] == "Economics"
    assert labels["collection"][archive.press.pk] == "Press archive"
    assert labels["decade"][1920] == "1920s"
    assert labels["language"]["ru"] == "Russian"
    assert labels["kind"]["photograph"] == "Photograph"


def test_values_of_one_facet_are_ored_and_keep_their_own_counts(archive):
    one = run("Bukharin", kind=("document",))
    assert one.total == 3
    # The kind facet ignores its own selection, so the other kinds keep honest counts.
    assert counts(one, "kind") == counts(run("Bukharin"), "kind")
    assert {v.value for v in one.facets["kind"] if v.selected} == {"document"}
    # Other facets count within the selection.
    assert counts(one, "decade") == {1920: 2, 1930: 1}
    two = run("Bukharin", kind=("document", "photograph"))
    assert found(two) == {"abc", "econ", "letter", "congress"}


def test_facets_are_anded_and_each_ignores_only_its_own_selection(archive):
    results = run("Bukharin", kind=("document", "photograph"), subject=(archive.economics.pk,))
    assert found(results) == {"abc", "econ"}
    # Subject counts apply the kind filter but not the subject filter.
    assert counts(results, "subject") == {
        archive.politics.pk: 3,
        archive.economics.pk: 2,
        archive.trials.pk: 1,
    }
    # Kind counts apply the subject filter but not the kind filter.
    assert counts(results, "kind") == {"document": 2}
    # Every other facet applies both.
    assert counts(results, "language") == {"en": 1, "ru": 1}


@pytest.mark.parametrize(
    ("facet", "value", "expected"),
    [
        ("decade", (1930,), {"letter", "trial"}),
        ("language", ("en",), {"abc"}),
        ("has_image", True, {"congress"}),
        ("has_image", False, BUKHARIN_RECORDS - {"congress"}),
        ("kind", ("trial", "event"), {"trial", "expelled"}),
    ],
)
def test_each_facet_filters(archive, facet, value, expected):
    assert found(run("Bukharin", **{facet: value})) == expected


def test_person_subject_and_collection_filters(archive):
    assert found(run(person=(archive.rykov.pk,))) == {"rykov", "speech", "rykov-photo", "trial"}
    assert found(run(subject=(archive.trials.pk,))) == {"letter", "trial"}
    assert found(run(collection=(archive.press.pk,))) == {
        "speech",
        "congress",
        "rykov-photo",
        "trial",
    }
    both = run(person=(archive.rykov.pk, archive.bukharin.pk))
    assert both.total == 10 - 0 - 0 - 0  # every public record names one of them


def test_selected_value_stays_listed_though_outside_the_top_values(archive, monkeypatch):
    monkeypatch.setattr("search.backends.base.TOP_VALUES", 1)
    results = run("Bukharin", person=(archive.rykov.pk,))
    assert counts(results, "person") == {archive.bukharin.pk: 7, archive.rykov.pk: 1}
    assert [v.selected for v in results.facets["person"]] == [False, True]


# Public records only ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Bukharin", "communism", "", "Bukharina"])
def test_unpublished_records_never_appear_or_count(archive, text):
    results = run(text, per_page=100)
    unpublished = {record.slug for record in archive.unpublished}
    assert not found(results) & unpublished
    assert results.total == len(found(results))
    assert results.total <= len(archive.public)
    assert "de" not in counts(results, "language")  # only the withdrawn pamphlet is German
    assert 1980 not in counts(results, "decade")  # only the scheduled lecture is in the 1980s
    assert archive.larina.pk not in counts(results, "person")


def test_unpublished_records_do_not_change_facet_counts(archive):
    results = run("communism")
    assert found(results) == {"abc"}
    assert counts(results, "subject") == {archive.politics.pk: 1, archive.economics.pk: 1}
    assert counts(results, "kind") == {"document": 1}


def test_scheduled_record_becomes_findable_when_its_time_comes(archive, monkeypatch):
    assert "scheduled" not in found(run("anniversary"))
    later = timezone.now() + datetime.timedelta(days=31)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    assert found(run("anniversary")) == {"scheduled"}


def test_fuzzy_fallback_ignores_unpublished_persons(archive):
    results = run("Larina")
    assert results.total == 0


# Dates, sorting, paging -------------------------------------------------------------------------


def test_year_range_keeps_records_that_overlap_it(archive):
    results = run(year_from=1925, year_to=1930)
    # Persons overlap by their lifetimes.
    assert found(results) == {"speech", "congress", "rykov-photo", "expelled", "bukharin", "rykov"}
    assert found(run(year_from=1938)) == {"letter", "trial", "bukharin", "rykov"}
    assert found(run(year_to=1885)) == {"rykov"}


def test_year_range_never_reaches_a_missing_date(archive, django_capture_on_commit_callbacks):
    """An undated record is in no year range; a person known only by a death date has an end
    and no start, so only a range open at its end reaches it (both databases alike)."""
    with django_capture_on_commit_callbacks(execute=True):
        f.DocumentFactory(slug="undated", date="")
        f.PersonFactory(slug="died-1938", birth="", death="1938")
    assert "undated" not in found(run(year_from=1000))
    assert "undated" not in found(run(year_to=3000))
    assert "undated" in found(run())
    assert "died-1938" in found(run(year_from=1930))
    assert "died-1938" not in found(run(year_from=1939))
    assert "died-1938" not in found(run(year_from=1930, year_to=1940))
    assert "died-1938" not in found(run(year_to=1940))


def test_year_range_applies_to_facet_counts(archive):
    results = run("Bukharin", year_from=1930)
    assert counts(results, "decade") == {1880: 1, 1930: 2}


def _dates(results) -> list:
    bounds = dict(SearchEntry.objects.values_list("slug", "date_lower"))
    return [bounds[hit.slug] for hit in results.hits]


def test_sort_by_date_both_ways(archive):
    oldest = _dates(run(sort="date"))
    assert oldest == sorted(oldest)
    assert run(sort="date").hits[0].slug == "rykov"
    newest = _dates(run(sort="-date"))
    assert newest == sorted(newest, reverse=True)
    assert run(sort="-date").hits[0].slug == "trial"


def test_sort_by_title(archive):
    """Titles in order; a person files under the sort name (Bukharin, Nikolai Ivanovich)."""
    sort_names = {archive.bukharin.slug: archive.bukharin.sort_name}
    titles = [sort_names.get(hit.slug, hit.title).casefold() for hit in run(sort="title").hits]
    assert titles == sorted(titles)
    assert "bukharin, nikolai ivanovich" in titles


def test_relevance_puts_title_matches_first(archive):
    hits = run("congress").hits
    assert hits[0].slug == "congress"
    assert run("Bukharin").hits[0].slug == "bukharin"


def test_pages_and_past_the_end(archive):
    first = run(per_page=4)
    second = run(per_page=4, page=2)
    third = run(per_page=4, page=3)
    assert first.total == 10
    assert first.page_count == 3
    assert [len(r.hits) for r in (first, second, third)] == [4, 4, 2]
    assert not found(first) & found(second)
    past = run(per_page=4, page=9)
    assert past.hits == []
    assert past.total == 10
    assert counts(past, "kind") == counts(first, "kind")


# The index stays current ------------------------------------------------------------------------


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the block, then the on-commit callbacks, as a committed transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_saving_a_record_indexes_it(archive, commit):
    with commit():
        f.DocumentFactory(slug="platform", title="Platform of the Forty-Six", date="1923")
    assert found(run("Forty-Six")) == {"platform"}
    with commit():
        archive.abc.title = "The Alphabet of Communism"
        archive.abc.save()
    assert found(run("alphabet")) == {"abc"}
    assert "abc" not in found(run("ABC"))


def test_unpublishing_a_record_removes_it(archive, commit):
    with commit():
        archive.congress.status = Status.WITHDRAWN
        archive.congress.save()
    assert "congress" not in found(run("Bukharin"))
    assert counts(run("Bukharin"), "kind").get("photograph") is None


def test_renaming_a_person_reindexes_their_records(archive, commit):
    with commit():
        archive.rykov.title = "Aleksei Rykoff"
        archive.rykov.save()
    assert found(run("Rykoff")) == {"rykov", "speech", "rykov-photo", "trial"}


def test_adding_an_alternate_name_reindexes_their_records(archive, commit):
    with commit():
        PersonName.objects.create(person=archive.rykov, name="Rykow")
    assert found(run("Rykow")) == {"rykov", "speech", "rykov-photo", "trial"}


def test_deleting_a_record_removes_it(archive, commit):
    with commit():
        archive.speech.delete()
    assert run("tractors").total == 0
    assert not SearchEntry.objects.filter(kind="document", slug="speech").exists()


def test_deleting_a_person_removes_their_names_from_other_records(archive, commit):
    with commit():
        zinoviev = person = f.PersonFactory(title="Grigory Zinoviev", slug="zinoviev")
        event = f.EventFactory(slug="congress-ev", title="Fourteenth party congress", date="1925")
        event.persons.set([person])
        photo = f.PhotographFactory(slug="by-zinoviev", title="A street", photographer=person)
    assert found(run("Zinoviev")) == {"zinoviev", "congress-ev", "by-zinoviev"}
    with commit():
        zinoviev.delete()
    assert run("Zinoviev").total == 0
    assert SearchEntry.objects.get(slug="congress-ev").person_ids == []
    assert SearchEntry.objects.get(slug=photo.slug).person_ids == []
    assert not Person.objects.filter(slug="zinoviev").exists()


def test_changing_subjects_updates_facets(archive, commit):
    with commit():
        archive.abc.subjects.remove(archive.politics)
    assert counts(run("Bukharin"), "subject")[archive.politics.pk] == 4
    with commit():
        archive.trials.document_set.add(archive.econ)  # from the other side of the relation
    assert found(run(subject=(archive.trials.pk,))) == {"letter", "trial", "econ"}


def test_changing_depicted_persons_reindexes_the_photograph(archive, commit):
    with commit():
        archive.rykov_photo.depicted.add(archive.bukharin)
    assert "rykov-photo" in found(run("Boukharine"))


def test_rolled_back_changes_leave_the_index_alone(archive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        archive.econ.title = "Never committed"
        archive.econ.save()
    assert callbacks  # queued, but the transaction never commits
    assert run("committed").total == 0


def test_rebuild_command_restores_and_prunes_the_index(archive):
    SearchEntry.objects.all().delete()
    assert run("Bukharin").total == 0
    SearchEntry.objects.create(
        kind="document",
        object_id=999_999,
        slug="ghost",
        title="Ghost",
        sort_title="ghost",
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found(run("Bukharin")) == BUKHARIN_RECORDS
    assert run().total == len(archive.public)
    assert not SearchEntry.objects.filter(slug="ghost").exists()
    total_records = sum(kind.model.objects.count() for kind in KINDS.values())
    assert SearchEntry.objects.count() == total_records


def test_rebuild_command_for_one_kind(archive, capsys):
    SearchEntry.objects.filter(kind="event").delete()
    call_command("rebuild_search_index", "event")
    assert "event: 2 indexed" in capsys.readouterr().out
    assert "expelled" in found(run("Politburo"))


def test_clearing_a_relation_from_the_other_side_reindexes_the_records(archive, commit):
    """person.depicted_in.clear(), subject.document_set.clear() and the like: the records that
    lose the link are reindexed (their rows must not keep the person's names or the subject)."""
    with commit():
        event = f.EventFactory(slug="plenum", title="Plenum of the committee", date="1929")
        event.persons.set([archive.rykov])
        archive.trial.judges.add(archive.rykov)
    assert {"rykov-photo", "plenum", "trial"} <= found(run("Rykov"))
    with commit():
        archive.rykov.depicted_in.clear()
        archive.rykov.events.clear()
    assert not {"rykov-photo", "plenum"} & found(run("Rykov"))
    politics = archive.politics

    def documents_with_politics():
        documents = SearchEntry.objects.filter(kind="document")
        return {e.slug for e in documents if politics.pk in e.subject_ids}

    assert documents_with_politics()
    with commit():
        politics.document_set.clear()
    assert documents_with_politics() == set()


def test_deleting_a_subject_or_collection_takes_it_out_of_the_index(archive, commit):
    politics, papers = archive.politics.pk, archive.papers.pk  # delete() clears .pk
    rows = SearchEntry.objects.all
    assert any(politics in row.subject_ids for row in rows())
    assert any(row.collection_id == papers for row in rows())
    with commit():
        archive.politics.delete()
        archive.papers.delete()
    assert not any(politics in row.subject_ids for row in rows())
    assert not any(row.collection_id == papers for row in rows())
    assert politics not in counts(run(), "subject")
    assert run(subject=(politics,)).total == 0


def test_text_matches_sort_by_date_and_title(archive):
    # The matches of a text carry the sort columns only when the order needs them.
    assert run("Bukharin").total > 3
    oldest = _dates(run("Bukharin", sort="date"))
    assert oldest == sorted(oldest) and len(set(oldest)) > 1
    newest = _dates(run("Bukharin", sort="-date"))
    assert newest == sorted(newest, reverse=True)
    sort_titles = dict(SearchEntry.objects.values_list("slug", "sort_title"))
    titles = [sort_titles[hit.slug] for hit in run("Bukharin", sort="title").hits]
    assert titles == sorted(titles) and len(set(titles)) > 1
