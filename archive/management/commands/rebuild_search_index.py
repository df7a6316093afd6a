"""Rebuild the search index from the records: every kind, or those named, with a progress bar."""

import sys
import time

from django.core.management.base import BaseCommand

from archive.search.index import KINDS, rebuild


class Progress:
    """A one-line progress bar on a terminal; plain lines otherwise."""

    def __init__(self, label: str, total: int, stream) -> None:
        self.label, self.total, self.done, self.stream = label, max(total, 1), 0, stream
        self.started = time.monotonic()
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, count: int) -> None:
        self.done += count
        if self.tty:
            width = 30
            filled = int(width * self.done / self.total)
            rate = self.done / max(time.monotonic() - self.started, 1e-6)
            self.stream.write(
                f"\r{self.label:<11} [{'#' * filled}{'.' * (width - filled)}] "
                f"{self.done:>9,}/{self.total:,}  {rate:,.0f}/s"
            )
            self.stream.flush()

    def finish(self) -> None:
        elapsed = time.monotonic() - self.started
        end = "\n" if self.tty else ""
        self.stream.write(f"{end}{self.label}: {self.done:,} indexed in {elapsed:.1f} s\n")


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "kinds", nargs="*", choices=list(KINDS), help="Kinds to rebuild (default: all)."
        )

    def handle(self, *args, kinds: list[str], **options) -> None:
        for kind in kinds or list(KINDS):
            progress = Progress(kind, KINDS[kind].model.objects.count(), sys.stdout)
            rebuild(kind, progress=progress)
            progress.finish()
