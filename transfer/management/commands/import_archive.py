"""Import an archive written by `export_archive` (a directory or a .zip) into an empty database.

Every data and media file is checked against its SHA-256 first; the rows, media files and the
rebuilt search index then go in all together or not at all. `--replace` deletes all archive data
(records, exhibits, revisions) first, in the same transaction.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.progress import Progress
from transfer.portable.importer import import_archive
from transfer.portable.layout import ArchiveError


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="The archive: a directory or a .zip file.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every archive record, exhibit and revision in this database first.",
        )

    def handle(self, *args, path: Path, replace: bool, **options) -> None:
        def progress(label: str, total: int, verb: str) -> Progress:
            return Progress(label, total, self.stdout, verb=verb)

        try:
            summary = import_archive(path, replace=replace, progress=progress)
        except ArchiveError as exc:
            raise CommandError(f"Import failed, nothing was changed: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {summary['rows']:,} rows and {summary['media']:,} media files "
                f"({summary['media_written']:,} written to storage) from {path}."
            )
        )
