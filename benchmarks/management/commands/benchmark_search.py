"""Benchmark the search page: median and p95 of the whole request (results, every facet count,
rendering) beside the raw SQL that request issues, run directly, at growing archive sizes.

For each size, synthetic records are added until the archive holds that many (see
generate_synthetic_archive), then each query is requested through Django's test client:

    manage.py benchmark_search --sizes 10000,100000,1000000 --repeat 30

"median"/"p95" are first requests (Vitrine's search cache emptied before each, the database's
buffers warm); "repeated" is the same request again, answered from the search cache. Requests run
as in production: DEBUG off (no query log) and no test instrumentation of template rendering.
Use a separate database for large sizes (DATABASE_URL=postgres://…:5432/vitrine_bench).
"""

import statistics
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from archive.kinds import KINDS
from archive.models import Document, Event, Person, Photograph
from archive.progress import Progress
from benchmarks import synthetic
from benchmarks.timing import percentile, time_request
from search import best_match
from search.engine import get_backend, search
from search.index import rebuild_kinds
from search.query import SearchQuery

# Names the benchmark's query set: the terms have known selectivity in the synthetic archive.
QUERIES = [
    ("rare term", {"q": "Rykov Bukharin"}),
    ("5% term", {"q": "trial"}),
    ("15% term", {"q": "party"}),
    ("browse", {}),
]
# Browsing a year range: 1930–1935 holds about 6% of the synthetic records.
YEARS = [("browse + years 1930–1935", {"from": 1930, "to": 1935})]
# The browse pages (search.browse): a kind's page is the search with its kind fixed.
BROWSE_PAGES = [
    ("/persons/ (A–Z)", "browse-person", {}),
    ("/documents/", "browse-document", {}),
    ("/photographs/ (grid)", "browse-photograph", {}),
    ("/events/", "browse-event", {}),
    ("/subjects/", "browse-subject", {}),
    ("/collections/", "browse-collection", {}),
]
# The name searched: a synthetic person of rank 10 in the Zipf weights, linked to ~2% of records
# and found through the names in their index rows.
NAME_RANK = 10


def _server_settings() -> str:
    """The PostgreSQL setting the figures depend on most (whether the index table fits in the
    server's own buffers), to print beside them."""
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("SHOW shared_buffers")
        return f", shared_buffers {cursor.fetchone()[0]}"


