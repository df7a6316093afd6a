"""Best match first: the person, trial, place or subject a search's words name heads the results
as a card, in any recorded spelling or script; only what the public may see; the ranked hits
unchanged. And a search text of operators only is no search text."""

import datetime
import importlib
import re
import tempfile
from dataclasses import replace
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import TestCase, override_settings
from django.utils import timezone

from archive.models import Place, Status
from search.best_match import how_well, query_words
from search.engine import get_backend, search
from search.entry import SearchEntry
from search.query import SearchQuery
from tests import factories as f
from tests.search.conftest import person

pytestmark = pytest.mark.django_db

SPELLINGS = [
    "Bukharin",
    "Boukharine",
    "Бухарин",
    "Bucharin",
    "бухарин",
    "BUKHARIN",
    "Nikolai Bukharin",
]


def best(text: str, **kwargs):
    return search(SearchQuery(text=text, **kwargs), use_cache=False).best_match


def card(page: str) -> str | None:
    """The best match card's link, if the page has one."""
    found = re.search(
        r'<section class="best-match".*?class="search-hit-title"><a href="([^"]*)"', page, re.S
    )
    return found.group(1) if found else None


@pytest.mark.parametrize("text", SPELLINGS)
def test_every_spelling_puts_the_person_first(archive, client, text):
    match = best(text)
    assert (match.kind, match.object_id) == ("person", archive.bukharin.pk)
    page = client.get("/search/", {"q": text}).content.decode()
    assert card(page) == "/persons/bukharin/"
    # Before the ranked list, and highlighted as the best match.
    assert page.index('class="best-match"') < page.index('<ol class="search-hits"')
    assert "Best match" in page
    data = client.get("/search.json", {"q": text}).json()
    assert data["best_match"]["url"] == "http://testserver/persons/bukharin/"
    assert data["best_match"]["kind"] == "person"


def test_the_ranking_is_unchanged(archive):
    query = SearchQuery(text="Bukharin")
    with_match = search(query, use_cache=False)
    ranked = get_backend()._search_with_fallback(query)
    assert [h.slug for h in with_match.hits] == [h.slug for h in ranked.hits]
    assert with_match.total == ranked.total
    # The person stays where the ranking put them too.
    assert "bukharin" in [h.slug for h in with_match.hits]


def test_only_the_first_page_and_a_matching_kind(archive, client):
    assert best("Bukharin", page=2) is None
    assert best("Bukharin", kind=("document",)) is None
    assert best("Bukharin", kind=("person", "document")).object_id == archive.bukharin.pk
    assert card(client.get("/persons/", {"q": "Bukharin"}).content.decode()) == "/persons/bukharin/"
    assert card(client.get("/documents/", {"q": "Bukharin"}).content.decode()) is None


def test_words_that_name_no_one_or_two_people_have_no_best_match(
    archive, django_capture_on_commit_callbacks
):
    assert best("Nikolai").object_id == archive.bukharin.pk
    with django_capture_on_commit_callbacks(execute=True):
        person("Nikolai Krestinsky", slug="krestinsky", sort_name="Krestinsky, Nikolai")
    assert best("Nikolai") is None  # two public Nikolais
    assert best("Bukharin economics") is None  # not a name
    assert best("communism") is None
    assert best("Bukharin OR Rykov") is None  # alternatives name no one
    assert best("Alexei Rykov").object_id == archive.rykov.pk
    assert best("Rykov -trial").object_id == archive.rykov.pk


def test_a_trial_a_subject_and_a_place(archive, client, django_capture_on_commit_callbacks):
    match = best("Bloc of Rights and Trotskyites")
    assert (match.kind, match.slug) == ("trial", "trial")
    match = best("economics")
    assert (match.kind, match.object_id, match.count) == ("subject", archive.economics.pk, 3)
    page = client.get("/search/", {"q": "economics"}).content.decode()
    assert card(page) == f"/search/?subject={archive.economics.pk}"
    assert "3 public records" in page
    moscow = Place.objects.create(name="Moscow", slug="moscow", alternate_names="Москва; Moscou")
    for text in ("Moscow", "москва", "Moscou"):
        assert (best(text).kind, best(text).object_id) == ("place", moscow.pk), text
    assert card(client.get("/search/", {"q": "Москва"}).content.decode()) == "/places/moscow/"
    # A place and a subject head only a search of every kind.
    assert best("Moscow", kind=("document",)) is None


def test_nothing_unpublished_is_ever_a_best_match(
    archive, client, django_capture_on_commit_callbacks
):
    future = timezone.now() + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        person("Genrikh Yagoda", "Генрих Ягода", slug="yagoda", published_at=future)
        person("Nikolai Yezhov", slug="yezhov", status=Status.REVIEW)
        person("Lavrentiy Beria", slug="beria", status=Status.WITHDRAWN)
        f.TrialFactory(slug="case", title="Case of the Trotskyist Centre", status=Status.DRAFT)
        secret = f.SubjectFactory(name="Secret police", slug="secret")
        archive.draft.subjects.add(secret)
    hidden = ["Larina", "Anna Bukharina", "Бухарина", "Yagoda", "Ягода", "Yezhov", "Beria"]
    for text in [*hidden, "Trotskyist Centre", "Secret police"]:
        assert best(text) is None, text
        page = client.get("/search/", {"q": text}).content.decode()
        assert card(page) is None, text
        data = client.get("/search.json", {"q": text}).json()
        assert data["best_match"] is None
    # "Nikolai" names Bukharin alone: Yezhov, in review, does not count.
    assert best("Nikolai").object_id == archive.bukharin.pk
    # On time, the scheduled person is found as any public one.
    SearchEntry.objects.filter(slug="yagoda").update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert best("Ягода").slug == "yagoda"


