"""Load the Bukharin demo archive: persons, documents, photographs, the 1938 trial, a timeline.

Safe to run again: records are matched on their slugs and keys and only changed rows are saved,
so a second run adds nothing and leaves existing images alone.
"""

from django.core.management.base import BaseCommand

from archive.demo.loader import load_demo_archive


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        # At -v 2 the loader reports what it created, updated or left alone, per model.
        counts = load_demo_archive(stdout=self.stdout if verbosity >= 2 else None)
        if verbosity >= 1:
            for name, count in counts.items():
                self.stdout.write(f"{name:<16} {count:>5}")
            self.stdout.write(self.style.SUCCESS("Demo archive loaded."))
