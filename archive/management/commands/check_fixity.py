"""Re-read every photograph original and compare it with the SHA-256 recorded at ingest.

Prints each missing or changed file with its record, keeps the results for curators (admin:
Fixity checks), and exits non-zero when anything is wrong, so it can run from cron or CI.
"""

import sys

from django.core.management.base import BaseCommand

from archive.fixity import check_all
from archive.models import FixityCheck, Photograph
from archive.progress import Progress


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options) -> None:
        total = Photograph.objects.exclude(image="").count()
        progress = Progress("originals", total, sys.stdout, verb="checked")
        problems = [check for check in check_all(progress=progress) if not check.is_ok]
        progress.finish()
        for check in problems:
            photograph = check.photograph
            self.stderr.write(
                f"{check.get_result_display()}: {check.file_name} — photograph "
                f"“{photograph.title}” ({photograph.slug}, id {photograph.pk})"
            )
        if problems:
            counts = {
                label: sum(1 for c in problems if c.result == value)
                for value, label in FixityCheck.Result.choices
            }
            summary = ", ".join(f"{n} {label.lower()}" for label, n in counts.items() if n)
            self.stderr.write(self.style.ERROR(f"Fixity problems: {summary}."))
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS(f"All {total:,} originals match their checksums."))
