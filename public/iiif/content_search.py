"""IIIF Content Search 2.0 over the transcriptions of a document's pages: search within one
document, answered as an Annotation Page whose items are the matching pages' transcription
annotations (the ones the manifest carries) and whose `annotations` highlight each match with a
TextQuoteSelector (specification §4.2.6, "Match Highlighting": the transcriptions have no word
positions on the image, so a hit targets its whole canvas).

The same matching serves the document's own page (public/views.py): its "search within" form
lists the pages that match and marks the matches in their text, with or without JavaScript.

Matching: the query is split into words; a page matches when every word begins a word of its
text, ignoring case and accents ("bucharin" finds "Bucharin's", "lenin" finds "Ленин" only if
written so: there is no transliteration). An empty query matches every transcribed page, as the
specification says of an empty parameter. `motivation` is honoured (the transcriptions are
"supplementing"); `date` and `user` are ignored and said to be. Only public documents answer to
the public (archive.visibility, through presentation.document_queryset); anything else is 404.
"""

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from archive import visibility
from archive.models import Document, DocumentPage
from public.iiif import presentation
from public.iiif.views import _error, _json, _not_found

CONTEXT = "http://iiif.io/api/search/2/context.json"
MOTIVATION = "supplementing"  # of the transcription annotations (presentation.py)
IGNORED_PARAMETERS = ("date", "user")
MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
PAGE_SIZE = 50  # matching pages per answer; more are paged (§4.2.2)
CONTEXT_CHARACTERS = 40  # of text before and after a match, in its TextQuoteSelector
WHITESPACE = re.compile(r"\s+")


class QueryError(ValueError):
    """The query cannot be searched; the message says why, for a person."""


@dataclass(frozen=True)
class Match:
    start: int  # character offsets in the page's transcription
    end: int


@dataclass
class PageHit:
    page: DocumentPage
    number: int  # 1 for the document's first page (its canvas number)
    matches: list[Match] = field(default_factory=list)


def words(query: str) -> list[str]:
    """The query's words, folded for matching; QueryError if it is too long to search."""
    query = query.strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(f"The search is limited to {MAX_QUERY_LENGTH} characters.")
    found = list(dict.fromkeys(fold(word)[0] for word in query.split()))
    found = [word for word in found if word]
    if len(found) > MAX_WORDS:
        raise QueryError(f"The search is limited to {MAX_WORDS} words.")
    return found


def fold(text: str) -> tuple[str, list[int]]:
    """Text without case or accents, and for each of its characters the offset in `text` of
    the character it came from (plus one final offset, the end)."""
    folded: list[str] = []
    origin: list[int] = []
    for offset, character in enumerate(text):
        decomposed = unicodedata.normalize("NFKD", character)
        base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        folded.append(base)
        origin.extend([offset] * len(base))
    origin.append(len(text))
    return "".join(folded), origin


def find(text: str, query_words: Sequence[str]) -> list[Match] | None:
    """The words of `text` that begin with one of the query's words, in order; None unless
    every query word is found."""
    folded, origin = fold(text)
    matches: set[Match] = set()
    for word in query_words:
        found = False
        start = folded.find(word)
        while start != -1:
            if start == 0 or not folded[start - 1].isalnum():
                end = start + len(word)
                while word[-1].isalnum() and end < len(folded) and folded[end].isalnum():
                    end += 1  # the whole word is the match: "bird" marks "Birds"
                matches.add(Match(origin[start], origin[end - 1] + 1))
                found = True
            start = folded.find(word, start + 1)
        if not found:
            return None
    return _merged(sorted(matches, key=lambda m: (m.start, m.end)))


def _merged(matches: list[Match]) -> list[Match]:
    """Overlapping matches ("bukh" and "bukharin") as one."""
    merged: list[Match] = []
    for match in matches:
        if merged and match.start < merged[-1].end:
            last = merged.pop()
            match = Match(last.start, max(last.end, match.end))
        merged.append(match)
    return merged


def search(pages: Sequence[DocumentPage], query_words: Sequence[str]) -> list[PageHit]:
    """The pages (all of a document's, in reading order) whose transcription matches."""
    hits = []
    for number, page in enumerate(pages, start=1):
        if not page.transcription:
            continue
        matches = find(page.transcription, query_words) if query_words else []
        if matches is not None:
            hits.append(PageHit(page, number, matches))
    return hits


def quote(text: str, match: Match) -> dict:
    """A TextQuoteSelector of one match: the text, with what comes before and after it."""
    selector = {"type": "TextQuoteSelector"}
    prefix = text[max(0, match.start - CONTEXT_CHARACTERS) : match.start]
    suffix = text[match.end : match.end + CONTEXT_CHARACTERS]
    if prefix:
        selector["prefix"] = prefix
    selector["exact"] = text[match.start : match.end]
    if suffix:
        selector["suffix"] = suffix
    return selector


