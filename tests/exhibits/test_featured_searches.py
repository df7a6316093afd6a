"""Featured searches: a saved query checked by the search form, published on the home page with
its live count and embedded in exhibits as a block of its first results — public records only,
counted exactly, and never a 500 for a hostile saved query."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from archive.models import Status
from exhibits import saved_queries
from exhibits.models import Block, Exhibit, FeaturedSearch
from tests import factories
from tests.public.site.conftest import add_block, count_queries, make_exhibit, make_section
from tests.search.conftest import build_archive

pytestmark = pytest.mark.django_db

HOSTILE = "kind=nope&date_from=x"
BUKHARIN = {"bukharin", "abc", "econ", "letter", "congress", "trial", "expelled"}


@pytest.fixture
def archive(db, django_capture_on_commit_callbacks):
    """The search tests' small archive (tests/search/conftest.py), indexed as in production."""
    with django_capture_on_commit_callbacks(execute=True):
        return build_archive()


def featured(query: str, **kwargs) -> FeaturedSearch:
    number = FeaturedSearch.objects.count()
    values = {
        "title": f"Featured search {number}",
        "slug": f"featured-{number}",
        "query": query,
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=1),
    }
    values.update(kwargs)
    return FeaturedSearch.objects.create(**values)


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def search_total(client, query: str) -> int:
    """The count the search page shows for this query string."""
    response = client.get(f"{reverse('search')}?{query}")
    assert response.status_code == 200
    return response.context["results"].total


def hrefs(page: str) -> set[str]:
    return {h.replace("&amp;", "&") for h in re.findall(r'href="([^"]*)"', page)}


# The saved query ------------------------------------------------------------------------------


def test_a_hostile_query_is_refused_with_the_search_forms_reasons():
    search = FeaturedSearch(title="Bad", slug="bad", query=HOSTILE)
    with pytest.raises(ValidationError) as caught:
        search.full_clean()
    messages = caught.value.message_dict["query"]
    assert "Kind: “nope” is not a kind of record." in messages
    assert "“date_from” is not a search parameter." in messages


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "needs search text or at least one filter"),
        ("sort=date&page=2", "needs search text or at least one filter"),
        ("q=-", "No words to search for"),
        ("from=1950&to=1900", "The end year (1900) is before the start year (1950)."),
        ("person=abc", "is not a person id"),
        ("q=" + "x" * 600, "limited to 500 characters"),
        ("&".join(["a=1"] * 1500), "too many parameters"),
    ],
)
def test_saved_queries_the_search_form_rejects(value, message):
    with pytest.raises(ValidationError) as caught:
        saved_queries.parse(value)
    assert any(message in text for text in caught.value.messages), caught.value.messages


def test_a_whole_search_address_is_kept_as_the_search_page_spells_it():
    search = featured("https://example.org/search/?kind=document&q=bukharin&page=3#results")
    search.refresh_from_db()
    assert search.query == "q=bukharin&kind=document"
    assert saved_queries.search_url(saved_queries.parse(search.query)) == (
        "/search/?q=bukharin&kind=document"
    )


def test_text_is_sanitised_on_save():
    search = featured("q=trial", text='<p onclick="x()">Read <script>alert(1)</script>on</p>')
    search.refresh_from_db()
    assert "onclick" not in search.text and "<script" not in search.text
    assert search.text.startswith("<p>Read")


# The admin ------------------------------------------------------------------------------------


def admin_url(view: str, *args) -> str:
    return reverse(f"admin:exhibits_featuredsearch_{view}", args=args)


def test_admin_pages_render_for_a_curator(curator_client):
    photo = factories.PhotographFactory()
    search = featured("q=bukharin&kind=document", cover=photo, status=Status.DRAFT)
    for url in (
        admin_url("changelist"),
        admin_url("changelist") + "?status__exact=draft&home_page__exact=1",
        admin_url("changelist") + "?q=bukharin",
        admin_url("add"),
        admin_url("change", search.pk),
        admin_url("history", search.pk),
        admin_url("delete", search.pk),
    ):
        assert curator_client.get(url).status_code == 200, url
    page = html(curator_client.get(admin_url("change", search.pk)))
    assert 'href="/search/?q=bukharin&amp;kind=document"' in page
    assert "Preview the search" in page  # a draft: a preview, not "View on site"
    assert photo.thumbnail_url in page
    assert 'name="cover"' in page and "admin-autocomplete" in page
    changelist = html(curator_client.get(admin_url("changelist")))
    assert admin_url("change", search.pk) in changelist
    assert 'name="form-0-position"' in changelist  # the home page order, edited in the list


