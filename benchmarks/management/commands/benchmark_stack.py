"""Benchmark the production stack on this machine and print each figure beside its target
(issue 18): nginx with deploy/nginx/vitrine.conf in front of gunicorn (config.wsgi, 2 workers on
a unix socket, DEBUG off), the task worker beside them, load from wrk.

    manage.py benchmark_stack                        # the mix for 60 s, each rate for 10 s
    manage.py benchmark_stack --duration 5 --rate-duration 3

Run it on a database with the demo (`manage.py load_demo`) and its citations
(`manage.py render_citations`; the pages measured get theirs stored first in any case), e.g.
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/vitrine_bench`. It collects static files into
a temporary directory and starts its own processes (benchmarks.stack), stopping them all at the
end. Needs `wrk` (Debian: `apt-get install wrk`) and nginx (/usr/sbin/nginx). Each process has
its own in-memory cache (no CACHE_URL), as on a server without Redis.

What is measured, in order:
- requests per second, --rate-connections at once, of a hashed static file (sent by nginx), of
  the home page and of a record page from the page cache (checked: `X-Page-Cache: hit`), and
  the pages' share of the static file's rate;
- requests per second of an exhibit section rendered by Django each time: gunicorn restarted
  with VITRINE_PAGE_CACHE=0 (checked: no X-Page-Cache header), the other caches warm;
- the first request of a fresh worker: gunicorn restarted, both workers left to load the
  application and go idle, then one request of a person page timed through nginx (also given:
  from starting gunicorn to that answer);
- a mix of pages (home, browse, search, a record of each kind, an exhibit and a section, the
  timeline, a IIIF manifest, an OAI-PMH ListRecords page) at --connections for --duration: its
  errors (wrk's non-2xx/3xx answers and socket errors; wrk's timeout is gunicorn's, 30 s) and
  gunicorn's "WORKER TIMEOUT" lines;
- memory: after a crawl of every page in the sitemap, the sum of the proportional set sizes
  (PSS, /proc/<pid>/smaps_rollup) of gunicorn's master and workers, the task worker and any
  Node.js process below them.
"""

import re
import tempfile
import time
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from archive.models import Document, Event, Person, Photograph, Trial
from benchmarks import nginx
from benchmarks.citations import store_citations
from benchmarks.stack import Stack, StackError, wrk_path
from exhibits.models import Exhibit

