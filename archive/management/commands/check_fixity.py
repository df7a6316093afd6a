"""Re-read every photograph original and document page image and compare it with the SHA-256
recorded when it was stored.

Prints each missing or changed file with its record, keeps the results for curators (admin:
Fixity checks, Page image fixity checks), and exits non-zero when anything is wrong, so it can run
from cron or CI. `--record-unrecorded` records the checksum of files stored before checksums were
taken (as they are now) instead of reporting them.
"""

import sys

from django.core.management.base import BaseCommand

from archive import fixity
from archive.models import DocumentPage
from archive.models.fixity import FixityResult
from archive.progress import Progress


def describe(check: FixityResult) -> str:
    """The record a checked file belongs to, for a person."""
    if isinstance(check.owner, DocumentPage):
        page, document = check.owner, check.owner.document
        return f"page “{page}” of document “{document.title}” ({document.slug}, page id {page.pk})"
    photograph = check.owner
    return f"photograph “{photograph.title}” ({photograph.slug}, id {photograph.pk})"


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--record-unrecorded",
            action="store_true",
            help="record the checksum of files that have none (stored before checksums were "
            "taken) as they are now, instead of reporting them",
        )

    def handle(self, *args, **options) -> None:
        totals = fixity.totals()
        progress = Progress("files", sum(totals.values()), sys.stdout, verb="checked")
        checks = fixity.check_all(progress=progress, record_unrecorded=options["record_unrecorded"])
        problems = [check for check in checks if not check.is_ok]
        progress.finish()
        for check in problems:
            result = check.get_result_display()
            self.stderr.write(f"{result}: {check.file_name} — {describe(check)}")
        if problems:
            counts = {
                label: sum(1 for c in problems if c.result == value)
                for value, label in FixityResult.Result.choices
            }
            summary = ", ".join(f"{n} {label.lower()}" for label, n in counts.items() if n)
            self.stderr.write(self.style.ERROR(f"Fixity problems: {summary}."))
            sys.exit(1)
        checked = [f"{n:,} {kind.plural}" for kind, n in totals.items() if n] or ["0 originals"]
        self.stdout.write(self.style.SUCCESS(f"All {' and '.join(checked)} match their checksums."))