@pytest.mark.parametrize(
    "text", ["ab² x_y", "Ⅸ", "a·b", "١٢٣", "ﬁnance", "İstanbul", "%_\\", "o'brien", "Ⅰ Ⅱ"]
)
def test_odd_words_are_looked_up_safely(archive, client, text):
    assert best(text) is None
    assert client.get("/search/", {"q": text}).status_code == 200
    assert client.get("/search.json", {"q": text}).status_code == 200


def test_how_well_words_name_a_record():
    forms = ["Nikolai Bukharin", "Bukharin, Nikolai Ivanovich", "Николай Иванович Бухарин"]
    assert how_well(forms, ["bukharin"]) == 1  # one of two words
    assert how_well(forms, ["nikolai", "bukharin"]) == 2
    assert how_well(forms, ["бухарин"]) == 0  # one of three words: not enough of the name
    assert how_well(["Горбачёв"], ["горбачев"]) == 2
    assert query_words('"N. I." Bukharin') == ["bukharin"]
    assert query_words("Bukharin OR Rykov") == []
    assert query_words(" ".join(["word"] * 3 + [f"w{n}" for n in range(8)])) == []


def test_postgresql_looks_in_the_persons_and_trials_text_index_alone(archive):
    """A common word matches much of the archive: the best match reads none of it, only the
    small index of persons' and trials' rows (migration search 0002)."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL plan")
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        best("Bukharin")
    statement = next(q["sql"] for q in captured.captured_queries if "AS records" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (COSTS OFF) {statement}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Never the text index of every row: the persons' and trials' own text index, or on a table
    # this small their rows through an index led by the kind.
    assert "archive_search_vector_idx" not in plan, plan
    persons_and_trials = ("search_entry_names_vector_idx", "search_entry_initial_idx")
    assert any(index in plan for index in (*persons_and_trials, "archive_search_kind")), plan


# A search text of operators only -----------------------------------------------------------------

OPERATORS = ["-", "*", "OR", '"', "- OR *", '"" OR -', "-trial", "--", "OR OR", "* -"]


@pytest.mark.parametrize("text", OPERATORS)
def test_operators_only_are_no_search_text(archive, client, text):
    page = client.get("/search/", {"q": text}).content.decode()
    assert "No words to search for" in page
    status = re.search(r'role="status">(.*?)</p>', page, re.S).group(1)
    assert status.strip() == "10 records"  # every public record, and no “for …”
    assert card(page) is None
    data = client.get("/search.json", {"q": text}).json()
    assert data["total"] == 10
    assert data["query"]["q"] == ""
    assert data["notes"] and data["notes"][0].startswith("No words to search for")
    assert client.get("/persons/", {"q": text}).status_code == 200


def test_words_are_still_words(archive, client):
    page = client.get("/search/", {"q": "Bukharin -trial"}).content.decode()
    assert "No words to search for" not in page
    assert client.get("/search.json", {"q": "Bukharin"}).json()["notes"] == []


# The initials of an index written before them ----------------------------------------------------


def test_the_migration_files_existing_persons_under_their_sort_names(archive):
    migration = importlib.import_module("search.migrations.0002_entry_initial")
    SearchEntry.objects.filter(kind="person").update(initial="#")
    migration.file_persons(None, SimpleNamespace(connection=connection))
    initials = dict(SearchEntry.objects.filter(kind="person").values_list("slug", "initial"))
    assert initials == {"bukharin": "B", "rykov": "A", "larina": "A"}


# The demo archive --------------------------------------------------------------------------------


class TestDemoSpellings(TestCase):
    """The four spellings the issue names, on the demo archive that `load_demo` loads."""

    @classmethod
    def setUpClass(cls) -> None:
        media = tempfile.TemporaryDirectory()
        cls.addClassCleanup(media.cleanup)
        cls.enterClassContext(override_settings(MEDIA_ROOT=media.name))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls) -> None:
        from archive.demo.loader import load_demo_archive
        from search import index

        load_demo_archive()
        index.rebuild_kinds()

    def test_every_spelling_names_bukharin(self) -> None:
        for text in ("Bukharin", "Boukharine", "Бухарин", "Bucharin"):
            with self.subTest(text=text):
                page = self.client.get("/search/", {"q": text}).content.decode()
                self.assertEqual(card(page), "/persons/nikolai-bukharin/")
                query = SearchQuery(text=text)
                self.assertEqual(search(query).best_match.slug, "nikolai-bukharin")
                self.assertEqual(search(replace(query, page=2)).best_match, None)

    def test_the_persons_a_to_z(self) -> None:
        page = self.client.get("/persons/", {"letter": "B"}).content.decode()
        self.assertIn('href="/persons/nikolai-bukharin/"', page)
        self.assertNotIn('href="/persons/vladimir-lenin/"', page)
