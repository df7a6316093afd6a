"""Curators' rich text, made safe: HTML is cleaned with nh3 (ammonia) to an allow-list on save.

Plain text (no tags) is turned into paragraphs first, so curators may write either.
"""

import re

import nh3
from django.utils.html import escape, linebreaks

ALLOWED_TAGS = {
    "p", "br", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "mark",
    "blockquote", "q", "cite", "ul", "ol", "li", "dl", "dt", "dd", "a", "abbr", "span", "hr",
    "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "span": {"lang"},
    "q": {"cite", "lang"},
    "blockquote": {"cite", "lang"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "*": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_TAG = re.compile(r"<[a-zA-Z/!]")


def clean_html(value: str) -> str:
    """Return value as safe HTML: plain text becomes paragraphs; HTML keeps only allowed markup."""
    if not value or not value.strip():
        return ""
    if not _TAG.search(value):
        return linebreaks(escape(value))
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
