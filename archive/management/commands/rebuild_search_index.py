"""Rebuild the search index from the records: every kind, or those named, with a progress bar."""

import sys

from django.core.management.base import BaseCommand

from archive.progress import Progress
from archive.search.index import KINDS, rebuild


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
