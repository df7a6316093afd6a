"""Formatted citations are stored, and pages only read them (public.cite.stored): a page never
runs Node.js, shows its plain citation while its text is queued for the task worker, and fills
in its own address and today's date; saving a record or what a page cites queues its pages
(public.cite.signals); `render_citations` fills every public page."""

import datetime
import io
import re
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from public.cite import signals, stored, styles
from public.models import FormattedCitation
from tests import factories
from tests.exhibits.factories import BlockFactory, ExhibitFactory, SectionFactory
from tests.public.cite.conftest import run_citation_tasks

pytestmark = pytest.mark.django_db

TODAY = "December 8, 2026"
RENDER = "public.cite.stored.render_citations"
REFRESH = "public.cite.refresh.refresh_pages"


@pytest.fixture
def no_node(monkeypatch):
    """Node.js cannot be found or started: any attempt to run it is recorded, and fails."""
    attempts = []

    def which(name, *args, **kwargs):
        attempts.append(name)
        return None

    styles._worker.stop()
    monkeypatch.setattr(styles.shutil, "which", which)
    return attempts


@pytest.fixture
def on_a_day(monkeypatch):
    """Set today's date (the access date a page prints)."""

    def set_day(day: datetime.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return set_day


@pytest.fixture
def undated_trial():
    """A page whose Chicago citation gives its access date (it has no date of its own)."""
    return factories.TrialFactory(slug="undated", title="An Undated Hearing", date="")


@pytest.fixture
def connected():
    """The save signals (connected by PublicConfig.ready; connecting again changes nothing)."""
    signals.connect()


def queued(path: str = RENDER) -> int:
    return DBTaskResult.objects.filter(task_path=path).count()


def cite_box(page: str) -> str:
    start = page.index('<section class="cite-box"')
    return page[start : page.index("</section>", start)]


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_a_page_without_its_citation_is_served_at_once_and_queues_it(
    no_node, on_a_day, undated_trial
):
    on_a_day(datetime.date(2026, 12, 8))
    browser = Client()
    response = browser.get("/trials/undated/")
    assert response.status_code == 200
    box = cite_box(response.content.decode())
    assert "data-style" not in box  # the plain citation, as before anything is stored
    assert f"(accessed {TODAY.replace('December 8,', '8 December')})" in plain(box)
    assert no_node == []  # the page never looked for Node.js
    assert queued() == 1
    browser.get("/trials/undated/")
    assert queued() == 1  # queued once, not on every visit
    assert no_node == []


def test_after_the_worker_the_page_shows_chicago_text_with_todays_date(
    monkeypatch, on_a_day, undated_trial
):
    on_a_day(datetime.date(2026, 12, 8))
    browser = Client()
    browser.get("/trials/undated/")
    assert run_citation_tasks() == 1
    assert FormattedCitation.objects.count() == 1
    # From here on the page needs no Node.js at all.
    monkeypatch.setattr(styles.shutil, "which", lambda name: pytest.fail("Node.js was asked for"))
    styles._worker.stop()
    box = cite_box(browser.get("/trials/undated/").content.decode())
    note = f"“An Undated Hearing,” Vitrine, accessed {TODAY}, http://testserver/trials/undated/."
    assert note in plain(box)
    assert f"Vitrine. n.d. “An Undated Hearing.” Accessed {TODAY}." in plain(box)
    # Another day and another host: the same stored row, filled in afresh, nothing queued.
    on_a_day(datetime.date(2031, 3, 5))
    box = cite_box(browser.get("/trials/undated/", HTTP_HOST="localhost").content.decode())
    assert "accessed March 5, 2031, http://localhost/trials/undated/." in plain(box)
    assert TODAY not in box and "9999" not in box and "citation.invalid" not in box
    assert queued() == 1 and FormattedCitation.objects.count() == 1


def test_a_changed_record_never_shows_its_old_citation(undated_trial):
    browser = Client()
    browser.get("/trials/undated/")
    run_citation_tasks()
    assert "An Undated Hearing" in plain(cite_box(browser.get("/trials/undated/").content.decode()))
    undated_trial.title = "A Renamed Hearing"
    undated_trial.save()
    box = cite_box(browser.get("/trials/undated/").content.decode())
    assert "data-style" not in box and "An Undated Hearing" not in box
    assert "A Renamed Hearing" in box  # the plain citation, until the worker has run
    assert run_citation_tasks() == 1
    box = plain(cite_box(browser.get("/trials/undated/").content.decode()))
    assert "“A Renamed Hearing,” Vitrine, accessed" in box


def test_saving_a_record_stores_its_citation_before_anyone_asks(
    connected, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = factories.DocumentFactory(slug="abc", title="The ABC of Communism", date="1920")
    assert queued(REFRESH) >= 1
    run_citation_tasks()
    page = Client().get("/documents/abc/").content.decode()
    assert 'data-style="chicago-notes-bibliography"' in page
    assert "The ABC of Communism. 1920." in plain(cite_box(page))
    assert queued(RENDER) == 0  # the page found its text stored
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "The ABC of Communism Explained"
        document.save()
    run_citation_tasks()
    page = Client().get("/documents/abc/").content.decode()
    assert 'data-style="chicago-notes-bibliography"' in page
    assert "The ABC of Communism Explained" in plain(cite_box(page))
    assert queued(RENDER) == 0


def test_a_sections_notes_are_stored_when_cited_and_when_their_source_changes(
    connected, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        source = factories.SourceFactory(
            key="tucker", title="Stalin in Power", author="Tucker, Robert C.", issued="1990"
        )
        section = SectionFactory(exhibit=ExhibitFactory(slug="show"), slug="part")
        block = BlockFactory(section=section, position=0)
        for position, locator in enumerate(("12", "13")):
            factories.CitationFactory(
                cited_object=block, source=source, locator=locator, position=position
            )
    run_citation_tasks()
    page = Client().get("/exhibits/show/part/").content.decode()
    notes = plain(page[page.index('<section class="footnotes"') :])
    assert "Robert C. Tucker, Stalin in Power (1990), 12." in notes
    assert "Tucker, Stalin in Power, 13." in notes
    assert queued(RENDER) == 0
    with django_capture_on_commit_callbacks(execute=True):
        source.title = "Stalin in Power: The Revolution from Above"
        source.save()
    run_citation_tasks()
    page = Client().get("/exhibits/show/part/").content.decode()
    notes = plain(page[page.index('<section class="footnotes"') :])
    assert "Robert C. Tucker, Stalin in Power: The Revolution from Above (1990), 12." in notes
    assert queued(RENDER) == 0


def test_render_citations_fills_every_public_page_once(demo, monkeypatch, settings):
    settings.VITRINE_PROGRESS_INTERVAL = 0
    out = io.StringIO()
    call_command("render_citations", stdout=out)
    assert re.search(r"pages: \d+/\d+ formatted or found", out.getvalue())
    formatted = int(re.search(r"Citations: (\d+) formatted, 0 already", out.getvalue())[1])
    assert formatted == FormattedCitation.objects.count() > 70
    again = io.StringIO()
    call_command("render_citations", "--prune", stdout=again)
    assert f"Citations: 0 formatted, {formatted} already stored, 0 unused deleted." in (
        again.getvalue()
    )
    # Every public page now shows its formatted text without Node.js and queues nothing.
    monkeypatch.setattr(styles.shutil, "which", lambda name: pytest.fail("Node.js was asked for"))
    styles._worker.stop()
    page = Client().get("/documents/abc-of-communism/").content.decode()
    assert 'data-style="chicago-notes-bibliography"' in page
    page = Client().get("/persons/nikolai-bukharin/").content.decode()
    assert 'data-style="chicago-author-date"' in page
    assert queued(RENDER) == 0
    # --prune drops what no public page uses.
    FormattedCitation.objects.create(digest="0" * 64, kind="item", html=[])
    pruned = io.StringIO()
    call_command("render_citations", "--prune", stdout=pruned)
    assert "1 unused deleted" in pruned.getvalue()
    assert not FormattedCitation.objects.filter(digest="0" * 64).exists()


def test_a_hung_citeproc_process_is_given_up_well_before_a_web_worker_would_be(
    monkeypatch, tmp_path
):
    # One page's item in both styles, from a cold start, within gunicorn's default 30 seconds.
    assert styles.TIMEOUT_SECONDS + 2 * styles.TIMEOUT_PER_ITEM < 30
    hung = tmp_path / "hung.js"
    hung.write_text("process.stdin.resume(); setInterval(() => {}, 1000);\n")
    monkeypatch.setattr(styles, "SCRIPT", hung)
    monkeypatch.setattr(styles, "TIMEOUT_SECONDS", 0.5)
    styles._worker.stop()
    started = time.monotonic()
    try:
        with pytest.raises(styles.CitationError, match="did not answer"):
            styles.format_item({"id": "x", "type": "webpage", "title": "T"})
    finally:
        styles._worker.stop()
    assert time.monotonic() - started < 5  # two attempts of half a second, and the restarts


def test_the_access_date_is_printed_as_citeproc_js_prints_it():
    days = [datetime.date(2026, 12, 8), datetime.date(1999, 1, 31), datetime.date(2030, 5, 1)]
    items = [
        {
            "id": f"d{n}",
            "type": "webpage",
            "title": "T",
            "container-title": "Vitrine",
            "URL": "https://example.org/",
            "accessed": csl_day(day),
        }
        for n, day in enumerate(days)
    ]
    for day, entries in zip(days, styles.render_items(items), strict=True):
        assert f"accessed {stored.accessed_text(day)}" in entries[0]["note"]
        assert f"Accessed {stored.accessed_text(day)}." in entries[1]["bibliography"]


def csl_day(day: datetime.date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}