def _record_count() -> int:
    return sum(
        m.objects.filter(slug__startswith=synthetic.SLUG_PREFIX).count()
        for m in (Document, Photograph, Event)
    )


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--sizes",
            default="10000",
            help="Comma-separated archive sizes to grow to and measure (default 10000).",
        )
        parser.add_argument("--repeat", type=int, default=20, help="Timed requests per query.")

    def handle(self, *args, sizes: str, repeat: int, **options) -> None:
        try:
            targets = sorted(int(s) for s in sizes.split(","))
        except ValueError:
            raise CommandError(
                "--sizes takes comma-separated integers, e.g. 10000,100000."
            ) from None
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        for target in targets:
            self._grow_to(target)
            with connection.cursor() as cursor:
                # Statistics for the planner; on PostgreSQL also the visibility map, which
                # index-only scans need (autovacuum keeps both current on a running server).
                cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
            # As served: no query log, and the test client's host allowed.
            with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
                self._measure(target, repeat)

    def _grow_to(self, target: int) -> None:
        have = _record_count()
        if have >= target:
            return
        self.stdout.write(f"Growing the synthetic archive from {have:,} to {target:,} records…")
        progress = Progress("records", target - have, sys.stdout)
        synthetic.generate(target - have, seed=target, progress=progress)
        progress.finish()
        rebuild_kinds(bar=lambda kind, total: Progress(kind, total, sys.stdout))

    def _browse_pages(self) -> list[tuple[str, str, dict]]:
        """The browse pages, then filtered browses: the persons under their commonest letter,
        the documents of their commonest decade and of a person."""
        persons = search(SearchQuery(kind=("person",), initials=True))
        letters = sorted(persons.initials, key=lambda item: -item[1])
        documents = search(SearchQuery(kind=("document",))).facets
        decades = sorted(documents["decade"], key=lambda v: -v.count)
        filtered = []
        if letters:
            filtered.append(
                (f"/persons/ letter {letters[0][0]}", "browse-person", {"letter": letters[0][0]})
            )
        if decades:
            filtered.append(
                (
                    f"/documents/ + {decades[0].value}s",
                    "browse-document",
                    {"decade": decades[0].value},
                )
            )
        if documents["person"]:
            filtered.append(
                (
                    "/documents/ + a person",
                    "browse-document",
                    {"person": documents["person"][0].value},
                )
            )
        return [*BROWSE_PAGES, *filtered]

    def _queries(self) -> list[tuple[str, dict]]:
        """The fixed queries and a name, then each again filtered by its own commonest kind and
        decade, then browsing filtered in the other ways a visitor narrows the archive: kind and
        language, the person of the name, a year range."""
        person = Person.objects.get(slug=f"{synthetic.SLUG_PREFIX}person-{NAME_RANK - 1}")
        name = person.title
        queries = [*QUERIES[:3], ("name", {"q": name}), *QUERIES[3:]]
        self.stdout.write(f"The name searched: “{name}”.")
        filtered = []
        for label, params in queries:
            facets = search(SearchQuery(text=params.get("q", ""))).facets
            kinds = [v for v in facets["kind"] if v.value != "person"] or facets["kind"]
            decades = sorted(facets["decade"], key=lambda v: -v.count)
            if kinds and decades:
                extra = {"kind": kinds[0].value, "decade": decades[0].value}
                filtered.append((f"{label} + 2 filters", {**params, **extra}))
        browse = search(SearchQuery()).facets
        kinds = [v.value for v in browse["kind"] if v.value != "person"]
        languages = [v.value for v in browse["language"] if v.value]
        narrowed = [("browse + a person", {"person": person.pk}), *YEARS]
        if kinds and languages:
            narrowed.insert(
                0, ("browse + kind, language", {"kind": kinds[0], "language": languages[0]})
            )
        return queries + filtered + narrowed

    def _measure(self, size: int, repeat: int) -> None:
        client = Client()
        self.stdout.write(
            f"\n{connection.vendor} — {_record_count():,} synthetic records, "
            f"{repeat} requests each, warm database cache{_server_settings()}; milliseconds\n"
            f"{'request':<28}{'matches':>10}{'median':>9}{'p95':>9}"
            f"{'SQL med':>9}{'SQL p95':>9}{'× SQL':>7}{'repeated':>10}{'queries':>9}"
        )
        requests = [("search", label, params) for label, params in self._queries()]
        requests += [(name, label, params) for label, name, params in self._browse_pages()]
        for name, label, params in requests:
            self._measure_request(client, reverse(name), label, params, repeat)
        self._measure_best_match(repeat)
        reset_queries()

    def _measure_best_match(self, repeat: int) -> None:
        """The best-match lookup alone (search.best_match), as every first page of a text search
        runs it: for a person's name, and for common words that name nothing."""
        backend = get_backend()
        person = Person.objects.get(slug=f"{synthetic.SLUG_PREFIX}person-{NAME_RANK - 1}")
        self.stdout.write(f"\n{'best-match lookup':<28}{'found':>10}{'median':>9}{'p95':>9}")
        for label, text in (("a name", person.title), ("5% term", "trial"), ("15% term", "party")):
            query = SearchQuery(text=text)
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                with backend.snapshot():
                    match = best_match.find(query, backend.name_match)
                timings.append((time.perf_counter() - started) * 1000)
            self.stdout.write(
                f"{label:<28}{(match.kind if match else '—'):>10}"
                f"{statistics.median(timings):>9.1f}{percentile(timings, 0.95):>9.1f}"
            )

    def _measure_request(
        self, client: Client, url: str, label: str, params: dict, repeat: int
    ) -> None:
        """One request's figures: first requests and their SQL, then repeated ones."""
        timed = time_request(client, url, params, repeat, label)
        matches = "—"
        kind = next((k for k in KINDS if url == reverse(f"browse-{k.name}")), None)
        if url == reverse("search") or kind:
            json_params = {**params, "kind": kind.name} if kind else params
            matches = f"{client.get(reverse('search-json'), json_params).json()['total']:,}"
        first, sql = statistics.median(timed.first), statistics.median(timed.sql)
        self.stdout.write(
            f"{label:<28}{matches:>10}{first:>9.1f}"
            f"{percentile(timed.first, 0.95):>9.1f}{sql:>9.1f}"
            f"{percentile(timed.sql, 0.95):>9.1f}{first / sql:>7.2f}"
            f"{statistics.median(timed.repeated):>10.1f}{len(timed.statements):>9}"
        )
