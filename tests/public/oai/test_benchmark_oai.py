"""`manage.py benchmark_oai` harvests the whole repository page by page and prints its figures."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from tests.public.oai.test_paging import make_archive

pytestmark = pytest.mark.django_db


def test_benchmark_harvests_everything_and_prints_figures():
    make_archive(2)  # 10 public records
    out = io.StringIO()
    call_command("benchmark_oai", "--page-size", "3", stdout=out)
    text = out.getvalue()
    assert "ListRecords" in text
    assert "10 records (0 deleted) in 4 pages" in text
    assert re.search(r"page: median [\d.]+ ms, p95 [\d.]+ ms", text)
    assert re.search(r"queries per page \d+–\d+", text)
    # Held to issue 18's target only for pages of 100.
    assert re.search(
        r"^target ≤ 60 ms a page of 100, constant queries: median [\d.]+ ms for pages of 3; "
        r"queries of the pages between the first and the last \d+–\d+ \((NOT )?constant\): "
        r"not comparable$",
        text,
        re.MULTILINE,
    ), text


def test_pages_of_one_kind_issue_the_same_queries_at_any_depth():
    """A page's queries depend on the kinds of record on it, not on how deep it is."""
    make_archive(5)
    out = io.StringIO()
    call_command("benchmark_oai", "--set", "kind:person", "--page-size", "1", stdout=out)
    text = out.getvalue()
    assert "5 records (0 deleted) in 5 pages" in text
    assert re.search(
        r"queries of the pages between the first and the last (\d+)–\1 \(constant\)", text
    ), text


def test_benchmark_of_identifiers_in_one_set():
    make_archive(2)
    out = io.StringIO()
    call_command(
        "benchmark_oai",
        "--verb",
        "ListIdentifiers",
        "--set",
        "kind:event",
        "--no-analyze",
        stdout=out,
    )
    assert "2 records (0 deleted) in 1 page" in out.getvalue()


def test_benchmark_reports_protocol_errors():
    with pytest.raises(CommandError, match="noRecordsMatch"):
        call_command("benchmark_oai", stdout=io.StringIO())
    with pytest.raises(CommandError, match="page-size"):
        call_command("benchmark_oai", "--page-size", "0", stdout=io.StringIO())
