"""Discovery: the sitemap index and its sitemaps, the Atom feed and robots.txt list every public
page and nothing else (draft, in review, withdrawn, scheduled for later, unpublished exhibits),
in a number of queries that does not grow with the archive."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.models import Status
from public.discovery.sitemaps import PublicSitemap
from tests import factories
from tests.exhibits.factories import ExhibitFactory, SectionFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOST = "http://testserver"


def in_days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


# The states that keep a record or exhibit off every public surface.
HIDDEN_STATES = {
    "draft": {"status": Status.DRAFT},
    "review": {"status": Status.REVIEW},
    "withdrawn": {"status": Status.WITHDRAWN, "published_at": in_days(-30)},
    "scheduled": {"status": Status.PUBLISHED, "published_at": in_days(3)},
}

RECORD_FACTORIES = {
    "person": factories.PersonFactory,
    "document": factories.DocumentFactory,
    "photograph": factories.PhotographFactory,
    "trial": factories.TrialFactory,
    "event": factories.EventFactory,
}


def make_archive(copies: int = 1) -> dict[str, set[str]]:
    """Records of every kind in every state, and exhibits with sections; return the paths that
    must be listed ("public") and those that must not ("hidden")."""
    public: set[str] = set()
    hidden: set[str] = set()
    for kind, factory in RECORD_FACTORIES.items():
        for n in range(copies):
            record = factory(slug=f"{kind}-public-{n}", published_at=in_days(-2 - n))
            public.add(record.get_absolute_url())
            for state, values in HIDDEN_STATES.items():
                hidden.add(factory(slug=f"{kind}-{state}-{n}", **values).get_absolute_url())
    for n in range(copies):
        exhibit = ExhibitFactory(slug=f"exhibit-public-{n}", published_at=in_days(-1))
        public.add(exhibit.get_absolute_url())
        for position in range(2):
            section = SectionFactory(exhibit=exhibit, slug=f"part-{position}", position=position)
            public.add(section.get_absolute_url())
        for state, values in HIDDEN_STATES.items():
            exhibit = ExhibitFactory(slug=f"exhibit-{state}-{n}", **values)
            hidden.add(exhibit.get_absolute_url())
            hidden.add(SectionFactory(exhibit=exhibit, slug="part").get_absolute_url())
    return {"public": public, "hidden": hidden}


def parse_xml(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own server's answer)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sitemap_urls(client) -> dict[str, str | None]:
    """Every page the sitemap index leads to: {path: lastmod or None}."""
    index = parse_xml(client.get("/sitemap.xml"))
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    pages: dict[str, str | None] = {}
    for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS):
        assert loc.text.startswith(HOST)
        urlset = parse_xml(client.get(path_of(loc.text)))
        for url in urlset.findall("sm:url", SITEMAP_NS):
            path = path_of(url.find("sm:loc", SITEMAP_NS).text)
            assert path not in pages, path
            lastmod = url.find("sm:lastmod", SITEMAP_NS)
            pages[path] = lastmod.text if lastmod is not None else None
    return pages


# Sitemaps -------------------------------------------------------------------------------------


def test_sitemaps_list_every_public_page_and_nothing_else(client):
    archive = make_archive()
    pages = sitemap_urls(client)
    assert {"/", "/exhibits/", "/timeline/", "/search/"} <= set(pages)
    assert archive["public"] <= set(pages)
    assert not archive["hidden"] & set(pages)
    assert set(pages) == archive["public"] | {"/", "/exhibits/", "/timeline/", "/search/"}
    # Records, exhibits and sections say when they last changed; the site's own pages do not.
    today = timezone.now().date().isoformat()
    for path in archive["public"]:
        assert pages[path] == today, path
    assert pages["/"] is None
    for path in pages:
        assert client.get(path).status_code == 200, path


def test_a_scheduled_record_enters_the_sitemap_when_its_time_comes(client):
    person = factories.PersonFactory(slug="soon", published_at=in_days(1))
    assert "/persons/soon/" not in sitemap_urls(client)
    person.published_at = in_days(-0.01)
    person.save()
    assert "/persons/soon/" in sitemap_urls(client)


def test_the_index_names_each_sitemap_with_its_latest_change(client):
    factories.PersonFactory()
    index = parse_xml(client.get("/sitemap.xml"))
    entries = {
        path_of(entry.find("sm:loc", SITEMAP_NS).text): entry.find("sm:lastmod", SITEMAP_NS)
        for entry in index.findall("sm:sitemap", SITEMAP_NS)
    }
    assert set(entries) == {
        f"/sitemap-{name}.xml"
        for name in (
            "pages",
            "exhibits",
            "sections",
            "persons",
            "documents",
            "photographs",
            "trials",
            "events",
        )
    }
    assert entries["/sitemap-persons.xml"] is not None
    assert entries["/sitemap-documents.xml"] is None  # nothing public yet: no date
    assert entries["/sitemap-pages.xml"] is None


def test_large_sitemaps_are_split_into_pages(client, monkeypatch):
    monkeypatch.setattr(PublicSitemap, "limit", 2)
    made = {factories.PersonFactory(slug=f"p{n}").get_absolute_url() for n in range(5)}
    factories.PersonFactory(slug="hidden", status=Status.DRAFT)
    index = parse_xml(client.get("/sitemap.xml"))
    locs = [path_of(loc.text) for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    assert [loc for loc in locs if "persons" in loc] == [
        "/sitemap-persons.xml",
        "/sitemap-persons.xml?p=2",
        "/sitemap-persons.xml?p=3",
    ]
    pages = sitemap_urls(client)
    assert {path for path in pages if path.startswith("/persons/")} == made


@pytest.mark.parametrize("query", ["?p=9", "?p=x", "?p=0"])
def test_a_sitemap_page_that_does_not_exist_is_a_404(client, query):
    factories.PersonFactory()
    assert client.get(f"/sitemap-persons.xml{query}").status_code == 404


def test_an_unknown_sitemap_is_a_404(client):
    assert client.get("/sitemap-secrets.xml").status_code == 404


def count_queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_sitemap_queries_do_not_grow_with_the_archive(client):
    paths = ["/sitemap.xml", "/sitemap-persons.xml", "/sitemap-sections.xml", "/feed.atom"]
    make_archive(copies=1)
    small = {path: count_queries(client, path) for path in paths}
    make_archive_more()
    large = {path: count_queries(client, path) for path in paths}
    assert small == large
    # The index: two queries a kind (its count of pages and its latest change), nothing more.
    assert large["/sitemap.xml"] == 2 * 7
    assert large["/sitemap-persons.xml"] <= 2
    assert large["/feed.atom"] == 6


def make_archive_more() -> None:
    for n in range(6):
        for kind, factory in RECORD_FACTORIES.items():
            factory(slug=f"{kind}-more-{n}")
        exhibit = ExhibitFactory(slug=f"exhibit-more-{n}")
        SectionFactory(exhibit=exhibit, slug="a")
        SectionFactory(exhibit=exhibit, slug="b")


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines


# The Atom feed --------------------------------------------------------------------------------


def test_the_feed_holds_newly_published_records_and_exhibits_newest_first(client):
    archive = make_archive()
    response = client.get("/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Vitrine: newly published"
    links = [path_of(entry.link) for entry in feed.entries]
    # The exhibit's sections are part of it, not entries of their own.
    assert set(links) == {path for path in archive["public"] if "/part-" not in path}
    assert not set(links) & archive["hidden"]
    published = [entry.published_parsed for entry in feed.entries]
    assert published == sorted(published, reverse=True)
    assert path_of(feed.entries[0].link) == "/exhibits/exhibit-public-0/"
    kinds = {entry.tags[0].term for entry in feed.entries}
    assert kinds == {"exhibit", "person", "document", "photograph", "trial", "event"}


def test_feed_entries_say_what_they_are(client):
    person = factories.PersonFactory(
        slug="bukharin", title="Nikolai Bukharin", summary="Bolshevik <theorist> & editor."
    )
    entry = feedparser.parse(client.get("/feed.atom").content).entries[0]
    assert entry.title == "Nikolai Bukharin"
    assert entry.link == f"{HOST}/persons/bukharin/"
    assert entry.id == f"{HOST}/persons/bukharin/"
    # Atom's summary is HTML: the plain text arrives escaped, to be shown as written.
    assert entry.summary == "Bolshevik &lt;theorist&gt; &amp; editor."
    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    assert abs(published - person.published_at) < datetime.timedelta(seconds=1)


def test_a_scheduled_exhibit_enters_the_feed_when_its_time_comes(client):
    exhibit = ExhibitFactory(slug="soon", published_at=in_days(1))

    def links() -> list[str]:
        feed = feedparser.parse(client.get("/feed.atom").content)
        return [path_of(entry.link) for entry in feed.entries]

    assert "/exhibits/soon/" not in links()
    exhibit.published_at = in_days(-0.01)
    exhibit.save()
    assert links() == ["/exhibits/soon/"]


def test_the_feed_holds_at_most_fifty_entries(client):
    for n in range(30):
        factories.PersonFactory(slug=f"person-{n}", published_at=in_days(-n))
        factories.EventFactory(slug=f"event-{n}", published_at=in_days(-n - 0.5))
    feed = feedparser.parse(client.get("/feed.atom").content)
    assert len(feed.entries) == 50
    assert path_of(feed.entries[0].link) == "/persons/person-0/"
    assert path_of(feed.entries[-1].link) == "/events/event-24/"


def test_every_page_offers_the_feed(client):
    html = client.get("/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Vitrine: newly published" href="/feed.atom">'
    ) in html
    person = factories.PersonFactory()
    assert 'href="/feed.atom"' in client.get(person.get_absolute_url()).content.decode()


def test_sitemaps_answer_head_requests_and_refuse_posts(client):
    factories.PersonFactory()
    assert client.head("/sitemap-persons.xml").status_code == 200
    assert client.head("/robots.txt").status_code == 200
    assert client.post("/sitemap-persons.xml").status_code == 405
