"""Generate a synthetic archive for benchmarks, in batches with a progress bar, then index it
(the progress shows as a line every VITRINE_PROGRESS_INTERVAL seconds when not on a terminal).

Synthetic rows have slugs starting with "syn-"; `--clear` removes them (slow on a large archive:
use a separate database for large benchmarks, e.g. DATABASE_URL=postgres://…/vitrine_bench).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from archive.progress import Progress
from benchmarks import synthetic
from search.index import rebuild_kinds


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("--records", type=int, default=10_000, help="How many records to add.")
        parser.add_argument("--batch-size", type=int, default=5_000, help="Records per batch.")
        parser.add_argument("--seed", type=int, default=1938, help="Random seed (repeatable).")
        parser.add_argument("--clear", action="store_true", help="Delete synthetic data first.")
        parser.add_argument("--no-index", action="store_true", help="Skip the search index.")

    def handle(self, *args, records: int, batch_size: int, seed: int, **options) -> None:
        if records < 0 or batch_size < 1:
            raise CommandError("--records must be ≥ 0 and --batch-size ≥ 1.")
        started = time.monotonic()
        if options["clear"]:
            self.stdout.write(f"Cleared {synthetic.clear():,} synthetic records.")
        progress = Progress("records", records, self.stdout, verb="written")
        counts = synthetic.generate(records, batch_size=batch_size, seed=seed, progress=progress)
        progress.finish()
        self.stdout.write("Written: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        if not options["no_index"]:
            rebuild_kinds(bar=lambda kind, total: Progress(kind, total, self.stdout))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # statistics for the planner on the grown tables
        self.stdout.write(f"Done in {time.monotonic() - started:.0f} s.")
