"""A page's numbered notes in Chicago notes style: the sources a record cites ("Sources") and an
exhibit section's footnotes.

The whole sequence is formatted at once by citeproc-js (public.cite.styles.format_notes), which
gives each note its position: the first note to a source is printed in full, and every later note
to it — the very next note or one further on, after notes to other sources — in Chicago's
shortened form (author's surname, short title, locator). Chicago 17 and 18 discourage "Ibid.", and
the official Chicago style never prints it. A "citation needed" note cites no source: it is left
out of the sequence (the template prints "Citation needed.") and so neither is shortened nor
interrupts anything. When the processor cannot run, every note is printed in full by
templates/archive/_citation.html, as before notes were shortened.
"""

import logging
from collections.abc import Iterable
from typing import Any

from django.utils.safestring import SafeString

from archive.models import Citation
from public.cite import csl, styles

logger = logging.getLogger(__name__)


def _citation(entry: Any) -> Citation:
    """The citation of an entry: a Citation, or a footnote carrying one (`.citation`)."""
    return getattr(entry, "citation", entry)


def chicago_notes(entries: Iterable[Any]) -> list[tuple[Any, SafeString | str]]:
    """Each entry (a Citation, or an exhibit footnote with its `.citation`) in order, with its
    note formatted in Chicago notes style — "" for a "citation needed" note, and for every note
    when citeproc-js cannot run (the template then prints its plain form)."""
    entries = list(entries)
    citations = [_citation(entry) for entry in entries]
    items: dict[int, dict] = {}
    notes = []
    for number, citation in enumerate(citations, start=1):
        if citation.source_id is None:
            continue
        if citation.source_id not in items:
            items[citation.source_id] = csl.source_item(citation.source)
        notes.append(
            {
                "id": items[citation.source_id]["id"],
                "locator": citation.locator,
                "number": number,
            }
        )
    formatted: list[SafeString | str] = [""] * len(entries)
    if notes:
        try:
            texts = iter(styles.format_notes(list(items.values()), notes))
        except styles.CitationError:
            logger.exception("Formatted notes are unavailable")
            return [(entry, "") for entry in entries]
        for index, citation in enumerate(citations):
            if citation.source_id is not None:
                formatted[index] = next(texts)
    return list(zip(entries, formatted, strict=True))