# Issue 18's targets.
SHARE_TARGET = 0.5  # a cached page's req/s as a share of a static file's
UNCACHED_SECTION_TARGET = 150.0  # req/s
FIRST_REQUEST_TARGET = 1000.0  # ms
MEMORY_TARGET = 600.0  # MB
# The demo's pages measured.
DEMO = {
    Person: "nikolai-bukharin",
    Document: "abc-of-communism",
    Photograph: "bukharin-congress-of-educators-1925",
    Trial: "trial-of-the-twenty-one",
    Event: "1938-trial-of-the-twenty-one",
}
DEMO_EXHIBIT = ("nikolai-bukharin-a-life", "theorist-and-editor")


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--duration", type=int, default=60, help="Seconds of the mix of pages (default 60)."
        )
        parser.add_argument(
            "--connections",
            type=int,
            default=50,
            help="Connections at once for the mix of pages (default 50).",
        )
        parser.add_argument(
            "--rate-duration",
            type=int,
            default=10,
            help="Seconds of each requests-per-second run (default 10).",
        )
        parser.add_argument(
            "--rate-connections",
            type=int,
            default=10,
            help="Connections at once for each requests-per-second run (default 10).",
        )

    def handle(self, *args, **options) -> None:
        if (
            min(options[name] for name in options if "duration" in name or "connections" in name)
            < 1
        ):
            raise CommandError("Every duration and number of connections must be at least 1.")
        if wrk_path() is None:
            raise CommandError(
                "wrk is not installed: it makes the load (Debian: apt-get install wrk)."
            )
        if not nginx.NGINX.exists():
            raise CommandError(
                f"nginx is not installed ({nginx.NGINX}; Debian: apt-get install nginx)."
            )
        objects, pages = self._pages()
        added = store_citations(objects)
        self.stdout.write(
            f"Citations of the pages measured: {added} formatted now, the rest were stored."
        )
        with tempfile.TemporaryDirectory(prefix="vitrine-stack-") as directory:
            try:
                stack = Stack.prepare(Path(directory))
                with stack:
                    self._benchmark(stack, pages, **options)
            except StackError as exc:
                raise CommandError(str(exc)) from exc

    def _pages(self) -> tuple[list, dict[str, str]]:
        """The demo's objects whose citations the pages show, and the pages by name."""
        try:
            records = {model: model.objects.get(slug=slug) for model, slug in DEMO.items()}
            exhibit = Exhibit.objects.get(slug=DEMO_EXHIBIT[0])
            section = exhibit.sections.get(slug=DEMO_EXHIBIT[1])
        except ObjectDoesNotExist as exc:
            raise CommandError(f"The demo is missing ({exc}): run manage.py load_demo.") from exc
        document = Document.objects.filter(page_images__isnull=False).first()
        if document is None:
            raise CommandError("The demo has no document with pages: run manage.py load_demo.")
        pages = {
            "home": reverse("archive:home"),
            "browse": reverse("browse-document"),
            "search": reverse("search") + "?q=Bukharin",
            **{
                model._meta.model_name: record.get_absolute_url()
                for model, record in records.items()
            },
            "exhibit": exhibit.get_absolute_url(),
            "section": section.get_absolute_url(),
            "timeline": reverse("archive:timeline"),
            "IIIF manifest": reverse("iiif:document-manifest", args=[document.slug]),
            "OAI-PMH": reverse("oai:endpoint") + "?verb=ListRecords&metadataPrefix=oai_dc",
        }
        return [*records.values(), exhibit, section], pages

    def _row(
        self, label: str, figure: float, unit: str, target: str = "", met: bool | None = None
    ) -> None:
        verdict = "" if met is None else ("met" if met else "MISSED")
        text = f"{figure:>10}" if isinstance(figure, int) else f"{figure:>10.1f}"
        self.stdout.write(f"{label:<50}{text} {unit:<6}{target:<12}{verdict}".rstrip())
        self.stdout.flush()

    def _benchmark(self, stack: Stack, pages: dict[str, str], **options) -> None:
        stack.start_proxy()
        stack.start_worker()
        stack.start_web()
        rate = {"duration": options["rate_duration"], "connections": options["rate_connections"]}
        self.stdout.write(
            f"\nnginx + gunicorn (2 workers) + task worker on 127.0.0.1:{stack.port}; "
            f"rates with {rate['connections']} connections for {rate['duration']} s each\n"
            f"{'measure':<50}{'figure':>10} {'unit':<6}{'target':<12}verdict"
        )

        # Static file, and cached pages as a share of it.
        home = stack.get(pages["home"])
        match = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home.content())
        if home.status != 200 or not match:
            raise CommandError(f"the home page answered {home.status} without a hashed stylesheet")
        static = stack.wrk([match.group(1).decode()], **rate).requests_per_second
        self._row("static file (hashed CSS, sent by nginx)", static, "req/s")
        for name, label in (("home", "home page"), ("person", "record page (person)")):
            self._cached(stack, pages[name])
            result = stack.wrk([pages[name]], **rate).requests_per_second
            self._row(f"cached {label}", result, "req/s")
            share = result / static
            self._row(
                "  as a share of the static file",
                share * 100,
                "%",
                f"≥ {SHARE_TARGET:.0%}",
                share >= SHARE_TARGET,
            )

        # Uncached section: the page cache off.
        stack.start_web(page_cache=False)
        answer = stack.get(pages["section"])
        if answer.status != 200 or "X-Page-Cache" in answer.headers:
            raise CommandError(
                f"section {pages['section']}: {answer.status}, "
                f"X-Page-Cache {answer.headers.get('X-Page-Cache')!r} with the page cache off"
            )
        result = stack.wrk([pages["section"]], **rate).requests_per_second
        self._row(
            "uncached section page (rendered each time)",
            result,
            "req/s",
            f"≥ {UNCACHED_SECTION_TARGET:.0f}",
            result >= UNCACHED_SECTION_TARGET,
        )

        # First request of a fresh worker.
        started = time.perf_counter()
        stack.start_web(warm=False)
        first = stack.get(pages["person"])
        since_start = (time.perf_counter() - started) * 1000
        if first.status != 200:
            raise CommandError(f"person page {pages['person']}: HTTP {first.status}")
        self._row(
            "first request of a fresh worker (person page)",
            first.seconds * 1000,
            "ms",
            f"≤ {FIRST_REQUEST_TARGET:.0f}",
            first.seconds * 1000 <= FIRST_REQUEST_TARGET,
        )
        self._row("  from starting gunicorn to that answer", since_start, "ms")

        # A mix of pages under load.
        paths = list(pages.values())
        for path in paths:
            answer = stack.get(path)
            if answer.status != 200:
                raise CommandError(f"{path}: HTTP {answer.status}")
        timeouts_before = stack.worker_timeouts()
        mix = stack.wrk(paths, duration=options["duration"], connections=options["connections"])
        self._row(
            f"mix of {len(paths)} pages, {options['connections']} connections × "
            f"{options['duration']} s",
            mix.requests_per_second,
            "req/s",
        )
        self._row("  requests", mix.requests, "")
        self._row("  errors (non-2xx/3xx, socket errors)", mix.errors, "", "0", mix.errors == 0)
        timeouts = stack.worker_timeouts() - timeouts_before
        self._row("  gunicorn worker timeouts", timeouts, "", "0", timeouts == 0)

        # Memory after a crawl of every public page.
        crawled, failed = stack.crawl()
        self._row("pages crawled from the sitemap", crawled, "")
        self._row("  of which not answered 200", failed, "", "0", failed == 0)
        total = 0.0
        for group, (kib, count) in stack.memory().items():
            megabytes = kib / 1024
            total += megabytes
            self._row(
                f"  PSS of {group} ({count} process{'es' if count != 1 else ''})", megabytes, "MB"
            )
        self._row(
            "memory of the whole app (PSS)",
            total,
            "MB",
            f"≤ {MEMORY_TARGET:.0f}",
            total <= MEMORY_TARGET,
        )

    def _cached(self, stack: Stack, path: str) -> None:
        """Request `path` until both workers have it in their page cache; fail if it is not
        cached (a page without its stored citations is not kept)."""
        for _ in range(6):
            answer = stack.get(path)
        if answer.headers.get("X-Page-Cache") != "hit":
            raise CommandError(
                f"{path} is not served from the page cache "
                f"(X-Page-Cache {answer.headers.get('X-Page-Cache')!r})"
            )
