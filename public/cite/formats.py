"""Citation downloads made from CSL-JSON items: CSL-JSON itself, BibTeX (written by pybtex) and
RIS (written by rispy). One mapping per format, used for records, exhibits and sources alike.

The downloads are text files, not HTML: a title's "<b>" is written as it is. CSL-JSON holds every
text exactly; BibTeX escapes what LaTeX would read as markup (latex_text); RIS writes each value on
its one line (ris_text).
"""

import json
import re
from dataclasses import dataclass
from typing import Any

import rispy
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer as PybtexWriter

Item = dict[str, Any]


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str
    label: str


FORMATS = {
    "bib": Format("bib", "application/x-bibtex; charset=utf-8", "BibTeX"),
    "ris": Format("ris", "application/x-research-info-systems; charset=utf-8", "RIS"),
    "json": Format("json", "application/vnd.citationstyles.csl+json; charset=utf-8", "CSL-JSON"),
}


def export(items: list[Item], extension: str) -> str:
    """The items in one of FORMATS ("bib", "ris", "json")."""
    return {"bib": to_bibtex, "ris": to_ris, "json": to_csl_json}[extension](items)


def to_csl_json(items: list[Item]) -> str:
    """A CSL-JSON document: an array of items (validated by the tests against csl-data.json)."""
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# Dates ---------------------------------------------------------------------------------------


def _parts(item: Item, variable: str) -> list[list[int]]:
    return (item.get(variable) or {}).get("date-parts") or []


def _iso(parts: list[int]) -> str:
    return "-".join(f"{value:04d}" if i == 0 else f"{value:02d}" for i, value in enumerate(parts))


def date_text(item: Item, variable: str = "issued") -> str:
    """The date as ISO 8601 / EDTF text ("1938-03-02/1938-03-13", "1909~/1911~") or literal."""
    date = item.get(variable) or {}
    parts = date.get("date-parts") or []
    if not parts:
        return date.get("literal", "")
    mark = "~" if date.get("circa") else ""
    return "/".join(_iso(end) + mark for end in parts)


def year(item: Item, variable: str = "issued") -> str:
    parts = _parts(item, variable)
    return str(parts[0][0]) if parts else ""


# BibTeX --------------------------------------------------------------------------------------

BIBTEX_TYPES = {
    "book": "book",
    "pamphlet": "booklet",
    "chapter": "incollection",
    "article-journal": "article",
    "article-newspaper": "article",
    "article": "article",
    "manuscript": "unpublished",
}
BIBTEX_NAME_ROLES = ("author", "editor", "translator")

# What LaTeX reads as markup in a BibTeX value, written so that it prints as the character itself.
# A brace is escaped the way Zotero's BibTeX export does it: `\{` alone would leave BibTeX (which
# counts every brace, escaped or not) with unbalanced braces for a title such as "a } b {", and
# the \vphantom group balances it; LaTeX prints nothing for the phantom.
_LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{\vphantom{\}}",
    "}": r"\vphantom{\{}\}",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_LATEX_SPECIAL = re.compile(r"[\\{}$%&#_^~]")
# Pairs TeX's fonts turn into one character (-- en dash, `` and '' quotes, !` and ?` inverted
# marks, << >> ,, in T1 fonts): an empty group between them keeps both.
_LIGATURE = re.compile(r"([-`'<>,])(?=\1)|[!?](?=`)")


def latex_text(text: str) -> str:
    """Text as a BibTeX value that LaTeX prints as that text: \\ { } $ % & # _ ^ ~ escaped,
    ligatures kept apart. Everything else (HTML-like tags too) is written as it is."""
    text = _LATEX_SPECIAL.sub(lambda match: _LATEX_ESCAPES[match.group()], text)
    return _LIGATURE.sub(lambda match: match.group() + "{}", text)


class _BibtexWriter(PybtexWriter):
    """pybtex's BibTeX writer for values that latex_text has escaped already. Its own encoder
    leaves \\ { } $ ^ as they are, so a title with an unmatched brace failed the whole download
    and a backslash or a dollar sign became LaTeX."""

    def _encode(self, text: str) -> str:
        return text


def _bibtex_person(name: dict) -> Person:
    if "literal" in name:
        # Braces keep an institution's or a single name whole.
        return Person(last="{" + latex_text(name["literal"]) + "}")
    part = {key: latex_text(value) for key, value in name.items() if isinstance(value, str)}
    return (
        Person(
            first=part.get("given", ""),
            prelast=part.get("non-dropping-particle", ""),
            last=part.get("family", ""),
            lineage=part.get("suffix", ""),
        )
        if not name.get("dropping-particle")
        else Person(
            first=f"{part.get('given', '')} {part['dropping-particle']}".strip(),
            last=part.get("family", ""),
        )
    )


