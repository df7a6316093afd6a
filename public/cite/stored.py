"""Formatted citations as pages show them: read from stored rows, never made during a request.

citeproc-js (public.cite.styles) runs in Node.js, which takes seconds to start and hundreds of
MiB to keep. So a page only reads FormattedCitation rows (one query for its "Cite this" box, one
for its numbered notes) and never waits for Node: what is not stored yet is queued for the task
worker (the `render_citations` task below) and the page shows its plain citation meanwhile.
Saving a record, an exhibit or what they cite queues their pages too (public.cite.signals), and
`manage.py render_citations` fills every public page, so usually nothing is missing.

What differs per visit is left out of what is formatted and stored: the page's address (the host
a visitor came by) and the access date (today). The item is formatted with PAGE_URL and ACCESSED
in their place, and `fill` puts the real ones into the stored HTML when the page is shown: citeproc
prints both as plain text (checked against citeproc-js given the real ones, for every demo page,
in tests/public/cite/test_styles.py). A row is found by the digest of the rest of the item and of
the styles and processor (`renderer_version`), so a changed record, or a new style, is a new digest:
old text is never shown as current, it is formatted afresh.
"""

import datetime
import functools
import hashlib
import json
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.tasks import task
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive import dates
from public import page_cache
from public.cite import styles
from public.models import FormattedCitation

logger = logging.getLogger(__name__)

# Stand-ins for the page's address and the access date while formatting (module docstring).
PAGE_URL = "https://citation.invalid/page/"
ACCESSED = datetime.date(9999, 12, 31)
# Bump when what is stored changes shape or cleaning (styles._clean): every row is then redone.
FORMAT_VERSION = "1"
# A missing citation is queued at most once in this many seconds (per cache): a page seen again
# before the worker gets to it queues nothing more; one whose task failed is queued again later.
QUEUED_SECONDS = 10 * 60
# Items sent to citeproc-js at once (each call has its own timeout, styles.TIMEOUT_SECONDS).
ITEMS_PER_CALL = 50


def accessed_text(day: datetime.date) -> str:
    """A date as the Chicago styles print an access date in en-US: "December 8, 2026"."""
    return f"{dates.MONTHS[day.month - 1]} {day.day}, {day.year}"  # en-US, as the locale


