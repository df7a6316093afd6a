"""Benchmark the site under an IIIF flood: the home page's median while clients ask, as fast as they
can, for upscaled images nobody asked for before (the attack of issue 19).

    manage.py benchmark_iiif_flood [--width 2000 --height 1500] [--clients 4] [--samples 40]

Stores a photograph-like JPEG of the given size as a published photograph ("bench-iiif-flood"),
collects the static files into a temporary folder and serves the project as `make serve` does:
gunicorn with 2 sync workers and DEBUG off, on a free local port, with the environment of this
command (so the same database and media), its render slots in a temporary folder and
BEHIND_PROXY=1. Then it requests the home page --samples times one after another:

1. idle;
2. while --clients threads request `full/^<w>,/33/gray.webp` with a new width each time, all
   from this machine's address (so the rate limit applies to them);
3. the same, each flood request naming a new client address in X-Forwarded-For, as a crowd of
   machines would (the rate limit never applies; only the render slots protect the pages).

It prints the home page's median and 90th percentile in each phase, the ratio of each flood
median to the idle one (the target is under 3), and what the flood requests were answered (200
drawn, 429 rate-limited, 503 no render slot). The photograph and its files are deleted at the
end. Use a development database: the command writes to the database it is given.
"""

import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from archive.models import Photograph, Status
from benchmarks.management.commands.benchmark_iiif import draw_original
from benchmarks.timing import percentile

SLUG = "bench-iiif-flood"
START_TIMEOUT = 60  # seconds for gunicorn to answer its first request
REQUEST_TIMEOUT = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, headers: dict[str, str] | None = None) -> int:
    """GET `url` and read the whole answer; returns its status (HTTP errors are answers too)."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (local http)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


class Flood:
    """`clients` threads requesting fresh upscaled images until stopped; counts the answers."""

    def __init__(self, base: str, clients: int, width: int, many_addresses: bool) -> None:
        self.base, self.clients, self.width = base, clients, width
        self.many_addresses = many_addresses
        self.answers: Counter[int] = Counter()
        self._number = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._started = 0.0
        self.seconds = 0.0  # how long it ran

    def _next(self) -> tuple[str, dict[str, str]]:
        with self._lock:
            self._number += 1
            number = self._number
        # Widths above the original's (upscaled), each new; the angle changes once they run out.
        span = self.width
        width, turn = self.width + 1 + number % span, 33 + number // span
        url = f"{self.base}/iiif/image/{SLUG}/full/^{width},/{turn % 360}/gray.webp"
        headers = {}
        if self.many_addresses:
            address = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
            headers["X-Forwarded-For"] = address
        return url, headers

    def _run(self) -> None:
        while not self._stop.is_set():
            url, headers = self._next()
            try:
                status = fetch(url, headers)
            except OSError:
                status = 0  # no answer (timeout, reset)
            with self._lock:
                self.answers[status] += 1

    def __enter__(self) -> "Flood":
        self._started = time.monotonic()
        for _ in range(self.clients):
            thread = threading.Thread(target=self._run, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=REQUEST_TIMEOUT)
        self.seconds = time.monotonic() - self._started


class Command(BaseCommand):
    help = "The home page's median, idle and while clients flood the IIIF service."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--width", type=int, default=2000, help="original width (pixels)")
        parser.add_argument("--height", type=int, default=1500, help="original height")
        parser.add_argument("--clients", type=int, default=4, help="flooding threads")
        parser.add_argument("--samples", type=int, default=40, help="home page requests a phase")
        parser.add_argument(
            "--warm-up", type=float, default=3.0, help="seconds of flood before sampling"
        )

    def handle(self, *args, width: int, height: int, clients: int, samples: int, **options):
        if samples < 1 or clients < 1:
            raise CommandError("--samples and --clients must be at least 1.")
        Photograph.objects.filter(slug=SLUG).delete()
        photograph = Photograph.objects.create(
            slug=SLUG,
            title="IIIF flood benchmark original",
            alt_text="Noise and gradients drawn for the IIIF flood benchmark.",
            status=Status.PUBLISHED,
            image=ContentFile(draw_original(width, height), name=f"{SLUG}.jpg"),
        )
        try:
            with (
                tempfile.TemporaryDirectory(prefix="vitrine-flood-") as folder,
                self.serve(Path(folder)) as base,
            ):
                self.measure(base, width, clients, samples, options["warm_up"])
        finally:
            photograph.delete()  # its files go once the deletion commits

    @contextmanager
    def serve(self, folder: Path) -> Iterator[str]:
        """gunicorn, 2 workers, DEBUG off, on a free port; yields its base URL once it answers."""
        env = dict(os.environ)
        env.update(
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            BEHIND_PROXY="1",
            STATIC_ROOT=str(folder / "static"),
            IIIF_RENDER_LOCK_DIR=str(folder / "iiif-render"),
        )
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
        )
        base = f"http://127.0.0.1:{_free_port()}"
        log_path = folder / "gunicorn.log"
        with log_path.open("w") as log:
            server = subprocess.Popen(  # noqa: S603 (fixed arguments)
                [
                    *(sys.executable, "-m", "gunicorn", "config.wsgi", f"--bind={base[7:]}"),
                    # As `make serve`, with a control socket of its own.
                    *("--workers=2", "--access-logfile=-", "--no-control-socket"),
                ],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                if server.poll() is not None:
                    raise CommandError(f"gunicorn exited:\n{log_path.read_text()}")
                try:
                    fetch(base + "/")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        log = log_path.read_text()
                        raise CommandError(f"gunicorn did not answer:\n{log}") from None
                    time.sleep(0.2)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    def home(self, base: str, samples: int) -> list[float]:
        """Milliseconds of `samples` home page requests, one after another."""
        times = []
        for _ in range(samples):
            started = time.perf_counter()
            status = fetch(base + "/")
            times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise CommandError(f"The home page answered {status}.")
        return times

    def measure(self, base: str, width: int, clients: int, samples: int, warm_up: float) -> None:
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        self.stdout.write(f"{os.cpu_count()} CPUs, load average {load} (1, 5, 15 minutes)")
        self.home(base, 3)  # both workers started, templates compiled
        idle = statistics.median(self.home(base, samples))
        self.stdout.write(f"{'home page':<46}{'median':>9}{'p90':>9}{'× idle':>8}  (ms)")
        self.stdout.write(f"{'idle':<46}{idle:>9.1f}")
        for label, many in (
            (f"{clients} clients flooding from one address", False),
            (f"{clients} clients flooding, a new address a request", True),
        ):
            with Flood(base, clients, width, many_addresses=many) as flood:
                time.sleep(warm_up)
                times = self.home(base, samples)
            median = statistics.median(times)
            self.stdout.write(
                f"{label:<46}{median:>9.1f}{percentile(times, 0.9):>9.1f}{median / idle:>8.2f}"
            )
            answers = sorted(flood.answers.items())
            counts = ", ".join(f"{count} × {status or 'no answer'}" for status, count in answers)
            self.stdout.write(
                f"  {sum(flood.answers.values())} flood requests in {flood.seconds:.0f} s: {counts}"
            )
