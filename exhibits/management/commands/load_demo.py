"""Load the Bukharin demo: the archive (persons, documents, photographs, the 1938 trial, a
timeline) and the exhibits built from it.

Safe to run again: records are matched on their slugs and keys and only changed rows are saved,
so a second run adds nothing and leaves existing images alone. The search index follows by itself
(records are reindexed when the transaction commits).
"""

from django.core.management.base import BaseCommand

from archive.demo.loader import load_demo_archive
from exhibits.demo import load_demo_exhibits


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        # At -v 2 the loader reports what it created, updated or left alone, per model.
        counts = load_demo_archive(stdout=self.stdout if verbosity >= 2 else None)
        exhibits = load_demo_exhibits()
        skipped = exhibits.pop("skipped", [])
        if verbosity >= 1:
            for name, count in {**counts, **exhibits}.items():
                self.stdout.write(f"{name:<16} {count:>5}")
            if skipped:
                self.stdout.write(self.style.WARNING(f"Exhibit blocks skipped: {skipped}"))
            self.stdout.write(self.style.SUCCESS("Demo archive and exhibits loaded."))
