"""The browse pages: a page per kind of record (/persons/ …) and per vocabulary (/subjects/,
/collections/), linked from the navigation and the record pages' breadcrumbs; the persons A–Z;
public records only in every list and count; a fixed number of queries; bad input answered with a
clear page, never a 500."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from archive.kinds import KINDS
from archive.models import Status
from search.rows import sort_initial
from tests import factories as f

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def hrefs(page: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', page)]


def hit_links(page: str) -> list[str]:
    return re.findall(r'class="search-hit-title"><a href="([^"]*)"', page)


def count_line(page: str) -> str:
    return re.sub(r"\s+", " ", re.search(r'role="status">(.*?)</p>', page, re.S).group(1)).strip()


def letters(page: str) -> dict[str, str]:
    """The A–Z bar: each letter linked, with the count its hidden text gives."""
    bar = page[
        page.index('class="browse-letters"') : page.index("</nav>", page.index("browse-letters"))
    ]
    found = re.findall(
        r'<a href="[^"]*"[^>]*><span class="visually-hidden">Letter </span>(.)'
        r'<span class="visually-hidden">, ([\d,]+)',
        bar,
    )
    return dict(found)


def test_every_kind_and_vocabulary_has_a_page_at_its_address():
    for kind in KINDS:
        assert reverse(f"browse-{kind.name}") == f"/{kind.url_prefix}/"
    assert reverse("browse-subject") == "/subjects/"
    assert reverse("browse-collection") == "/collections/"


@pytest.mark.parametrize("kind", [kind.name for kind in KINDS])
def test_a_kind_lists_its_public_records_only(archive, client, kind):
    page = html(client.get(reverse(f"browse-{kind}")))
    public = [r for r in archive.public if type(r).__name__.lower() == kind]
    assert sorted(hit_links(page)) == sorted(r.get_absolute_url() for r in public)
    assert count_line(page).startswith(f"{len(public)} record")
    for record in archive.unpublished:
        assert record.get_absolute_url() not in page
    assert "Larina" not in page and "Bukharina" not in page  # a draft person
    # Its own facets: never the kind, whose page this is, and no kind chip.
    assert 'class="facet facet-kind"' not in page
    assert "Kind:" not in page
    # Every link the page makes leaves the kind to the address.
    assert not [h for h in hrefs(page) if h.startswith(f"/{kind}s/?") and "kind=" in h]


def test_the_browse_page_is_the_search_with_the_kind_fixed(archive, client):
    page = html(client.get("/documents/", {"q": "Bukharin", "sort": "date"}))
    data = client.get("/search.json", {"q": "Bukharin", "kind": "document", "sort": "date"}).json()
    assert hit_links(page) == [r["url"].removeprefix("http://testserver") for r in data["results"]]
    assert f"{data['total']} records for “Bukharin”" in page
    # Its JSON twin is the search's.
    assert 'href="/search.json?q=Bukharin&amp;kind=document&amp;sort=date"' in page
    # Facet links stay on the browse page.
    decade = next(h for h in hrefs(page) if "decade=" in h)
    assert decade.startswith("/documents/?q=Bukharin&decade=")


def test_persons_page_has_its_own_sorts_headings_and_breadcrumb(archive, client):
    page = html(client.get("/persons/"))
    assert "<h1>Persons</h1>" in page
    assert '<option value="title" selected>Name (A–Z)</option>' in page
    assert "Born (earliest first)" in page
    assert 'value="relevance"' not in page
    assert '<h3 id="facet-decade">Born</h3>' in page
    assert 'class="facet facet-person"' not in page  # a person is its own person
    assert '<span aria-current="page">Persons</span>' in page
    # Filed by sort name: Rykov, who has none, under A (Alexei Rykov); Bukharin under B.
    assert hit_links(page) == ["/persons/rykov/", "/persons/bukharin/"]


def test_photographs_are_a_grid_of_pictures(archive, client):
    page = html(client.get("/photographs/"))
    assert 'class="search-hits search-grid"' in page
    assert page.count('class="search-thumb"') == 2
    assert 'sizes="(min-width: 54rem) 12rem, 45vw"' in page
    assert "search-grid" not in html(client.get("/documents/"))


def test_persons_a_to_z_latin_and_cyrillic(archive, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        f.PersonFactory(title="Лев Каменев", sort_name="Каменев, Лев Борисович", slug="kamenev")
        f.PersonFactory(title="Émile Ébert", sort_name="Ébert, Émile", slug="ebert")
        f.PersonFactory(title="1917 Group", slug="group")
        f.PersonFactory(title="Boris Draft", sort_name="Boris", slug="draft-b", status=Status.DRAFT)
    page = html(client.get("/persons/"))
    assert letters(page) == {"A": "1", "B": "1", "E": "1", "К": "1", "#": "1"}
    # Every Latin letter is shown; the Cyrillic ones once a person files under one.
    assert page.count('class="is-empty"') == 26 - 3 + 29 - 1
    page = html(client.get("/persons/", {"letter": "b"}))
    assert hit_links(page) == ["/persons/bukharin/"]
    assert "1 record" in count_line(page) and "with the filters chosen" in count_line(page)
    assert "Remove </span>Letter: B" in page
    assert 'aria-current="true" class="is-current"' in page
    # Accents and case do not matter: é files under E, к under К.
    assert hit_links(html(client.get("/persons/", {"letter": "é"}))) == ["/persons/ebert/"]
    assert hit_links(html(client.get("/persons/", {"letter": "к"}))) == ["/persons/kamenev/"]
    assert hit_links(html(client.get("/persons/", {"letter": "#"}))) == ["/persons/group/"]
    # The letter's counts follow the other filters, never the letter itself.
    page = html(client.get("/persons/", {"letter": "B", "collection": archive.papers.pk}))
    assert letters(page) == {"A": "1", "B": "1"}


def test_a_letter_without_persons_is_an_empty_clear_page(archive, client):
    page = html(client.get("/persons/", {"letter": "Q"}))
    assert "No records found" in page
    assert "Remove </span>Letter: Q" in page
    assert "/persons/" in hrefs(page)


@pytest.mark.parametrize("letter", ["zz", "1", "Ω", "<b>", "%", "\x00", "ab" * 300])
def test_an_unknown_letter_is_a_message_on_the_page_and_400_in_json(archive, client, letter):
    page = html(client.get("/persons/", {"letter": letter}))
    assert "<li>Letter: " in page
    assert letter == "\x00" or "is not a letter of the index" in page
    assert "2 records" in count_line(page)  # searched without it
    response = client.get("/search.json", {"kind": "person", "letter": letter})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["letter"]


def test_only_persons_take_a_letter(archive, client):
    page = html(client.get("/documents/", {"letter": "L"}))
    assert "browse-letters" not in page
    assert count_line(page).startswith("4 records")  # the parameter is not the page's


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "trial"},
        {"kind": "nonsense"},
        {"decade": "abc"},
        {"person": "-1"},
        {"page": "999"},
        {"page": "x"},
        {"sort": "sideways"},
        {"q": "\x00"},
        {"q": "-"},
    ],
    ids=repr,
)
def test_bad_input_on_a_browse_page_never_fails(archive, client, params):
    page = html(client.get("/events/", params))
    assert "<h1>Events</h1>" in page
    assert 'role="status"' in page
    # A kind in the address's parameters is not the page's: it stays a page of events.
    assert "/trials/trial/" not in hit_links(page)


def test_unknown_kinds_and_vocabularies_are_404(client, db):
    for path in ("/letters/", "/places-of-birth/", "/personss/", "/subject/"):
        assert client.get(path).status_code == 404


def test_browse_query_count_does_not_grow(archive, client, django_capture_on_commit_callbacks):
    def statements(path, params=None) -> int:
        with CaptureQueriesContext(connection) as queries:
            html(client.get(path, params or {}))
        return len(
            [
                q
                for q in queries
                if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "SELECT set_config"))
            ]
        )

    before = {
        (path, letter): statements(path, {"letter": letter} if letter else None)
        for path, letter in (("/persons/", ""), ("/persons/", "B"), ("/photographs/", ""))
    }
    subjects = statements("/subjects/")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(30):
            person = f.PersonFactory(
                title=f"Person {n}", sort_name=f"B{n:02d}", collection=archive.papers
            )
            person.subjects.set([f.SubjectFactory(name=f"Subject {n}", slug=f"subject-{n}")])
            photo = f.PhotographFactory(slug=f"photo-{n}", title=f"Photo {n}")
            photo.depicted.set([person])
    for (path, letter), count in before.items():
        assert statements(path, {"letter": letter} if letter else None) == count, path
    assert statements("/subjects/") == subjects
    # The state and the search, its hits and its labels, and for pictures their derivatives.
    assert before[("/persons/", "")] <= 5


def test_breadcrumbs_and_navigation_link_the_browse_pages(archive, client):
    page = html(client.get("/persons/bukharin/"))
    crumbs = page[
        page.index('class="breadcrumbs"') : page.index("</nav>", page.index("breadcrumbs"))
    ]
    assert '<a href="/persons/">Persons</a>' in crumbs
    trial = html(client.get("/trials/trial/"))
    assert '<a href="/trials/">Trials</a>' in trial
    nav = page[page.index('class="browse-nav"') : page.index("</nav>", page.index("browse-nav"))]
    for kind in KINDS:
        assert f'<a href="/{kind.url_prefix}/">{kind.label_plural}</a>' in nav
    assert '<a href="/subjects/">Subjects</a>' in nav
    assert '<a href="/collections/">Collections</a>' in nav
    current = html(client.get("/documents/"))
    assert '<a href="/documents/" aria-current="page">Documents</a>' in current


# Subjects and collections ------------------------------------------------------------------------


def vocabulary_rows(page: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<li><a href="([^"]*)">([^<]*)</a> <span class="facet-count">\(([\d,]+) record', page
    )


def test_subjects_list_their_public_records_counts(archive, client):
    page = html(client.get("/subjects/"))
    rows = vocabulary_rows(page)
    # Politics: Bukharin, Rykov, ABC, the letter, the congress, the expulsion — not the draft,
    # the photograph in review, or the scheduled lecture that carry it too.
    assert [(unescape(url), label, n) for url, label, n in rows] == [
        (f"/search/?subject={archive.economics.pk}", "Economics", "3"),
        (f"/search/?subject={archive.politics.pk}", "Politics", "6"),
        (f"/search/?subject={archive.trials.pk}", "Trials", "2"),
    ]
    assert "3 subjects with public records" in page
    by_count = vocabulary_rows(html(client.get("/subjects/", {"sort": "count"})))
    assert [label for _, label, _ in by_count] == ["Politics", "Economics", "Trials"]
    for url, _, n in rows:
        assert f"{n} record" in html(client.get(unescape(url)))


def test_a_subject_of_unpublished_records_only_is_not_listed(archive, client):
    hidden = f.SubjectFactory(name="Secret police", slug="secret")
    archive.draft.subjects.add(hidden)
    assert "Secret police" not in html(client.get("/subjects/"))


def test_collections_list_and_scheduled_records_count_once_due(
    archive, client, django_capture_on_commit_callbacks
):
    page = html(client.get("/collections/"))
    assert [(label, n) for _, label, n in vocabulary_rows(page)] == [
        ("Bukharin papers", "6"),
        ("Press archive", "4"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        archive.scheduled.published_at = timezone.now() - datetime.timedelta(seconds=1)
        archive.scheduled.save()
    # Indexed on save; the stored counts move with the index write.
    page = html(client.get("/collections/"))
    assert ("Bukharin papers", "7") in [(label, n) for _, label, n in vocabulary_rows(page)]


def test_vocabulary_pages_and_bad_input(archive, client):
    for params in ({"sort": "nope"}, {"page": "abc"}, {"page": "9"}, {"page": "0"}):
        page = html(client.get("/subjects/", params))
        assert "<h1>Subjects</h1>" in page
    assert "Page 9 is past the end" in html(client.get("/subjects/", {"page": "9"}))
    assert "is not a way to sort" in html(client.get("/subjects/", {"sort": "nope"}))
    empty = html(client.get("/collections/", {"page": "1"}))
    assert "collections with public records" in empty


def test_sort_initial_files_names_as_an_index_does():
    assert [sort_initial(t) for t in ("bukharin", "Ébert", "łódź", "ёлка", "йога", "1917", "")] == [
        "B",
        "E",
        "L",
        "Е",
        "Й",
        "#",
        "#",
    ]