def marked(text: str, matches: Sequence[Match]) -> SafeString:
    """The text as paragraphs (like the `linebreaks` filter), each match in <mark>."""
    parts, position = [], 0
    for match in matches:
        parts.append(escape(text[position : match.start]))
        parts.append(f"<mark>{escape(text[match.start : match.end])}</mark>")
        position = match.end
    parts.append(escape(text[position:]))
    return mark_safe(linebreaks("".join(parts), autoescape=False))  # noqa: S308 (escaped above)


def snippet(text: str, match: Match) -> SafeString:
    """A match in a line of its context, for a list of hits: "…before <mark>match</mark> after…"."""
    start = max(0, match.start - CONTEXT_CHARACTERS)
    end = match.end + CONTEXT_CHARACTERS
    before = WHITESPACE.sub(" ", text[start : match.start])
    after = WHITESPACE.sub(" ", text[match.end : end])
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    exact = escape(text[match.start : match.end])
    return mark_safe(f"{lead}{escape(before)}<mark>{exact}</mark>{escape(after)}{tail}")  # noqa: S308


# The service ------------------------------------------------------------------------------------


def _page_number(value: str | None) -> int:
    if value is None or value == "":
        return 0
    if not value.isascii() or not value.isdigit() or len(value) > 6:
        raise QueryError("page must be a whole number (0 for the first page of results).")
    return int(value)


def answer(document: Document, query: QueryDict, absolute: presentation.Absolute) -> dict:
    """The Annotation Page answering one search request on a document (QueryError if bad)."""
    query_words = words(query.get("q", ""))
    motivations = query.get("motivation", "").split()
    number = _page_number(query.get("page"))
    pages = list(document.page_images.all())
    hits = search(pages, query_words)
    if motivations and MOTIVATION not in motivations:
        hits = []
    base = absolute(reverse("iiif:document-search", kwargs={"slug": document.slug}))
    kept = {name: query[name] for name in ("q", "motivation") if query.get(name)}

    def url(**extra) -> str:
        parameters = urlencode({**kept, **extra})
        return f"{base}?{parameters}" if parameters else base

    last = max(0, (len(hits) - 1) // PAGE_SIZE)
    if number > last:
        raise Http404("No such page of results.")
    shown = hits[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
    manifest_id = absolute(reverse("iiif:document-manifest", kwargs={"slug": document.slug}))
    items, highlights = [], []
    for hit in shown:
        canvas_id = presentation.canvas_id_of(manifest_id, hit.number)
        text = hit.page.transcription
        annotation = presentation.transcription_annotation(canvas_id, text, document.language)
        items.append(annotation)
        highlights += [highlight(annotation["id"], text, match) for match in hit.matches]
    result: dict = {
        "@context": CONTEXT,
        "id": url(page=number) if last else url(),
        "type": "AnnotationPage",
    }
    ignored = [name for name in IGNORED_PARAMETERS if name in query]
    if ignored:
        result["ignored"] = ignored
    if last:
        result |= _paging(url, number, last, len(hits))
    result["items"] = items
    if highlights:
        result["annotations"] = [
            {"id": f"{result['id']}#highlighting", "type": "AnnotationPage", "items": highlights}
        ]
    return result


def highlight(annotation_id: str, text: str, match: Match) -> dict:
    """A "highlighting" annotation of one match in a transcription annotation (§4.2.6)."""
    return {
        "id": f"{annotation_id}/match/{match.start}-{match.end}",
        "type": "Annotation",
        "motivation": "highlighting",
        "target": {
            "type": "SpecificResource",
            "source": annotation_id,
            "selector": [quote(text, match)],
        },
    }


def _paging(url: Callable[..., str], number: int, last: int, total: int) -> dict:
    """What a page of paged results says of its collection and neighbours (§4.2.2)."""
    paging: dict = {
        "partOf": {
            "id": url(),
            "type": "AnnotationCollection",
            "total": total,
            "first": {"id": url(page=0), "type": "AnnotationPage"},
            "last": {"id": url(page=last), "type": "AnnotationPage"},
        }
    }
    if number < last:
        paging["next"] = {"id": url(page=number + 1), "type": "AnnotationPage"}
    if number > 0:
        paging["prev"] = {"id": url(page=number - 1), "type": "AnnotationPage"}
    paging["startIndex"] = number * PAGE_SIZE
    return paging


@require_safe
@_not_found
def document_search(request: HttpRequest, slug: str) -> HttpResponse:
    """GET /iiif/documents/<slug>/search?q=…: the document's Content Search service."""
    document = get_object_or_404(presentation.document_queryset(request.user), slug=slug)
    if not any(page.transcription for page in document.page_images.all()):
        raise Http404("This document has no transcribed pages to search.")
    try:
        body = answer(document, request.GET, request.build_absolute_uri)
    except QueryError as error:
        return _error(str(error), 400)
    return _json(request, body, CONTEXT, visibility.is_public(document))