def test_admin_refuses_a_hostile_query_with_a_message(curator_client, admin_submit):
    response = admin_submit(
        curator_client,
        admin_url("add"),
        {"title": "Hostile", "slug": "hostile", "query": HOSTILE, "status": "published"},
    )
    page = html(response)  # the form again, with its errors: not saved, no 500
    assert "“nope” is not a kind of record." in page
    assert "“date_from” is not a search parameter." in page
    assert not FeaturedSearch.objects.exists()


def test_admin_saves_a_query_the_search_form_accepts(curator_client, admin_submit):
    response = admin_submit(
        curator_client,
        admin_url("add"),
        {"title": "Trials", "slug": "trials", "query": "/search/?kind=trial&page=2"},
    )
    assert response.status_code == 302
    assert FeaturedSearch.objects.get(slug="trials").query == "kind=trial"


def test_a_block_can_choose_a_featured_search_in_the_admin(curator_client):
    search = featured("kind=trial", title="All the trials")
    response = curator_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "exhibits",
            "model_name": "block",
            "field_name": "featured_search",
            "term": "trials",
        },
    )
    assert [r["id"] for r in response.json()["results"]] == [str(search.pk)]
    page = html(curator_client.get(reverse("admin:exhibits_block_add")))
    assert 'name="featured_search"' in page
    block = Block(section=make_section(make_exhibit()), kind=Block.Kind.SEARCH)
    with pytest.raises(ValidationError, match="featured search needs one"):
        block.full_clean()


# The home page --------------------------------------------------------------------------------


def test_home_shows_published_featured_searches_with_their_exact_counts(client, archive):
    shown = featured(
        "q=bukharin&kind=document",
        title="Bukharin in his own words",
        text="<p>What he <em>wrote</em>.</p>",
        cover=archive.congress,
    )
    featured("kind=trial", title="Only in exhibits", home_page=False)
    for status in (Status.DRAFT, Status.REVIEW, Status.WITHDRAWN):
        featured("kind=trial", title=f"Secret {status}", status=status)
    featured(
        "kind=trial",
        title="Secret scheduled",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    page = html(client.get("/"))
    assert "Bukharin in his own words" in page and "What he <em>wrote</em>." in page
    assert "/search/?q=bukharin&kind=document" in hrefs(page)
    # abc, econ and letter: the draft and the withdrawn document match too, and are not counted.
    assert search_total(client, shown.query) == 3
    assert "3 records" in page
    assert "/photographs/congress/" in page  # the public cover
    for hidden in ("Only in exhibits", "Secret"):
        assert hidden not in page


def test_home_counts_are_live(client, archive, django_capture_on_commit_callbacks):
    featured("q=bukharin&kind=document")
    assert "3 records" in html(client.get("/"))
    with django_capture_on_commit_callbacks(execute=True):
        archive.draft.status = Status.PUBLISHED
        archive.draft.save()
    assert "4 records" in html(client.get("/"))
    assert search_total(client, "q=bukharin&kind=document") == 4


def test_home_shows_a_cover_only_while_it_is_public(client, archive):
    search = featured("kind=photograph", cover=archive.review_photo)
    page = html(client.get("/"))
    assert search.title in page
    assert "/photographs/review-photo/" not in page


def test_home_query_count_is_the_same_for_1_and_3_featured_searches(client, archive):
    def queries() -> int:
        client.get("/")  # fills the per-process caches (content types)
        cache.clear()  # every count from the database, not the cache
        with CaptureQueriesContext(connection) as context:
            response = client.get("/")
        assert response.status_code == 200
        return len(context.captured_queries)

    featured("q=bukharin")
    one = queries()
    featured("kind=document&decade=1920", title="The twenties", cover=archive.congress)
    featured(f"subject={archive.politics.pk}&from=1925", title="Politics")
    three = queries()
    assert three == one
    page = html(client.get("/"))
    assert "The twenties" in page and "Politics" in page and "7 records" in page


def test_a_hostile_query_stored_past_the_admin_is_left_out_not_a_500(client, archive):
    search = featured("q=bukharin", title="Stored badly")
    for query in (HOSTILE, "q=%00", "from=99999", "person=1&person=x", "sort=date"):
        FeaturedSearch.objects.filter(pk=search.pk).update(query=query)
        assert "Stored badly" not in html(client.get("/")), query
    assert client.get("/").status_code == 200


# The exhibit block ----------------------------------------------------------------------------


def search_block(search: FeaturedSearch, **exhibit) -> Block:
    section = make_section(make_exhibit(**exhibit), "s")
    return add_block(section, Block.Kind.SEARCH, featured_search=search)


def test_block_shows_the_first_results_and_the_exact_count(client, archive):
    search = featured("q=bukharin", title="Everything on Bukharin")
    block = search_block(search)
    page = html(client.get(block.section.get_absolute_url()))
    assert "Everything on Bukharin" in page
    assert search_total(client, "q=bukharin") == len(BUKHARIN) == 7
    assert page.count('class="card record-card"') == 6
    assert "All 7 in the search" in page
    assert "/search/?q=bukharin" in hrefs(page)
    shown = {record.get_absolute_url() for record in archive.public} & hrefs(page)
    assert len(shown) == 6
    for record in archive.unpublished:
        assert record.get_absolute_url() not in hrefs(page), record.slug


def test_block_never_shows_or_counts_an_unpublished_record(client, archive):
    block = search_block(featured("q=communism"))
    page = html(client.get(block.section.get_absolute_url()))
    total = search_total(client, "q=communism")
    assert f"All {total} in the search" in page
    assert archive.abc.get_absolute_url() in hrefs(page)
    for record in (archive.draft, archive.withdrawn, archive.scheduled):
        assert record.get_absolute_url() not in hrefs(page), record.slug


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.WITHDRAWN])
def test_block_of_an_unpublished_featured_search_is_left_out(client, archive, status):
    block = search_block(featured("q=bukharin", title="Not yet", status=status))
    page = html(client.get(block.section.get_absolute_url()))
    assert "Not yet" not in page and "in the search" not in page
    # A staff preview of an unpublished exhibit shows it as the public will see it: with
    # public records only.
    staff = Client()
    staff.force_login(factories.UserFactory(username="staff", is_staff=True))
    draft = search_block(
        FeaturedSearch.objects.get(title="Not yet"), slug="draft", status=Status.DRAFT
    )
    page = html(staff.get(draft.section.get_absolute_url()))
    assert "Not yet" in page and "All 7 in the search" in page
    for record in archive.unpublished:
        assert record.get_absolute_url() not in hrefs(page), record.slug


