"""A timeline block defined by years shows at most TIMELINE_SHOWN events and links the search
for the rest, so a section's time and size do not grow with the events of its years."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Status
from exhibits.models import Block
from exhibits.rendering import TIMELINE_SHOWN
from search import index
from tests import factories
from tests.exhibits.factories import BlockFactory, SectionFactory

pytestmark = pytest.mark.django_db

EVENT = re.compile(r'<li class="timeline-item">.*?<a href="/events/([^/"]+)/">', re.S)


def _section_with_timeline(events: int):
    section = SectionFactory(exhibit__slug="years", slug="busy")
    BlockFactory(
        section=section,
        kind=Block.Kind.TIMELINE,
        body="",
        timeline_start_year=1917,
        timeline_end_year=1938,
    )
    for n in range(events):
        factories.EventFactory(slug=f"e-{n:03d}", title=f"Event {n:03d}", date=f"{1920 + n % 10}")
    factories.EventFactory(slug="outside", date="1950")
    factories.EventFactory(slug="draft", date="1925", status=Status.DRAFT)
    return section


def _page(client, section) -> tuple[str, int]:
    url = section.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, len(queries)


def test_a_short_timeline_lists_every_public_event_of_its_years(client):
    html, _ = _page(client, _section_with_timeline(5))
    shown = EVENT.findall(html)
    assert sorted(shown) == [f"e-{n:03d}" for n in range(5)]
    assert "events of these years in the search" not in html


def test_a_long_timeline_shows_the_first_ones_and_links_the_search_for_all(client):
    total = TIMELINE_SHOWN + 7
    html, queries = _page(client, _section_with_timeline(total))
    shown = EVENT.findall(html)
    assert len(shown) == TIMELINE_SHOWN
    assert "outside" not in shown and "draft" not in shown
    link = re.search(r'<a href="([^"]+)">All (\d+) events of these years in the search →', html)
    assert link and int(link.group(2)) == total
    url = urlsplit(link.group(1).replace("&amp;", "&"))
    assert url.path == "/search/"
    assert parse_qs(url.query) == {
        "kind": ["event"],
        "sort": ["date"],
        "from": ["1917"],
        "to": ["1938"],
    }
    # The search it links finds them all (only public events of those years).
    index.rebuild("event")  # what the index's writes after commit do on the site
    found = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert f"{total} records with the filters chosen" in found

    # One query more than a short timeline (the count), however many events there are.
    _, short_queries = _page(client, _section_with_timeline_elsewhere(3))
    assert queries == short_queries + 1


def _section_with_timeline_elsewhere(events: int):
    section = SectionFactory(exhibit__slug="quiet", slug="quiet")
    BlockFactory(
        section=section,
        kind=Block.Kind.TIMELINE,
        body="",
        timeline_start_year=1700,
        timeline_end_year=1710,
    )
    for n in range(events):
        factories.EventFactory(slug=f"q-{n}", date=f"{1700 + n}")
    return section
