"""Rebuild the search index from the records: every kind, or those named, with a progress bar
(on a terminal; elsewhere a progress line every VITRINE_PROGRESS_INTERVAL seconds)."""

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
        rebuild_kinds(kinds, bar=lambda kind, total: Progress(kind, total, self.stdout))
