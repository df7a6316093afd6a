"""Export the whole archive — every record, relation, citation, exhibit and revision, and every
media file with its SHA-256 — to a directory, or to a zip file when the path ends in ".zip".

The format is described in README ("Archive export and import"); `import_archive` reads it back.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.progress import Progress
from transfer.portable.exporter import export_archive
from transfer.portable.layout import ArchiveError


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="A new directory, or a file ending in .zip.")

    def handle(self, *args, path: Path, **options) -> None:
        def progress(label: str, total: int, verb: str) -> Progress:
            return Progress(label, total, self.stdout, verb=verb)

        try:
            manifest = export_archive(path, progress=progress)
        except ArchiveError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(entry["rows"] for entry in manifest["files"])
        media = manifest["media"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {rows:,} rows in {len(manifest['files'])} files and "
                f"{media['files']:,} media files ({media['bytes']:,} bytes) to {path}."
            )
        )
