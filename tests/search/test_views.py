"""The search page and its JSON: rendering, links that are permalinks, accessibility hooks,
public data only, a fixed number of queries, and bad input answered without a 500."""

import dataclasses
import itertools
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import escape

from search.presentation import Links
from search.query import SearchQuery
from tests import factories as f

pytestmark = pytest.mark.django_db

PAGE, JSON = "/search/", "/search.json"


def html(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def hrefs(page: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]*)"', page)]


def test_urls():
    assert reverse("search") == PAGE
    assert reverse("search-json") == JSON


def test_links_change_only_what_they_are_given_and_refuse_unknown_attributes():
    query = SearchQuery(text="trial", kind=("document",), decade=(1930,), page=3)
    links = Links(PAGE, query)
    assert links.changed(page=2) == links.url(dataclasses.replace(query, page=2))
    assert links.changed(kind=()) == links.url(dataclasses.replace(query, kind=(), page=1))
    with pytest.raises(TypeError, match="Not a search attribute: kinds"):
        links.changed(kinds=())


# The page ---------------------------------------------------------------------------------------


def test_page_shows_results_with_kind_date_thumbnail_link_and_snippet(archive, client):
    page = html(client.get(PAGE, {"q": "congress"}))
    assert '<label for="search-q">' in page
    assert 'role="search"' in page
    assert 'role="status"' in page
    assert "1 record for “congress”" in page
    assert 'href="/photographs/congress/"' in page
    small = reverse("archive:photograph-file", kwargs={"slug": "congress", "variant": "w480.jpg"})
    assert f'<img class="search-thumb" src="{small}"' in page
    assert 'alt="Delegates at the Comintern congress"' in page
    assert "June 1926" in page
    assert "Photograph" in page
    assert "<mark>congress</mark>" in page.casefold()
    assert 'rel="alternate" type="application/json"' in page
    assert "css/search.css" in page


