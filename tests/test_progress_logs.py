"""Long commands show their progress in a log: a line every VITRINE_PROGRESS_INTERVAL seconds
when stdout is not a terminal (archive/progress.py), a bar redrawn in place on one.

The commands run with stdout to a StringIO (not a terminal) and the interval at 0, so every step
prints its line: rebuild_search_index, generate_synthetic_archive, export_archive and
import_archive.
"""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import OutputWrapper

from archive.progress import Progress
from tests import factories

pytestmark = pytest.mark.django_db

# "document: 3/3 indexed (100%), 812/s, 0 s so far"
LINE = (
    r"(?m)^{label}: (?P<done>[\d,]+)/(?P<total>[\d,]+) {verb} \(\d+%\), [\d,]+/s, [\d,]+ s so far"
)


def lines(text: str, label: str, verb: str) -> list[tuple[int, int]]:
    pattern = LINE.format(label=re.escape(label), verb=verb)
    return [
        (int(m["done"].replace(",", "")), int(m["total"].replace(",", "")))
        for m in re.finditer(pattern, text)
    ]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_off_a_terminal_a_line_per_interval_and_a_summary():
    out = io.StringIO()
    progress = Progress("records", 30, out, verb="written", interval=0)
    for _ in range(3):
        progress(10)
    progress.finish()
    text = out.getvalue()
    assert lines(text, "records", "written") == [(10, 30), (20, 30), (30, 30)]
    assert "about" in text.splitlines()[0]  # time to go, while there is some
    assert re.search(r"(?m)^records: 30 written in [\d.]+ s$", text)
    assert "\r" not in text


def test_off_a_terminal_no_line_before_the_interval_has_passed():
    out = io.StringIO()
    progress = Progress("records", 30, out, interval=3600)
    progress(10)
    progress(20)
    progress.finish()
    assert out.getvalue().splitlines() == [out.getvalue().strip()]  # the summary alone
    assert out.getvalue().startswith("records: 30 indexed in ")


def test_the_interval_comes_from_the_settings(settings):
    settings.VITRINE_PROGRESS_INTERVAL = 0
    out = io.StringIO()
    Progress("persons", 2, out)(1)
    assert lines(out.getvalue(), "persons", "indexed") == [(1, 2)]


def test_on_a_terminal_the_bar_is_drawn_in_place():
    out = Terminal()
    progress = Progress("persons", 4, out, interval=0)
    progress(2)
    progress(2)
    progress.finish()
    text = out.getvalue()
    assert text.count("\r") == 2 and "[" + "#" * 30 + "]" in text
    assert not lines(text, "persons", "indexed")


def test_through_a_commands_stdout_the_bar_is_not_broken_into_lines():
    terminal = Terminal()
    progress = Progress("persons", 4, OutputWrapper(terminal), interval=0)
    progress(2)
    progress(1)
    progress.finish()
    # Two bars on one line, which the summary ends, then the summary's own line.
    assert terminal.getvalue().count("\r") == 2
    assert terminal.getvalue().count("\n") == 2


def test_a_step_of_nothing_prints_nothing():
    out = io.StringIO()
    progress = Progress("archive.place", 0, out, verb="imported", interval=0)
    progress(0)
    progress.finish()
    assert re.fullmatch(r"archive\.place: 0 imported in [\d.]+ s\n", out.getvalue())


def test_rebuild_search_index_prints_progress_lines(settings):
    settings.VITRINE_PROGRESS_INTERVAL = 0
    factories.DocumentFactory.create_batch(3)
    out = io.StringIO()
    call_command("rebuild_search_index", "document", stdout=out)
    text = out.getvalue()
    assert lines(text, "document", "indexed")[-1] == (3, 3)
    assert re.search(r"(?m)^document: 3 indexed in [\d.]+ s$", text)


def test_generate_synthetic_archive_prints_progress_lines(settings):
    settings.VITRINE_PROGRESS_INTERVAL = 0
    out = io.StringIO()
    call_command("generate_synthetic_archive", "--records", "20", "--batch-size", "5", stdout=out)
    text = out.getvalue()
    assert lines(text, "records", "written") == [(5, 20), (10, 20), (15, 20), (20, 20)]
    assert lines(text, "document", "indexed")  # and the index rebuilt after it


def test_export_and_import_archive_print_progress_lines(settings, tmp_path: Path):
    settings.VITRINE_PROGRESS_INTERVAL = 0
    factories.PersonFactory.create_batch(2)
    factories.PhotographFactory()
    path = tmp_path / "archive"

    out = io.StringIO()
    call_command("export_archive", str(path), stdout=out)
    exported = out.getvalue()
    assert lines(exported, "archive.person", "exported") == [(2, 2)]
    assert lines(exported, "archive.photograph", "exported") == [(1, 1)]
    assert lines(exported, "media", "exported")[-1] == (2, 2)  # the original and its thumbnail
    assert "archive.place: 0 exported in" in exported  # an empty table: its summary alone

    out = io.StringIO()
    call_command("import_archive", str(path), "--replace", stdout=out)
    imported = out.getvalue()
    assert lines(imported, "media", "verified")[-1] == (2, 2)
    assert lines(imported, "archive.person", "imported") == [(2, 2)]
    assert lines(imported, "media", "written")[-1] == (2, 2)
    assert lines(imported, "person", "indexed") == [(2, 2)]  # the index rebuilt
