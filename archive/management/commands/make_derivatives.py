"""Make the display derivatives and deep-zoom tiles (and metadata, thumbnail, fixity) of
photographs that lack them, e.g. those ingested before derivatives or tiles existed; `--all` remakes
them for every photograph."""

import sys

from django.core.management.base import BaseCommand
from django.db import transaction

from archive.models import Photograph
from archive.progress import Progress


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="remake them for every photograph with an original"
        )

    def handle(self, *args, **options) -> None:
        photographs = Photograph.objects.exclude(image="").order_by("pk")
        if not options["all"]:
            photographs = photographs.exclude(derivatives__has_key="tiles")
        total = photographs.count()
        progress = Progress("photographs", total, self.stdout, verb="derived")
        failed = 0
        for photograph in photographs.iterator(chunk_size=100):
            try:
                with transaction.atomic():
                    photograph.refresh_derived_image_data()
            except (OSError, ValueError) as error:
                failed += 1
                self.stderr.write(f"{photograph.slug}: {error}")
            progress(1)
        progress.finish()
        if failed:
            self.stderr.write(self.style.ERROR(f"{failed} photographs could not be derived."))
            sys.exit(1)