def bibtex_entry(item: Item) -> tuple[str, Entry]:
    """The BibTeX key and entry of a CSL-JSON item (biblatex field names where BibTeX has none:
    date, urldate, origtitle, language)."""
    kind = BIBTEX_TYPES.get(item.get("type", ""), "misc")
    fields: list[tuple[str, str]] = [("title", item.get("title", ""))]
    container = item.get("container-title", "")
    if container:
        container_field = {"article": "journal", "incollection": "booktitle"}.get(
            kind, "howpublished"
        )
        fields.append((container_field, container))
    simple = (
        ("original-title", "origtitle"),
        ("publisher", "publisher"),
        ("publisher-place", "address"),
        ("volume", "volume"),
        ("issue", "number"),
        ("page", "pages"),
        ("DOI", "doi"),
        ("ISBN", "isbn"),
        ("URL", "url"),
        ("language", "language"),
        ("archive", "organization"),
        ("note", "note"),
        ("abstract", "abstract"),
    )
    fields += [(field, item[variable]) for variable, field in simple if item.get(variable)]
    if year(item):
        fields.append(("year", year(item)))
    if date_text(item):
        fields.append(("date", date_text(item)))
    if _parts(item, "accessed"):
        fields.append(("urldate", date_text(item, "accessed")))
    persons = {
        role: [_bibtex_person(name) for name in item[role]]
        for role in BIBTEX_NAME_ROLES
        if item.get(role)
    }
    fields = [(field, latex_text(value)) for field, value in fields]
    return item["id"], Entry(kind, fields=fields, persons=persons)


def to_bibtex(items: list[Item]) -> str:
    entries = dict(bibtex_entry(item) for item in items)
    return _BibtexWriter().to_string(BibliographyData(entries=entries))


# RIS -----------------------------------------------------------------------------------------

RIS_TYPES = {
    "book": "BOOK",
    "pamphlet": "PAMP",
    "chapter": "CHAP",
    "article-journal": "JOUR",
    "article-newspaper": "NEWS",
    "article": "GEN",
    "manuscript": "MANSCPT",
    "personal_communication": "PCOMM",
    "legal_case": "CASE",
    "legislation": "STAT",
    "graphic": "ART",
    "webpage": "ELEC",
    "speech": "GEN",
    "document": "GEN",
}


class _RisWriter(rispy.RisWriter):
    """rispy's writer without the "1." line it puts before each record (not part of RIS)."""

    def set_header(self, count: int) -> str:
        return ""


def _ris_name(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    return f"{family}, {given}" if given else family


def _ris_date(parts: list[int]) -> str:
    """RIS dates are YYYY/MM/DD/ with empty parts left empty."""
    padded = [*(f"{value:02d}" if i else f"{value:04d}" for i, value in enumerate(parts))]
    padded += [""] * (3 - len(padded))
    return "/".join(padded) + "/"


def ris_text(value: Any) -> Any:
    """A value on one line: RIS has one tag per line, so a line break in a summary would end the
    value, and a line such as "ER  - " in it would end the record."""
    if isinstance(value, str):
        return " ".join(value.splitlines())
    if isinstance(value, list):
        return [ris_text(part) for part in value]
    return value


def ris_record(item: Item) -> dict:
    """The rispy record of a CSL-JSON item (every value on one line, ris_text)."""
    record: dict = {"type_of_reference": RIS_TYPES.get(item.get("type", ""), "GEN")}
    record["id"] = item["id"]
    record["title"] = item.get("title", "")
    for variable, key in (("author", "authors"), ("editor", "secondary_authors")):
        if item.get(variable):
            record[key] = [_ris_name(name) for name in item[variable]]
    if item.get("translator"):
        record["subsidiary_authors"] = [_ris_name(name) for name in item["translator"]]
    simple = (
        ("container-title", "secondary_title"),
        ("original-title", "translated_title"),
        ("publisher", "publisher"),
        ("publisher-place", "place_published"),
        ("volume", "volume"),
        ("issue", "number"),
        ("DOI", "doi"),
        ("ISBN", "issn"),
        ("language", "language"),
        ("archive", "name_of_database"),
        ("archive_collection", "custom1"),
        ("medium", "type_of_work"),
        ("abstract", "abstract"),
    )
    record.update({key: item[variable] for variable, key in simple if item.get(variable)})
    if item.get("page"):
        start, _, end = item["page"].partition("-")
        record["start_page"] = start.strip()
        if end.strip():
            record["end_page"] = end.strip()
    issued = _parts(item, "issued")
    if issued:
        record["year"] = str(issued[0][0])
        record["date"] = _ris_date(issued[0])
    notes = []
    if item.get("note"):
        notes.append(item["note"])
    if date_text(item) and (len(issued) > 1 or item.get("issued", {}).get("circa") or not issued):
        # The whole date (a range, circa, a decade) where RIS's single date cannot say it.
        notes.append(f"Date: {date_text(item)}")
    if notes:
        record["notes"] = notes
    if item.get("URL"):
        record["urls"] = [item["URL"]]
    accessed = _parts(item, "accessed")
    if accessed:
        record["access_date"] = _ris_date(accessed[0])
    return {key: ris_text(value) for key, value in record.items()}


def to_ris(items: list[Item]) -> str:
    return rispy.dumps([ris_record(item) for item in items], implementation=_RisWriter)


def download_response(items: list[Item], extension: str, filename: str):
    """An attachment response of items in one of FORMATS, named filename.<extension>."""
    from django.http import HttpResponse

    kind = FORMATS[extension]
    response = HttpResponse(export(items, extension), content_type=kind.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response
