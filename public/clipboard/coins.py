"""COinS (ContextObjects in Spans): one `<span class="Z3988" title="…">` per item of a list page.

A list page has no single citation for the meta tags a record page carries (public.cite.box);
Zotero's connector reads these spans instead and offers to save the items of the page at once.
Each span is an OpenURL 1.0 ContextObject (Z39.88-2004, KEV) made from the item's CSL-JSON
(public.cite.csl), so it says what the downloads say: books and pamphlets in the book format,
everything else in the Dublin Core format with Zotero's item type in rft.type.
"""

from urllib.parse import quote

from public.cite.box import _meta_name as name_text
from public.cite.formats import Item, date_text

BOOK_TYPES = {"book", "pamphlet"}
# CSL item types -> Zotero item types (rft.type of the Dublin Core format); webpage otherwise.
ZOTERO_TYPES = {
    "document": "document",
    "personal_communication": "letter",
    "graphic": "artwork",
    "article-newspaper": "newspaperArticle",
    "article": "magazineArticle",
    "speech": "presentation",
    "legislation": "statute",
}


def context_object(item: Item) -> str:
    """The KEV ContextObject of a CSL-JSON item: the `title` of its COinS span."""
    authors = [name_text(name) for name in item.get("author", [])]
    if item.get("type") in BOOK_TYPES:
        pairs = [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
            ("rft.genre", "book"),
            ("rft.btitle", item.get("title", "")),
            *(("rft.au", author) for author in authors),
            ("rft.pub", item.get("publisher", "")),
            ("rft.place", item.get("publisher-place", "")),
        ]
    else:
        pairs = [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
            ("rft.type", ZOTERO_TYPES.get(item.get("type", ""), "webpage")),
            ("rft.title", item.get("title", "")),
            *(("rft.creator", author) for author in authors),
            ("rft.publisher", item.get("publisher", "")),
            ("rft.source", item.get("container-title", "")),
            ("rft.identifier", item.get("URL", "")),
        ]
    pairs += [
        # The start of a range; "~" (circa) is the downloads' business, not a date's.
        ("rft.date", date_text(item).split("/")[0].rstrip("~")),
        ("rft.language", item.get("language", "")),
        ("rft.description", item.get("abstract", "")),
        ("rft_id", item.get("URL", "")),
    ]
    head = [("ctx_ver", "Z39.88-2004")]
    return "&".join(f"{key}={quote(value, safe='')}" for key, value in head + pairs if value)
