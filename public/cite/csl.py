"""Records, exhibits and sources as CSL-JSON items (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).

Every citation format starts here: the formatted Chicago text, BibTeX, RIS and the CSL-JSON
download are all made from the item this module returns, so that they never disagree.
"""

import datetime
import re
from typing import Any

from django.db.models import Model
from django.utils import timezone

from archive import dates, visibility
from archive.kinds import kind_of
from archive.models import Contribution, Document, Event, Person, Photograph, Source, Trial
from archive.site import site_name

Item = dict[str, Any]

# Document kinds -> CSL item types (CSL 1.0.2). Letters are personal communications, decrees
# legislation; everything else keeps the closest printed form.
DOCUMENT_TYPES = {
    Document.Kind.BOOK: "book",
    Document.Kind.NOVEL: "book",
    Document.Kind.PAMPHLET: "pamphlet",
    Document.Kind.ARTICLE: "article",
    Document.Kind.ESSAY: "article",
    Document.Kind.NEWSPAPER: "article-newspaper",
    Document.Kind.LETTER: "personal_communication",
    Document.Kind.SPEECH: "speech",
    Document.Kind.TRANSCRIPT: "document",
    Document.Kind.DECREE: "legislation",
}

# Contribution roles -> CSL name variables; signatories count as authors, subjects are not names
# of the work.
ROLE_VARIABLES = {
    Contribution.Role.AUTHOR: "author",
    Contribution.Role.SIGNATORY: "author",
    Contribution.Role.EDITOR: "editor",
    Contribution.Role.TRANSLATOR: "translator",
    Contribution.Role.RECIPIENT: "recipient",
}

_SIMPLE_END = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)")


def csl_date(edtf_text: str) -> dict | None:
    """An EDTF date as a CSL date: date-parts (two for a range) and `circa` when approximate or
    uncertain; other EDTF forms (decades, open intervals, sets) as a literal display."""
    text = (edtf_text or "").strip()
    if not text:
        return None
    ends = text.split("/")
    matches = [_SIMPLE_END.fullmatch(end) for end in ends]
    if len(ends) <= 2 and all(matches):
        parts = []
        circa = False
        for match in matches:
            year, month, day, qualifier = match.groups()
            parts.append([int(value) for value in (year, month, day) if value])
            circa = circa or bool(qualifier)
        if len(parts) == 2 and parts[0] == parts[1]:
            parts = parts[:1]
        date: dict = {"date-parts": parts}
        if circa:
            date["circa"] = True
        return date
    return {"literal": dates.display_text(text)}


def csl_day(value: datetime.date | datetime.datetime | None) -> dict | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return {"date-parts": [[value.year, value.month, value.day]]}


def person_name(person: Person) -> dict:
    """A person as a CSL name: family and given from the sort name ("Family, Given"), trailing
    lower-case words of the given name as a particle ("Lavoisier, Antoine-Laurent de");
    a name without a sort name stays whole, as a literal."""
    return parse_name(person.sort_name) if "," in (person.sort_name or "") else _literal(person)


def _literal(person: Person) -> dict:
    return {"literal": person.title}


def parse_name(text: str) -> dict:
    """'Family, Given' (or 'Family, Given particle') as a CSL name; other text as a literal."""
    family, _, given = (part.strip() for part in text.partition(","))
    if not family or not given:
        return {"literal": text.strip()}
    words = given.split()
    particle = []
    while len(words) > 1 and words[-1][:1].islower():
        particle.insert(0, words.pop())
    name = {"family": family, "given": " ".join(words)}
    if particle:
        name["dropping-particle"] = " ".join(particle)
    return name


def parse_names(text: str) -> list[dict]:
    """'Family, Given; Family, Given' (Source.author and .editor) as CSL names."""
    return [parse_name(part) for part in (text or "").split(";") if part.strip()]


def _common(record: Model, url: str, accessed: datetime.date) -> Item:
    item: Item = {
        "id": f"{record._meta.model_name}-{record.slug}",
        "title": record.title,
        "URL": url,
        "accessed": csl_day(accessed),
    }
    summary = getattr(record, "summary", "")
    if summary:
        item["abstract"] = summary
    language = getattr(record, "language", "")
    if language:
        item["language"] = language
    return item