def test_headings_are_in_order(archive, client):
    page = html(client.get(PAGE, {"q": "Bukharin"}))
    levels = [int(level) for level in re.findall(r"<h([1-6])", page)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_text_is_escaped_and_only_the_snippet_is_markup(archive, client):
    page = html(client.get(PAGE, {"q": '<script>alert("x")</script>'}))
    assert "<script>alert" not in page
    assert escape('<script>alert("x")</script>') in page


def test_facets_are_links_that_toggle_a_value(archive, client):
    page = html(client.get(PAGE, {"q": "Bukharin"}))
    assert 'Document <span class="facet-count">(3)</span>' in page
    assert '1920s <span class="facet-count">(4)</span>' in page
    assert f"/search/?q=Bukharin&subject={archive.economics.pk}" in hrefs(page)
    assert "/search/?q=Bukharin&has_image=yes" in hrefs(page)
    # Following a link narrows the search; following the same value again widens it.
    narrowed = html(client.get("/search/", {"q": "Bukharin", "kind": "document"}))
    assert "3 records for “Bukharin” with the filters chosen" in narrowed
    assert "/search/?q=Bukharin" in hrefs(narrowed)  # the chip and the selected value
    assert "/search/?q=Bukharin&kind=document&kind=trial" in hrefs(narrowed)


def test_decade_histogram_bars_are_proportional_and_labelled(archive, client):
    page = html(client.get(PAGE, {"q": "Bukharin"}))
    assert '1920s <span class="facet-count">(4)</span>' in page
    widths = re.findall(r'<svg class="bar" aria-hidden="true"[^>]*>.*?<rect width="(\d+)%"', page)
    assert widths == ["25", "100", "50"]  # 1880s: 1, 1920s: 4, 1930s: 2


def test_active_filters_are_removable_chips(archive, client):
    page = html(
        client.get(
            PAGE,
            {
                "q": "Bukharin",
                "kind": ["document", "trial"],
                "subject": archive.trials.pk,
                "from": "1930",
                "to": "1940",
            },
        )
    )
    chips = re.findall(r'<a class="chip" href="([^"]*)">(.*?)</a>', page)
    labels = [re.sub(r"<[^>]+>", "", label).replace(" ×", "") for _, label in chips]
    assert labels == [
        "Remove Text: Bukharin",
        "Remove Kind: Document",
        "Remove Kind: Trial",
        "Remove Subject: Trials",
        "Remove From 1930",
        "Remove To 1940",
    ]
    kind_chip = chips[1][0].replace("&amp;", "&")
    assert (
        kind_chip == f"/search/?q=Bukharin&kind=trial&subject={archive.trials.pk}&from=1930&to=1940"
    )
    assert "Clear all filters" in page


def test_year_range_form_and_sort_form_carry_the_other_parameters(archive, client):
    page = html(client.get(PAGE, {"q": "Bukharin", "kind": "document", "sort": "title"}))
    range_form = page[page.index('class="year-range"') : page.index("</fieldset>")]
    assert '<input type="hidden" name="kind" value="document">' in range_form
    assert '<input type="hidden" name="sort" value="title">' in range_form
    sort_form = page[page.index('class="search-sort"') : page.index("</select>")]
    assert '<input type="hidden" name="q" value="Bukharin">' in sort_form
    assert '<option value="title" selected>' in sort_form
    assert '<option value="relevance">' in sort_form


def test_without_words_the_sort_form_shows_the_title_order_it_lists_by(archive, client):
    """A browse has nothing to rank by, so "relevance" lists by title; the form says "title"."""
    for params in ({"kind": "document"}, {"kind": "document", "sort": "relevance"}):
        page = html(client.get(PAGE, params))
        sort_form = page[page.index('class="search-sort"') : page.index("</select>")]
        assert '<option value="title" selected>' in sort_form
        assert 'value="relevance"' not in sort_form
    titles = [
        unescape(title)
        for title in re.findall(r'class="search-hit-title"><a href="[^"]*">([^<]*)<', page)
    ]
    assert len(titles) > 1 and titles == sorted(titles, key=str.casefold)


def test_pagination_links_and_aria_current(archive, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(45):
            f.DocumentFactory(slug=f"pamphlet-{n}", title=f"Pamphlet {n:02d}", date="1921")
    page = html(client.get(PAGE, {"q": "pamphlet", "sort": "title", "page": 2}))
    assert "45 records for “pamphlet”; page 2 of 3" in page
    assert '<ol class="search-hits" start="21">' in page
    assert "Pamphlet 20" in page and "Pamphlet 39" in page and "Pamphlet 40" not in page
    assert re.search(r'aria-current="page"><span class="visually-hidden">Page </span>2<', page)
    links = hrefs(page)
    assert "/search/?q=pamphlet&sort=title" in links  # page 1, and "previous"
    assert "/search/?q=pamphlet&sort=title&page=3" in links
    assert 'aria-label="Pages of results"' in page


def test_page_past_the_end_says_so_and_links_to_the_last(archive, client):
    page = html(client.get(PAGE, {"q": "Bukharin", "page": 7}))
    assert "Page 7 is past the end" in page
    assert "/search/?q=Bukharin" in hrefs(page)
    assert "7 records for “Bukharin”" in page


def test_no_results_suggests_a_way_out(archive, client):
    page = html(client.get(PAGE, {"q": "zzyzx", "kind": "trial"}))
    assert "No records found" in page
    assert "Check the spelling" in page
    assert "Browse all records" in page
    assert "Remove </span>Kind: Trial" in page
    assert "/search/?q=zzyzx" in hrefs(page)


def test_similar_names_are_announced(archive, client):
    page = html(client.get(PAGE, {"q": "Bukarin"}))
    assert "No exact matches; showing records of persons with similar names" in page
    assert "/persons/bukharin/" in hrefs(page)


def test_selected_value_without_public_records_can_still_be_removed(archive, client):
    page = html(client.get(PAGE, {"q": "Bukharin", "decade": "1990", "person": "999"}))
    assert "Remove </span>Decade: 1990s" in page
    assert "Remove </span>Person: #999" in page
    assert '1990s <span class="facet-count">(0)</span>' in page


def test_browse_without_query_lists_every_public_record(archive, client):
    page = html(client.get(PAGE))
    assert "10 records" in page
    for record in archive.unpublished:
        assert record.get_absolute_url() not in page


def test_query_count_does_not_grow_with_the_page(
    archive, client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        html(client.get(PAGE, {"q": "communism"}))
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(30):
            document = f.DocumentFactory(
                slug=f"communism-{n}", title=f"Communism {n}", collection=archive.press
            )
            document.contributors.set([archive.rykov])
            document.subjects.set([archive.trials])
    with CaptureQueriesContext(connection) as many:
        html(client.get(PAGE, {"q": "communism"}))
    assert len(many) == len(few)
    statements = [
        q["sql"]
        for q in many.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))  # the search's read transaction
    ]
    # The state, the search (on PostgreSQL after its planner settings), the hits, their
    # snippets, the facet labels and the best match (this page has no pictures).
    assert len(statements) == (7 if connection.vendor == "postgresql" else 6)


# The JSON ---------------------------------------------------------------------------------------


def test_json_answers_the_same_search(archive, client):
    response = client.get(
        JSON, {"q": "Бухарин", "kind": ["document", "photograph"], "sort": "date"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["query"] == {
        "q": "Бухарин",
        "kind": ["document", "photograph"],
        "decade": [],
        "person": [],
        "subject": [],
        "collection": [],
        "place": [],
        "language": [],
        "has_image": None,
        "from": None,
        "to": None,
        "letter": "",
        "sort": "date",
        "page": 1,
        "per_page": 20,
    }
    assert data["total"] == 4
    assert data["page"] == 1
    assert data["page_count"] == 1
    assert [r["slug"] for r in data["results"]] == ["abc", "econ", "congress", "letter"]
    photo = data["results"][2]
    assert {k: photo[k] for k in ("kind", "id", "slug", "title", "date")} == {
        "kind": "photograph",
        "id": archive.congress.pk,
        "slug": "congress",
        "title": "Delegates at the Comintern congress",
        "date": "June 1926",
    }
    assert photo["url"] == "http://testserver/photographs/congress/"
    assert photo["thumbnail_url"] == "http://testserver/photographs/congress/thumbnail.img"
    assert {"summary", "snippet_html"} <= set(photo)
    assert data["results"][0]["thumbnail_url"] == ""
    kinds = {v["value"]: v for v in data["facets"]["kind"]}
    assert kinds["document"] == {
        "value": "document",
        "label": "Document",
        "count": 3,
        "selected": True,
    }
    assert kinds["person"]["selected"] is False
    assert set(data["facets"]) == {
        "kind",
        "decade",
        "person",
        "subject",
        "collection",
        "language",
        "has_image",
    }
    assert {v["value"] for v in data["facets"]["has_image"]} == {"yes", "no"}


def test_json_and_page_agree(archive, client):
    params = {"q": "Bukharin", "decade": "1920", "subject": str(archive.politics.pk)}
    data = client.get(JSON, params).json()
    page = html(client.get(PAGE, params))
    assert f"{data['total']} records" in page
    for result in data["results"]:
        assert f'href="{result["url"].removeprefix("http://testserver")}"' in page


def test_json_counts_only_public_records(archive, client):
    data = client.get(JSON, {"q": "communism Bukharin OR Bukharin"}).json()
    slugs = {r["slug"] for r in data["results"]}
    assert not slugs & {r.slug for r in archive.unpublished}
    assert data["total"] == 7
    assert sum(v["count"] for v in data["facets"]["kind"]) == 7
    assert {v["value"] for v in data["facets"]["language"]} == {"ru", "en"}
    persons = {v["value"]: v["count"] for v in data["facets"]["person"]}
    assert str(archive.larina.pk) not in persons
    everything = client.get(JSON).json()
    assert everything["total"] == len(archive.public)


# Bad input --------------------------------------------------------------------------------------

BAD = [
    {"q": ""},
    {"q": "x" * 10_000},
    {"q": '"unbalanced quote'},
    {"q": 'a"b"c"'},
    {"q": "bukharin NEAR/2 trial"},
    {"q": "NEAR(bukharin trial)"},
    {"q": "buk*"},
    {"q": "^bukharin"},
    {"q": "title:bukharin"},
    {"q": "names : bukharin"},
    {"q": "AND"},
    {"q": "OR"},
    {"q": "NOT"},
    {"q": "- - -"},
    {"q": "bukharin AND OR NOT"},
    {"q": "'; DROP TABLE archive_search_entry; --"},
    {"q": "1' OR '1'='1"},
    {"q": "bukharin) OR (1=1"},
    {"q": "a\x00b"},
    {"q": "\x00"},
    {"q": "!!!"},
    {"q": "&|!<->:*"},
    {"q": "🙂 ñ ß İ"},
    {"kind": "\x00"},
    {"colour": "red"},
    {"facet": "kind"},
    {"person": "abc"},
    {"person": "1e9"},
    {"person": "99999999999999999999999999"},
    {"kind": "unknown"},
    {"decade": "-10"},
    {"language": "x" * 200},
    {"subject": "1; DROP TABLE"},
    {"collection": ""},
    {"from": "1938-13-45"},
    {"to": "1938-13-45"},
    {"from": "-500"},
    {"from": "2000", "to": "1900"},
    {"has_image": "perhaps"},
    {"sort": "rank; DROP"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "abc"},
    {"page": "9999999999999999999999"},
    {"page": "400"},
]


@pytest.mark.parametrize("params", BAD, ids=lambda p: repr(p)[:40])
def test_bad_input_gives_a_page_or_a_json_error_never_a_500(archive, client, params):
    page = html(client.get(PAGE, params))
    assert "<h1>Search the archive</h1>" in page
    assert 'role="status"' in page
    response = client.get(JSON, params)
    assert response.status_code in (200, 400)
    data = response.json()
    if response.status_code == 400:
        assert data["errors"]
        assert all(isinstance(m, str) for ms in data["errors"].values() for m in ms)
    else:
        assert "results" in data


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "1938-13-45"}, "from"),
        ({"person": "abc"}, "person"),
        ({"kind": "unknown"}, "kind"),
        ({"page": "-1"}, "page"),
        ({"page": "400"}, "page"),  # past the end
        ({"q": "x" * 10_000}, "q"),
        ({"q": "a\x00b"}, "q"),
    ],
)
def test_invalid_parameters_are_400_in_json_and_a_message_on_the_page(
    archive, client, params, field
):
    response = client.get(JSON, params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    page = html(client.get(PAGE, params))
    assert 'class="search-messages" role="alert"' in page or "past the end" in page


def test_bad_date_shows_its_message_beside_the_field(archive, client):
    page = html(client.get(PAGE, {"q": "Bukharin", "from": "1938-13-45"}))
    assert "“1938-13-45” is not a year" in page
    assert 'id="year-from" name="from"' in page
    assert 'value="1938-13-45" aria-invalid="true" aria-describedby="year-from-error"' in page
    assert "7 records for “Bukharin”" in page  # searched without the bad date


def test_unknown_parameters_are_ignored(archive, client):
    page = html(client.get(PAGE, {"q": "Bukharin", "utm_source": "mail"}))
    assert "search-messages" not in page
    assert "utm_source" not in page
    assert client.get(JSON, {"q": "Bukharin", "utm_source": "mail"}).status_code == 200


def test_only_get(archive, client):
    assert client.post(PAGE, {"q": "Bukharin"}).status_code == 405
    assert client.post(JSON, {"q": "Bukharin"}).status_code == 405


def test_facet_counts_read_with_thousands_separators_like_the_total():
    from search.presentation import facet_panels
    from search.query import FacetValue, SearchResults

    results = SearchResults(
        query=SearchQuery(),
        total=904_495,
        hits=[],
        facets={
            "kind": [
                FacetValue("document", "Document", 450_072),
                FacetValue("trial", "Trial", 12),
            ]
        },
    )
    kind = next(
        p for p in facet_panels(results, Links("/search/", results.query)) if p["name"] == "kind"
    )
    assert [(v["label"], v["count"], v["percent"]) for v in kind["values"]] == [
        ("Document", "450,072", "100"),
        ("Trial", "12", "1"),
    ]
