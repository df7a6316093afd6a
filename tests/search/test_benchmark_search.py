"""`manage.py benchmark_search` grows a synthetic archive and prints each request's figures."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from archive.models import Person
from search.engine import search
from search.query import SearchQuery

pytestmark = pytest.mark.django_db(transaction=True)

ROW = re.compile(
    r"^(?P<label>.+?)\s+(?P<matches>[\d,]+)(?:\s+[\d.]+){6}\s+(?P<queries>\d+)$", re.MULTILINE
)


def test_benchmark_grows_the_archive_and_measures_every_request():
    out = io.StringIO()
    call_command("benchmark_search", "--sizes", "200", "--repeat", "2", stdout=out)
    rows = {m["label"]: m for m in ROW.finditer(out.getvalue())}
    assert {"rare term", "5% term", "15% term", "name", "browse"} <= rows.keys()
    assert {"browse + kind, language", "browse + a person", "browse + years 1930–1935"} <= (
        rows.keys()
    )
    # The matches printed are the public totals the search itself reports.
    assert int(rows["browse"]["matches"].replace(",", "")) == search(SearchQuery()).total
    assert int(rows["15% term"]["matches"].replace(",", "")) == (
        search(SearchQuery(text="party")).total
    )
    # On PostgreSQL the figures say what the server's buffers were.
    assert ("shared_buffers" in out.getvalue()) == (connection.vendor == "postgresql")
    # "name" searches the name of a synthetic person that records link to.
    name = re.search(r"The name searched: “(.+)”", out.getvalue())[1]
    person = Person.objects.get(title=name, slug__startswith="syn-")
    assert int(rows["name"]["matches"].replace(",", "")) == search(SearchQuery(text=name)).total
    assert search(SearchQuery(person=(person.pk,))).total > 0
    assert int(rows["browse + a person"]["matches"].replace(",", "")) == (
        search(SearchQuery(person=(person.pk,))).total
    )
    assert all(int(row["queries"]) >= 1 for row in rows.values())
    # The browse pages, and the best-match lookup alone.
    assert {"/persons/ (A–Z)", "/documents/", "/photographs/ (grid)", "/events/"} <= rows.keys()
    assert int(rows["/documents/"]["matches"].replace(",", "")) == (
        search(SearchQuery(kind=("document",))).total
    )
    assert any(label.startswith("/documents/ + ") for label in rows)
    assert re.search(r"^/subjects/\s+—(?:\s+[\d.]+){6}\s+\d+$", out.getvalue(), re.MULTILINE)
    assert re.search(r"^a name\s+person\s+[\d.]+\s+[\d.]+$", out.getvalue(), re.MULTILINE)
    assert re.search(r"^15% term\s+—\s+[\d.]+\s+[\d.]+$", out.getvalue(), re.MULTILINE)


def test_benchmark_rejects_bad_arguments():
    with pytest.raises(CommandError, match="comma-separated"):
        call_command("benchmark_search", "--sizes", "ten", stdout=io.StringIO())
    with pytest.raises(CommandError, match="at least 1"):
        call_command("benchmark_search", "--repeat", "0", stdout=io.StringIO())