@functools.cache
def renderer_version() -> str:
    """A digest of everything the text depends on besides the item: the styles, the locale,
    the processor (render.js and the pinned `citeproc`) and FORMAT_VERSION."""
    digest = hashlib.sha256(FORMAT_VERSION.encode())
    paths = [styles.style_path(key) for key, _ in styles.STYLES]
    paths += [styles.LOCALE, styles.SCRIPT, styles.SCRIPT.parent / "package-lock.json"]
    for path in paths:
        with open(path, "rb") as file:
            digest.update(hashlib.sha256(file.read()).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class Wanted:
    """One thing to format: a page's item ("item") or its notes ("notes": {"items", "notes"})."""

    kind: str
    payload: dict

    @functools.cached_property
    def digest(self) -> str:
        text = json.dumps([renderer_version(), self.kind, self.payload], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def item_wanted(item: dict) -> Wanted:
    """A page's CSL item, with the stand-ins for its address and access date."""
    general = dict(item)
    if "URL" in general:
        general["URL"] = PAGE_URL
    if "accessed" in general:
        general["accessed"] = {"date-parts": [[ACCESSED.year, ACCESSED.month, ACCESSED.day]]}
    return Wanted(FormattedCitation.Kind.ITEM, general)


def notes_wanted(items: list[dict], notes: list[dict]) -> Wanted:
    """A page's numbered notes (styles.format_notes's arguments). Sources have no access date
    and their own address, so nothing is left out."""
    return Wanted(FormattedCitation.Kind.NOTES, {"items": items, "notes": notes})


def fill(html: str, url: str, accessed: datetime.date) -> SafeString:
    """Stored HTML with the page's address and access date in place of the stand-ins."""
    html = html.replace(PAGE_URL, escape(url)).replace(
        accessed_text(ACCESSED), accessed_text(accessed)
    )
    return mark_safe(html)  # noqa: S308 (sanitised when stored; the address is escaped)


def _found(wanted: list[Wanted]) -> dict[str, object]:
    """The stored HTML of each of `wanted` that has a row (one query); queues the others."""
    digests = [w.digest for w in wanted]
    rows = dict(FormattedCitation.objects.filter(digest__in=digests).values_list("digest", "html"))
    missing = [w for w in wanted if w.digest not in rows]
    if missing:
        page_cache.incomplete()  # shown without it now; the page is kept once it has it
        queue(missing)
    return rows


def page_citation(item: dict, accessed: datetime.date) -> list[styles.Formatted]:
    """The page's item in every style, its address and access date filled in; [] (and queued)
    while it is not stored."""
    wanted = item_wanted(item)
    entries = _found([wanted]).get(wanted.digest)
    if entries is None:
        return []
    url = item.get("URL", "")
    return [
        styles.Formatted(
            key=style,
            label=label,
            bibliography=fill(entry["bibliography"], url, accessed),
            note=fill(entry["note"], url, accessed),
        )
        for (style, label), entry in zip(styles.STYLES, entries, strict=True)
    ]


def page_notes(items: list[dict], notes: list[dict]) -> list[SafeString] | None:
    """The page's numbered notes in order; None (and queued) while they are not stored."""
    wanted = notes_wanted(items, notes)
    texts = _found([wanted]).get(wanted.digest)
    if texts is None or len(texts) != len(notes):
        return None
    return [mark_safe(text) for text in texts]  # noqa: S308 (sanitised when stored)


def queue(wanted: list[Wanted]) -> None:
    """Queue what is missing for the task worker, each at most once per QUEUED_SECONDS. A page
    is never failed by it: the queue being out of reach is logged, and the page goes on."""
    fresh = [w for w in wanted if cache.add(f"vitrine:cite-queued:{w.digest}", 1, QUEUED_SECONDS)]
    if not fresh:
        return
    try:
        render_citations.enqueue([[w.kind, w.payload] for w in fresh])
    except Exception:
        logger.exception("Could not queue formatted citations")
        cache.delete_many([f"vitrine:cite-queued:{w.digest}" for w in fresh])


def store(wanted: list[Wanted]) -> int:
    """Format (citeproc-js) and store each of `wanted` that is not stored yet; returns how many
    rows were added. Only the task worker and management commands call it: it runs Node.js.
    Raises styles.CitationError when citeproc-js cannot run."""
    unique = {w.digest: w for w in wanted}
    have = set(
        FormattedCitation.objects.filter(digest__in=list(unique)).values_list("digest", flat=True)
    )
    missing = [w for digest, w in unique.items() if digest not in have]
    items = [w for w in missing if w.kind == FormattedCitation.Kind.ITEM]
    rows = []
    for start in range(0, len(items), ITEMS_PER_CALL):
        part = items[start : start + ITEMS_PER_CALL]
        rendered = styles.render_items([w.payload for w in part])
        rows += [
            FormattedCitation(digest=w.digest, kind=w.kind, html=html)
            for w, html in zip(part, rendered, strict=True)
        ]
    for w in missing:
        if w.kind == FormattedCitation.Kind.NOTES:
            texts = styles.format_notes(w.payload["items"], w.payload["notes"])
            rows.append(FormattedCitation(digest=w.digest, kind=w.kind, html=list(texts)))
    if rows:
        # No page needs telling: one shown without these was never kept (page_cache.incomplete).
        FormattedCitation.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@task()
def render_citations(wanted: list[list]) -> int:
    """The task worker's side of `queue`: format and store [[kind, payload], …]."""
    return store([Wanted(kind, payload) for kind, payload in wanted])
