"""Format and store the citations of every public page (public.cite.stored): each record's and
exhibit's "Cite this" text and numbered notes, and each exhibit section's.

Pages never run citeproc-js themselves: they show what is stored, and queue what is missing for
the task worker. Run this after loading data (`make run` does, after the demo), or after
upgrading the citation styles; what is stored already is left alone, so a second run formats
nothing. --prune then deletes the rows no public page uses any more (old versions of edited
pages; a staff preview's are made again when next previewed). Progress shows as a bar on a
terminal, else a line every VITRINE_PROGRESS_INTERVAL seconds.
"""

from django.core.management.base import BaseCommand, CommandError

from archive.progress import Progress
from public.cite import refresh, stored, styles
from public.models import FormattedCitation

# Pages formatted per call to citeproc-js.
BATCH = 50


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Also delete stored citations that no public page uses any more.",
        )

    def handle(self, *args, **options) -> None:
        progress = Progress(
            "pages", refresh.count_public_pages(), self.stdout, verb="formatted or found"
        )
        used: set[str] = set()
        added = 0
        batch: list[stored.Wanted] = []
        pages = 0
        try:
            for obj in refresh.public_pages():
                wanted = refresh.wanted_for(obj)
                used.update(w.digest for w in wanted)
                batch += wanted
                pages += 1
                if pages % BATCH == 0:
                    added += stored.store(batch)
                    progress(BATCH)
                    batch = []
            added += stored.store(batch)
        except styles.CitationError as exc:
            raise CommandError(f"Citations could not be formatted: {exc}") from exc
        progress(pages % BATCH)
        progress.finish()
        pruned = self.prune(used) if options["prune"] else 0
        self.stdout.write(
            f"Citations: {added} formatted, {len(used) - added} already stored"
            + (f", {pruned} unused deleted" if options["prune"] else "")
            + "."
        )

    def prune(self, used: set[str]) -> int:
        """Delete the rows whose digest is not in `used`, a few hundred at a time."""
        rows = FormattedCitation.objects.values_list("digest", flat=True)
        stale = [digest for digest in rows.iterator(chunk_size=2000) if digest not in used]
        for start in range(0, len(stale), 500):
            FormattedCitation.objects.filter(digest__in=stale[start : start + 500]).delete()
        return len(stale)
