"""Benchmark an OAI-PMH harvest: ListRecords (or ListIdentifiers) page by page through Django's
test client until the list ends, then print the total time, the number of pages and records, the
median and p95 time of a page, the median of the first and of the last tenth of the pages (they
should be alike: a page's cost does not grow with its depth) and the range of SQL queries per page.

    manage.py benchmark_oai                      # the whole repository as oai_dc
    manage.py benchmark_oai --verb ListIdentifiers --set kind:document --page-size 500

A ListRecords harvest is then held to issue 18's target (TARGET_MS): a page of 100 records in
≤ 60 ms (median), its queries constant — every page after the first (which counts the list) and
before the last issues the same number of queries, however deep in the list.

Pages are as large as OAI_PAGE_SIZE unless --page-size overrides it for this run. The command
runs ANALYZE first (as autovacuum does after a bulk load such as generate_synthetic_archive), so
the planner knows the tables' sizes; --no-analyze skips it.
"""

import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from benchmarks.management.commands.benchmark_pages import django_test_environment
from public.oai.xml import OAI

NS = {"oai": OAI}
# Issue 18: a ListRecords page of TARGET_PAGE_SIZE records, median milliseconds.
TARGET_MS = 60.0
TARGET_PAGE_SIZE = 100


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--verb", choices=["ListRecords", "ListIdentifiers"], default="ListRecords"
        )
        parser.add_argument("--set", dest="set_spec", help="Harvest one set only.")
        parser.add_argument("--page-size", type=int, help="Records per page (OAI_PAGE_SIZE).")
        parser.add_argument("--limit", type=int, help="Stop after this many pages.")
        parser.add_argument("--no-analyze", action="store_true", help="Skip ANALYZE.")

    def handle(self, *args, verb: str, set_spec: str | None, **options) -> None:
        page_size = options["page_size"]
        if page_size is not None and page_size < 1:
            raise CommandError("--page-size must be at least 1.")
        settings_override = {"OAI_PAGE_SIZE": page_size} if page_size else {}
        if not options["no_analyze"]:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        with django_test_environment(), override_settings(**settings_override):
            self.harvest(verb, set_spec, options["limit"])

    def harvest(self, verb: str, set_spec: str | None, limit: int | None) -> None:
        client = Client()
        url = reverse("oai:endpoint")
        params = {"verb": verb, "metadataPrefix": "oai_dc"}
        if set_spec:
            params["set"] = set_spec
        times: list[float] = []
        queries: list[int] = []
        records = deleted = 0
        started = time.perf_counter()
        while True:
            with CaptureQueriesContext(connection) as captured:
                before = time.perf_counter()
                response = client.get(url, params)
                times.append((time.perf_counter() - before) * 1000)
            queries.append(len(captured))
            root = etree.fromstring(response.content)
            error = root.find("oai:error", NS)
            if error is not None:
                raise CommandError(f"{error.get('code')}: {error.text}")
            headers = root.findall(f".//oai:{verb}//oai:header", NS)
            records += len(headers)
            deleted += sum(1 for header in headers if header.get("status") == "deleted")
            token = root.find(f"oai:{verb}/oai:resumptionToken", NS)
            if token is None or not token.text or (limit and len(times) >= limit):
                break
            params = {"verb": verb, "resumptionToken": token.text}
        total = time.perf_counter() - started
        ordered = sorted(times)
        tenth = max(1, len(times) // 10)  # deep pages cost what early ones do: keyset paging
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        self.stdout.write(
            f"{verb} on {connection.vendor}: {records:,} records ({deleted:,} deleted) "
            f"in {len(times):,} page{'s' if len(times) > 1 else ''}, {total:.1f} s total "
            f"({records / total:,.0f} records/s)\n"
            f"page: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
            f"first {times[0]:.1f} ms; median of the first and last tenth of the pages "
            f"{statistics.median(times[:tenth]):.1f} / {statistics.median(times[-tenth:]):.1f} ms; "
            f"queries per page {min(queries)}–{max(queries)}"
        )
        if verb == "ListRecords":
            self.target(statistics.median(times), queries)

    def target(self, median: float, queries: list[int]) -> None:
        """The harvest's pages beside issue 18's target (TARGET_MS, constant queries)."""
        middle = queries[1:-1]  # the first page counts the list; the last may be short
        constant = len(set(middle)) <= 1
        size = settings.OAI_PAGE_SIZE
        met = median <= TARGET_MS and constant and len(middle) > 0
        self.stdout.write(
            f"target ≤ {TARGET_MS:.0f} ms a page of {TARGET_PAGE_SIZE}, constant queries: "
            f"median {median:.1f} ms for pages of {size}; queries of the pages between the "
            f"first and the last "
            + (
                f"{min(middle)}–{max(middle)} ({'constant' if constant else 'NOT constant'})"
                if middle
                else "— (fewer than 3 pages)"
            )
            + (
                f": {'met' if met else 'MISSED'}"
                if size == TARGET_PAGE_SIZE
                else ": not comparable"
            )
        )
