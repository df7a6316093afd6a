"""Formatted citations stored for the pages a benchmark measures, before it measures them.

A public page shows its citation box and notes from stored rows (public.cite.stored); one whose
rows are missing shows plain text, queues them for the task worker and is not kept in the page
cache. A benchmark of pages without their citations would measure lighter pages than visitors
get, so the benchmarks store them first, as `manage.py render_citations` does for every page.
"""

from collections.abc import Iterable

from django.db.models import Model

from public.cite import refresh, stored


def store_citations(objects: Iterable[Model]) -> int:
    """Format (Node.js, citeproc-js) and store what the public pages of these records, exhibits
    and sections show and is not stored yet; returns how many rows were added."""
    wanted = []
    for obj in objects:
        wanted += refresh.wanted_for(obj)
    return stored.store(wanted)
