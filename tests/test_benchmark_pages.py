"""manage.py benchmark_pages: a line per page kind on the demo and on the large set, which it
then deletes (or keeps, with --keep)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Person, Trial
from benchmarks.management.commands.benchmark_pages import (
    DEMO_PERSON,
    PAGE_KINDS,
    PREFIX,
    TARGET_KINDS,
    TARGET_MS,
)
from exhibits.models import Exhibit
from public.cite import refresh
from public.models import FormattedCitation
from search.entry import SearchEntry

pytestmark = pytest.mark.django_db

SMALL = ["--repeat", "1", "--sections", "2", "--blocks", "8", "--relations", "4"]


def _run(*args: str) -> str:
    out = StringIO()
    call_command("benchmark_pages", *SMALL, *args, stdout=out)
    return out.getvalue()


def test_prints_a_line_per_page_kind_on_the_demo_and_the_large_set():
    output = _run("--defendants", "3")
    for kind in PAGE_KINDS:
        lines = re.findall(
            rf"^{kind} +(\d+\.\d) +(\d+\.\d) +(\d+) +(\d+\.\d)  +"
            r"(?:≤20 / ≤40 +(met|MISSED) +)?/",
            output,
            re.MULTILINE,
        )
        assert len(lines) == 2, f"{kind!r} should have a line in each table:\n{output}"
        for median, p95, queries, kilobytes, verdict in lines:
            assert float(median) <= float(p95)
            assert int(queries) > 0
            assert float(kilobytes) > 0
            # Each page kind with a target is printed beside it, and its verdict is the figures'.
            if kind in TARGET_KINDS:
                met = float(median) <= TARGET_MS[0] and float(p95) <= TARGET_MS[1]
                assert verdict == ("met" if met else "MISSED"), f"{kind}:\n{output}"
            else:
                assert verdict == ""
    assert (
        len(
            re.findall(
                r"^Target ≤ 20 ms median, ≤ 40 ms p95: met by \d+ of 11 page kinds",
                output,
                re.MULTILINE,
            )
        )
        == 2
    ), output
    assert re.search(
        r"^person page, linked to 4 relations, photographs, documents and events each: "
        r"median \d+\.\d ms, \d+\.\d KB; budget ≤ 25 ms and ≤ 100 KB: (met|NOT met)$",
        output,
        re.MULTILINE,
    ), output
    assert "demo archive" in output
    # The pages measured showed their stored citations: formatted before they were measured.
    wanted = refresh.wanted_for(Person.objects.get(slug=DEMO_PERSON))
    digests = {w.digest for w in wanted}
    assert FormattedCitation.objects.filter(digest__in=digests).count() == len(digests) > 1
    assert "2 sections × 8 blocks" in output
    assert not Exhibit.objects.filter(slug__startswith=PREFIX).exists()
    assert not Person.objects.filter(slug__startswith=PREFIX).exists()


def test_keep_leaves_the_large_set_and_a_second_run_replaces_it():
    _run("--defendants", "3", "--keep")
    assert Trial.objects.get(slug__startswith=PREFIX).defendants.count() == 3
    _run("--defendants", "2", "--keep")
    assert Trial.objects.get(slug__startswith=PREFIX).defendants.count() == 2
    assert Exhibit.objects.get(slug__startswith=PREFIX).sections.count() == 2


@pytest.mark.django_db(transaction=True)
def test_clean_up_leaves_the_stored_search_counts_exact():
    """The large set is indexed and counted as it is built; deleting it must take it out of the
    stored browse counts and cells as well as out of the index."""
    from search import counts

    _run("--defendants", "2")

    def stored_counts():
        cells = sorted(row[1:] for row in counts.SearchFacetCell.objects.values_list())  # no id
        return counts.browse_counts(), cells

    stored = stored_counts()
    counts.recount()
    recounted = stored_counts()
    assert stored == recounted
    assert not SearchEntry.objects.filter(slug__startswith=PREFIX).exists()
