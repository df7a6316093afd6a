"""A page's numbered notes in Chicago notes style: the sources a record cites ("Sources") and an
exhibit section's footnotes.

The whole sequence is formatted at once by citeproc-js (public.cite.styles.format_notes), which
gives each note its position: the first note to a source is printed in full, and every later note
to it — the very next note or one further on, after notes to other sources — in Chicago's
shortened form (author's surname, short title, locator). Chicago 17 and 18 discourage "Ibid.", and
the official Chicago style never prints it. A "citation needed" note cites no source: it is left
out of the sequence (the template prints "Citation needed.") and so neither is shortened nor
interrupts anything. The page reads the formatted sequence from its stored row
(public.cite.stored); while there is none (it is queued for the task worker), every note is
printed in full by templates/archive/_citation.html, as before notes were shortened.
"""

from collections.abc import Iterable
from typing import Any

from django.utils.safestring import SafeString

from archive.models import Citation
from public.cite import csl, stored


def _citation(entry: Any) -> Citation:
    """The citation of an entry: a Citation, or a footnote carrying one (`.citation`)."""
    return getattr(entry, "citation", entry)


def notes_input(entries: Iterable[Any]) -> tuple[list[dict], list[dict]]:
    """What citeproc-js is given for these entries: the items of the sources they cite (each
    once) and one {"id", "locator", "number"} per note to a source, numbered as on the page."""
    items: dict[int, dict] = {}
    notes = []
    for number, entry in enumerate(entries, start=1):
        citation = _citation(entry)
        if citation.source_id is None:
            continue
        if citation.source_id not in items:
            items[citation.source_id] = csl.source_item(citation.source)
        notes.append(
            {"id": items[citation.source_id]["id"], "locator": citation.locator, "number": number}
        )
    return list(items.values()), notes


def chicago_notes(entries: Iterable[Any]) -> list[tuple[Any, SafeString | str]]:
    """Each entry (a Citation, or an exhibit footnote with its `.citation`) in order, with its
    note formatted in Chicago notes style — "" for a "citation needed" note, and for every note
    while the formatted sequence is not stored (the template then prints its plain form)."""
    entries = list(entries)
    items, notes = notes_input(entries)
    formatted: list[SafeString | str] = [""] * len(entries)
    texts = stored.page_notes(items, notes) if notes else None
    if texts is None:
        return list(zip(entries, formatted, strict=True))
    rest = iter(texts)
    for index, entry in enumerate(entries):
        if _citation(entry).source_id is not None:
            formatted[index] = next(rest)
    return list(zip(entries, formatted, strict=True))
