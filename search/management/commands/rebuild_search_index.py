"""Rebuild the search index from the records: every kind, or those named, with a progress bar."""

import sys

from django.core.management.base import BaseCommand

from archive.progress import Progress
from search.index import KINDS, rebuild_kinds


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "kinds", nargs="*", choices=list(KINDS), help="Kinds to rebuild (default: all)."
        )

    def handle(self, *args, kinds: list[str], **options) -> None:
        rebuild_kinds(kinds, bar=lambda kind, total: Progress(kind, total, sys.stdout))
