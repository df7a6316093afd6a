"""manage.py benchmark_stack, for real and briefly: nginx, gunicorn, the task worker and wrk on
the demo, each wrk run a second long; every row is printed with a number, and its verdict is
that number's."""

import re
import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.demo.loader import load_demo_archive
from benchmarks import nginx
from benchmarks.stack import parse_wrk
from exhibits.demo import load_demo_exhibits
from search import index

needs_wrk_and_nginx = pytest.mark.skipif(
    shutil.which("wrk") is None or not nginx.NGINX.exists(),
    reason="wrk or nginx is not installed here (Debian's packages `wrk` and `nginx`; CI installs "
    "both)",
)
# Each row: its label, and its target (None: a figure without one).
ROWS = [
    ("static file (hashed CSS, sent by nginx)", None),
    ("cached home page", None),
    ("  as a share of the static file", ("≥ 50%", lambda x: x >= 50)),
    ("cached record page (person)", None),
    ("uncached section page (rendered each time)", ("≥ 150", lambda x: x >= 150)),
    ("first request of a fresh worker (person page)", ("≤ 1000", lambda x: x <= 1000)),
    ("  from starting gunicorn to that answer", None),
    ("mix of 13 pages, 4 connections × 1 s", None),
    ("  requests", None),
    ("  errors (non-2xx/3xx, socket errors)", ("0", lambda x: x == 0)),
    ("  gunicorn worker timeouts", ("0", lambda x: x == 0)),
    ("pages crawled from the sitemap", None),
    ("  of which not answered 200", ("0", lambda x: x == 0)),
    ("  PSS of gunicorn (3 processes)", None),
    ("  PSS of task worker (1 process)", None),
    ("memory of the whole app (PSS)", ("≤ 600", lambda x: x <= 600)),
]


def _figures(output: str, label: str) -> list[tuple[float, str, str]]:
    """(figure, target, verdict) of each line printed for `label`."""
    found = re.findall(
        rf"^{re.escape(label)} +(\d+(?:\.\d)?)(?: (?:req/s|ms|MB|%))? *"
        r"(?:(\S+(?: \S+)?) +(met|MISSED))?$",
        output,
        re.MULTILINE,
    )
    return [(float(figure), target, verdict) for figure, target, verdict in found]


@needs_wrk_and_nginx
@pytest.mark.django_db(transaction=True)
def test_prints_every_figure_beside_its_target():
    load_demo_archive()
    load_demo_exhibits()
    index.rebuild_kinds()
    out = StringIO()
    call_command(
        "benchmark_stack",
        "--duration=1",
        "--connections=4",
        "--rate-duration=1",
        "--rate-connections=2",
        stdout=out,
    )
    output = out.getvalue()
    for label, target in ROWS:
        lines = _figures(output, label)
        assert lines, f"no line for {label!r}:\n{output}"
        for figure, printed_target, verdict in lines:
            if target is None:
                assert (printed_target, verdict) == ("", ""), output
            else:
                text, met = target
                assert printed_target == text, output
                assert verdict == ("met" if met(figure) else "MISSED"), output
    # Two cached pages, each with its share; the figures are the stack's, served for real.
    assert len(_figures(output, "  as a share of the static file")) == 2
    [(requests, _, _)] = _figures(output, "  requests")
    assert requests > 0
    assert _figures(output, "  errors (non-2xx/3xx, socket errors)")[0][0] == 0
    assert _figures(output, "  of which not answered 200")[0][0] == 0
    [(crawled, _, _)] = _figures(output, "pages crawled from the sitemap")
    assert crawled > 50  # the demo's records, exhibits and sections
    [(gunicorn_mb, _, _)] = _figures(output, "  PSS of gunicorn (3 processes)")
    assert gunicorn_mb > 30


def test_says_so_when_wrk_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing to run here
    with pytest.raises(CommandError, match="wrk is not installed"):
        call_command("benchmark_stack", stdout=StringIO())


def test_reads_wrks_report():
    report = """Running 10s test @ http://127.0.0.1:8080/
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   120.10ms   30.02ms 400.00ms   70.00%
    Req/Sec   210.50     40.10   300.00     65.00%
  4213 requests in 10.01s, 40.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 5
Requests/sec:    420.88
Transfer/sec:      4.01MB
"""
    result = parse_wrk(report)
    assert (result.requests, result.requests_per_second) == (4213, 420.88)
    assert (result.non_2xx_3xx, result.socket_errors, result.errors) == (5, 3, 8)
    clean = parse_wrk(
        report.replace("  Socket errors: connect 0, read 2, write 0, timeout 1\n", "").replace(
            "  Non-2xx or 3xx responses: 5\n", ""
        )
    )
    assert clean.errors == 0