def test_block_with_a_hostile_stored_query_is_left_out_not_a_500(client, archive):
    search = featured("q=bukharin", title="Stored badly")
    block = search_block(search)
    add_block(block.section, Block.Kind.TEXT, body="<p>Still here.</p>")
    FeaturedSearch.objects.filter(pk=search.pk).update(query=HOSTILE)
    page = html(client.get(block.section.get_absolute_url()))
    assert "Stored badly" not in page and "Still here." in page


def test_block_of_a_search_with_no_public_results_is_left_out(client, archive):
    block = search_block(featured("q=xyzzy", title="Nothing public"))
    page = html(client.get(block.section.get_absolute_url()))
    assert "Nothing public" not in page


def test_section_queries_are_the_same_for_1_and_3_search_blocks(client, archive):
    """Answers are cached like the search page's, and the cache is read once for all blocks."""
    block = search_block(featured("kind=photograph&sort=date"))  # with pictures: one query
    one = count_queries(client, block.section.get_absolute_url())
    for query in ("q=bukharin", "kind=document"):
        search = featured(query, cover=archive.congress)  # not shown in a block: not read
        add_block(block.section, Block.Kind.SEARCH, featured_search=search)
    assert count_queries(client, block.section.get_absolute_url()) == one
    assert html(client.get(block.section.get_absolute_url())).count("in the search") == 3


def test_the_api_serves_a_search_block_without_an_unpublished_record(client, archive):
    block = search_block(featured("q=bukharin", title="In the API"))
    draft = search_block(featured("q=bukharin", title="Draft", status=Status.DRAFT), slug="b")
    for section, shown in ((block.section, True), (draft.section, False)):
        url = f"/api/v1/exhibits/{section.exhibit.slug}/sections/{section.slug}/"
        response = client.get(url)
        assert response.status_code == 200, url
        blocks = response.json()["blocks"]
        assert [b["kind"] for b in blocks] == (["search"] if shown else [])
        for record in archive.unpublished:
            assert f"/{record.slug}/" not in response.content.decode(), record.slug
    search = client.get(
        f"/api/v1/exhibits/{block.section.exhibit.slug}/sections/{block.section.slug}/"
    ).json()["blocks"][0]["search"]
    assert search["title"] == "In the API" and search["total"] == 7
    assert search["search_url"] == "http://testserver/search/?q=bukharin"
    assert len(search["results"]) == 6
    public = {f"http://testserver{record.get_absolute_url()}" for record in archive.public}
    assert {result["url"] for result in search["results"]} <= public


def test_saving_a_featured_search_touches_the_exhibits_that_show_it(db):
    search = featured("q=bukharin")
    exhibit = search_block(search).section.exhibit
    long_ago = timezone.now() - datetime.timedelta(days=2)
    Exhibit.objects.filter(pk=exhibit.pk).update(updated_at=long_ago)
    search.title = "Renamed"
    search.save()
    exhibit.refresh_from_db()
    assert exhibit.updated_at > long_ago