def _archive(record: Model, item: Item) -> None:
    """The archive holding the item, and the collection it sits in."""
    item["archive"] = site_name()
    collection = getattr(record, "collection", None)
    if collection is not None:
        item["archive_collection"] = collection.title


def _put_date(item: Item, variable: str, edtf_text: str) -> None:
    date = csl_date(edtf_text)
    if date:
        item[variable] = date


def _public_contributions(document: Document) -> list[Contribution]:
    """The document's contributions by public persons, in order: those its page prefetched
    (archive.kinds), else the same relation in one query."""
    prefetched = getattr(document, "public_contributions", None)
    if prefetched is not None:
        return prefetched
    relation = kind_of(document).relation("public_contributions")
    return list(relation.queryset().filter(document=document))


def record_item(record: Model, url: str, accessed: datetime.date | None = None) -> Item:
    """The CSL-JSON item citing a public record's page at `url` (an absolute address)."""
    accessed = accessed or timezone.localdate()
    item = _common(record, url, accessed)
    item["type"] = kind_of(record).csl_type
    if isinstance(record, Document):
        item["type"] = DOCUMENT_TYPES.get(record.kind, item["type"])
        for contribution in _public_contributions(record):
            variable = ROLE_VARIABLES.get(contribution.role)
            if variable:
                item.setdefault(variable, []).append(person_name(contribution.person))
        if record.original_title:
            item["original-title"] = record.original_title
        if record.publisher:
            item["publisher"] = record.publisher
        if record.place_id:
            item["publisher-place"] = record.place.name
        _put_date(item, "issued", record.date)
        _archive(record, item)
    elif isinstance(record, Photograph):
        item["medium"] = "Photograph"
        photographer = record.photographer
        if photographer is not None and visibility.is_public(photographer):
            item["author"] = [person_name(photographer)]
        _put_date(item, "issued", record.date)
        if record.place_id:
            item["publisher-place"] = record.place.name
        _archive(record, item)
    else:
        # Persons, trials and events are entries of the archive itself: web pages whose
        # container is the archive. A trial or event carries its own date.
        item["container-title"] = site_name()
        if isinstance(record, Trial | Event):
            _put_date(item, "issued", record.date)
        elif record.published_at is not None:
            item["issued"] = csl_day(record.published_at)
    return item


def exhibit_item(exhibit: Model, url: str, section: Model | None = None, accessed=None) -> Item:
    """The CSL-JSON item citing an exhibit (or one section of it) at `url`."""
    accessed = accessed or timezone.localdate()
    item: Item = {
        "id": f"exhibit-{exhibit.slug}" + (f"-{section.slug}" if section is not None else ""),
        "type": "webpage",
        "title": section.title if section is not None else exhibit.title,
        "container-title": exhibit.title if section is not None else site_name(),
        "publisher": site_name(),
        "URL": url,
        "accessed": csl_day(accessed),
    }
    if exhibit.published_at is not None:
        item["issued"] = csl_day(exhibit.published_at)
    if section is None and exhibit.summary:
        item["abstract"] = exhibit.summary
    return item


def short_title(title: str) -> str:
    """Chicago's short title of a work: its main title, without the subtitle after a colon
    ("Bukharin and the Bolshevik Revolution: A Political Biography" -> "Bukharin and the
    Bolshevik Revolution"); "" when the title has no subtitle (it is short already)."""
    main, colon, subtitle = title.partition(": ")
    return main.strip() if colon and main.strip() and subtitle.strip() else ""


def source_item(source: Source) -> Item:
    """A bibliography source as a CSL-JSON item; its key is the item's id. `title-short` is the
    main title, which shortened notes (Chicago's subsequent notes) give instead of the whole."""
    item: Item = {"id": source.key, "type": source.csl_type, "title": source.title}
    if short_title(source.title):
        item["title-short"] = short_title(source.title)
    for variable, text in (("author", source.author), ("editor", source.editor)):
        names = parse_names(text)
        if names:
            item[variable] = names
    fields = {
        "container-title": source.container_title,
        "publisher": source.publisher,
        "publisher-place": source.publisher_place,
        "volume": source.volume,
        "issue": source.issue,
        "page": source.page,
        "URL": source.url,
        "DOI": source.doi,
        "ISBN": source.isbn,
        "note": source.note,
    }
    item.update({key: value for key, value in fields.items() if value})
    _put_date(item, "issued", source.issued)
    return item
