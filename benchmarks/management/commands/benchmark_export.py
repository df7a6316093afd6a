"""Time the whole-archive export of this database and measure its memory, to show it streams.

Runs the export twice into a temporary place: once timed (nothing else measured), once under
tracemalloc for the peak of Python allocations; prints both with the process's peak RSS. Build a
large archive first with `generate_synthetic_archive --records 100000` (on a separate database).
"""

import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from django.core.management.base import BaseCommand

from archive.kinds import RECORD_MODELS
from transfer.portable.exporter import export_archive


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("--zip", action="store_true", help="Export to a zip file.")

    def handle(self, *args, zip: bool, **options) -> None:
        records = sum(model.objects.count() for model in RECORD_MODELS)
        self.stdout.write(f"{records:,} records ({'zip' if zip else 'directory'}).")
        rss_before = _rss_mb()
        with tempfile.TemporaryDirectory(prefix="vitrine-export-") as folder:
            target = Path(folder) / ("timed.zip" if zip else "timed")
            started = time.perf_counter()
            manifest = export_archive(target)
            elapsed = time.perf_counter() - started
            rows = sum(entry["rows"] for entry in manifest["files"])
            size = _size(target)
            rss_after = _rss_mb()

            tracemalloc.start()
            export_archive(Path(folder) / ("traced.zip" if zip else "traced"))
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        self.stdout.write(
            f"Exported {rows:,} rows and {manifest['media']['files']:,} media files "
            f"({size / 1e6:,.1f} MB) in {elapsed:.1f} s ({rows / max(elapsed, 1e-9):,.0f} rows/s)."
        )
        self.stdout.write(f"Peak Python allocations during the export: {peak / 1e6:.1f} MB.")
        self.stdout.write(
            f"Peak RSS of the process: {rss_before:.0f} MB before, {rss_after:.0f} MB after."
        )
