"""schema.org JSON-LD for the public pages: what a search engine or a linked-data client reads
about a record, an exhibit or the site (https://schema.org/docs/gs.html#schemaorg_expected).

Each builder returns a plain dict for one page, or None when the object is not public: JSON-LD
describes public things only. Everything a dict names beside the record itself — portrait,
photographer, depicted persons, authors, defendants, judges, relations — passes the same rule as
the page (archive.visibility), and comes from what the record's detail view already loaded (its
select_related fields and its `public_*` prefetches), so building the dict issues no query.

A record or exhibit behind a content notice that the visitor has not acknowledged gets only its
type, address and name, as the page shows nothing more until the notice is acknowledged.

Dates: schema.org takes ISO 8601 dates, which cannot say "circa" or "perhaps". An EDTF date
becomes a schema.org date only to the precision that is certain (`1938-03-XX` -> `1938-03`);
approximate or uncertain dates (`1888~`, `1925?`), decades (`192X`) and the like are left out
rather than stated more firmly than the archive states them. The page shows them in full.
"""

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from archive import dates, visibility
from archive.kinds import kind_of
from archive.models import (
    Collection,
    Document,
    Event,
    Person,
    PersonRelation,
    Photograph,
    Place,
    Record,
    Trial,
)
from archive.site import site_name

SCHEMA_CONTEXT = "https://schema.org"

JSONDict = dict[str, Any]
# Turns a site path into an absolute URL (request.build_absolute_uri).
Absolute = Callable[[str], str]


# Dates ---------------------------------------------------------------------------------------

# A calendar date with optional unspecified month or day ("1938-03-XX"), and no qualifier.
_CERTAIN_DATE = re.compile(r"(\d{4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?")


def schema_date(text: str) -> str | None:
    """Return the ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD) that EDTF text states for certain.

    None for empty or invalid text, qualified dates (~ ? %), unspecified years, seasons, sets
    and intervals: schema.org has no way to say "approximately".
    """
    text = (text or "").strip()
    match = _CERTAIN_DATE.fullmatch(text)
    if not match or match.group(1) == "0000":
        return None
    try:
        dates.parse(text)
    except ValidationError:
        return None
    year, month, day = match.groups()
    if not month or month == "XX":
        return year
    if not day or day == "XX":
        return f"{year}-{month}"
    return f"{year}-{month}-{day}"


def schema_date_range(text: str) -> tuple[str | None, str | None]:
    """Return (start, end) for an EDTF date or interval, each end only if it is certain.

    A single date is a start with no stated end ("1938-03-15" -> ("1938-03-15", None)); an
    interval gives both ends ("1938-03-02/1938-03-13"), an open one only its known end.
    """
    text = (text or "").strip()
    try:
        dates.parse(text)
    except ValidationError:
        return None, None
    if "/" not in text:
        return schema_date(text), None
    start, _, end = text.partition("/")
    return schema_date(start), schema_date(end)


# Serialising ---------------------------------------------------------------------------------

# JSON inside <script> must not contain "</script>" or "<!--": escape <, > and & as JSON
# \u escapes (the same characters Django's json_script escapes); the JSON value is unchanged.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def to_script(data: JSONDict | None) -> SafeString:
    """Return `<script type="application/ld+json">` holding data, safe inside HTML; "" for None."""
    if not data:
        return SafeString("")
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),  # noqa: S308 (escaped above)
    )


# Shared pieces -------------------------------------------------------------------------------


def compact(data: JSONDict) -> JSONDict:
    """Drop the properties with no value (None, "", empty lists)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def archive_organization(absolute: Absolute) -> JSONDict:
    """The archive itself, as the organisation holding the records and publishing the site."""
    home = absolute(reverse("archive:home"))
    return {
        "@type": "ArchiveOrganization",
        "@id": f"{home}#archive",
        "name": site_name(),
        "url": home,
    }


def person_ref(person: Person, absolute: Absolute) -> JSONDict:
    """A public person named by another record: type, name and address."""
    url = absolute(person.get_absolute_url())
    return {"@type": "Person", "@id": url, "name": person.title, "url": url}


def record_ref(record: Record, absolute: Absolute) -> JSONDict:
    url = absolute(record.get_absolute_url())
    return {"@type": schema_type(record), "@id": url, "name": record.title, "url": url}


def public_persons(persons: Iterable[Person | None], absolute: Absolute) -> list[JSONDict]:
    """References to the public persons among `persons`, each once, in order."""
    seen: set[int] = set()
    refs = []
    for person in persons:
        if person is None or person.pk in seen or not visibility.is_public(person):
            continue
        seen.add(person.pk)
        refs.append(person_ref(person, absolute))
    return refs


def place_data(place: Place | None) -> JSONDict | None:
    if place is None:
        return None
    data: JSONDict = {"@type": "Place", "name": place.name}
    if place.latitude is not None and place.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }
    if place.wikidata_id:
        data["sameAs"] = wikidata_uri(place.wikidata_id)
    return data


def collection_data(collection: Collection | None) -> JSONDict | None:
    if collection is None:
        return None
    return compact(
        {"@type": "Collection", "name": collection.title, "description": collection.description}
    )


def wikidata_uri(identifier: str) -> str:
    """The Wikidata entity's concept URI (https://www.wikidata.org/wiki/Wikidata:Identifiers)."""
    return f"http://www.wikidata.org/entity/{identifier}"


def viaf_uri(identifier: str) -> str:
    """The VIAF cluster's permanent URI (https://viaf.org)."""
    return f"http://viaf.org/viaf/{identifier}"


def image_data(photograph: Photograph | None, absolute: Absolute) -> JSONDict | None:
    """An ImageObject for a public photograph's files, through the visibility-checked file route."""
    if photograph is None or not visibility.is_public(photograph):
        return None
    if not (photograph.image or photograph.thumbnail):
        return None

    def file_url(variant: str) -> str:
        path = reverse(
            "archive:photograph-file", kwargs={"slug": photograph.slug, "variant": variant}
        )
        return absolute(path)

    return compact(
        {
            "@type": "ImageObject",
            "contentUrl": file_url("original") if photograph.image else None,
            "thumbnailUrl": file_url("thumbnail") if photograph.thumbnail else None,
            "width": photograph.width if photograph.image else None,
            "height": photograph.height if photograph.image else None,
            "sha256": photograph.sha256 or None,
            "caption": photograph.alt_text,
            "url": absolute(photograph.get_absolute_url()),
        }
    )


def _record_base(record: Record, absolute: Absolute) -> JSONDict:
    """What every record's JSON-LD says: its type, address, name, description and vocabulary."""
    url = absolute(record.get_absolute_url())
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": schema_type(record),
        "@id": url,
        "url": url,
        "name": record.title,
        "description": record.summary or record.description,
        "keywords": [subject.name for subject in record.subjects.all()],
    }


def _creative_work(record: Record, absolute: Absolute) -> JSONDict:
    """Properties of a record that is itself a work held by the archive (document, photograph)."""
    return {
        "isPartOf": collection_data(record.collection),
        "holdingArchive": archive_organization(absolute),
        "license": record.rights.uri if record.rights else None,
        "inLanguage": record.language,
    }


# Types ---------------------------------------------------------------------------------------

# Document kinds as schema.org types; the kind's own name goes in `genre` as well.
DOCUMENT_TYPES = {
    Document.Kind.BOOK: "Book",
    Document.Kind.PAMPHLET: "Pamphlet",
    Document.Kind.ARTICLE: "Article",
    Document.Kind.LETTER: "Message",
    Document.Kind.NEWSPAPER: "Newspaper",
    Document.Kind.DECREE: "Legislation",
    Document.Kind.NOVEL: "Book",
}
# Kinds that are written or said rather than published: their date is `dateCreated`.
UNPUBLISHED_KINDS = {Document.Kind.LETTER, Document.Kind.SPEECH, Document.Kind.TRANSCRIPT}


# Records that are items the archive holds, not entries about something: they are also
# ArchiveComponents (https://schema.org/ArchiveComponent).
ARCHIVE_COMPONENTS = (Document, Photograph)


def schema_type(record: Record) -> str | list[str]:
    """The schema.org type of a record: its kind's (archive.kinds), a document's refined by its
    own kind, and ArchiveComponent beside it for items the archive holds."""
    found = kind_of(record).schema_type
    if isinstance(record, Document):
        found = DOCUMENT_TYPES.get(record.kind, found)
    return [found, "ArchiveComponent"] if isinstance(record, ARCHIVE_COMPONENTS) else found


# Records -------------------------------------------------------------------------------------

# How a relation reads as a schema.org property, from the person's side and from the related
# person's side. Relations with no such property (prosecutor of, interceded for, co-defendant
# with) are left to the page.
_RELATION_PROPERTIES = {
    PersonRelation.Kind.SPOUSE: ("spouse", "spouse"),
    PersonRelation.Kind.PARENT: ("children", "parent"),
    PersonRelation.Kind.COLLEAGUE: ("colleague", "colleague"),
    PersonRelation.Kind.COAUTHOR: ("colleague", "colleague"),
    PersonRelation.Kind.FRIEND: ("knows", "knows"),
    PersonRelation.Kind.ALLY: ("knows", "knows"),
    PersonRelation.Kind.RIVAL: ("knows", "knows"),
    PersonRelation.Kind.MENTOR: ("knows", "knows"),
    PersonRelation.Kind.INTERLOCUTOR: ("knows", "knows"),
}


def person_json_ld(person: Person, absolute: Absolute) -> JSONDict:
    """A Person, as PersonDetailView loads it (alternate names and public relations)."""
    alternate = []
    for name in person.alternate_names.all():
        if name.name != person.title and name.name not in alternate:
            alternate.append(name.name)
    related: dict[str, list[Person]] = {}
    for relation in getattr(person, "public_relations", []):
        prop = _RELATION_PROPERTIES.get(relation.kind)
        if prop:
            related.setdefault(prop[0], []).append(relation.related)
    for relation in getattr(person, "public_inverse_relations", []):
        prop = _RELATION_PROPERTIES.get(relation.kind)
        if prop:
            related.setdefault(prop[1], []).append(relation.person)
    same_as = []
    if person.wikidata_id:
        same_as.append(wikidata_uri(person.wikidata_id))
    if person.viaf_id:
        same_as.append(viaf_uri(person.viaf_id))
    data = _record_base(person, absolute) | {
        "alternateName": alternate,
        "birthDate": schema_date(person.birth),
        "deathDate": schema_date(person.death),
        "birthPlace": place_data(person.birth_place),
        "deathPlace": place_data(person.death_place),
        "image": image_data(person.portrait, absolute),
        "sameAs": same_as,
    }
    for prop, persons in sorted(related.items()):
        data[prop] = public_persons(persons, absolute)
    return compact(data)


def photograph_json_ld(photograph: Photograph, absolute: Absolute) -> JSONDict:
    """A Photograph, as PhotographDetailView loads it (public depictions)."""
    image = image_data(photograph, absolute)
    depicted = [depiction.person for depiction in getattr(photograph, "public_depictions", [])]
    data = (
        _record_base(photograph, absolute)
        | _creative_work(photograph, absolute)
        | {
            "caption": photograph.caption or photograph.alt_text,
            "dateCreated": schema_date(photograph.date),
            "creator": public_persons([photograph.photographer], absolute),
            "about": public_persons(depicted, absolute),
            "locationCreated": place_data(photograph.place),
            "creditText": photograph.credit_line,
            "image": image,
            "thumbnailUrl": image.get("thumbnailUrl") if image else None,
        }
    )
    return compact(data)


# Contribution roles as schema.org properties of the document (recipients only on messages).
_ROLE_PROPERTIES = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "signatory": "contributor",
    "subject": "about",
    "recipient": "recipient",
}


def document_json_ld(document: Document, absolute: Absolute) -> JSONDict:
    """A Book, Article, Message… as DocumentDetailView loads it (public contributions)."""
    roles: dict[str, list[Person]] = {}
    for contribution in getattr(document, "public_contributions", []):
        prop = _ROLE_PROPERTIES[contribution.role]
        if prop == "recipient" and document.kind != Document.Kind.LETTER:
            continue
        roles.setdefault(prop, []).append(contribution.person)
    date_property = "dateCreated" if document.kind in UNPUBLISHED_KINDS else "datePublished"
    data = (
        _record_base(document, absolute)
        | _creative_work(document, absolute)
        | {
            "genre": document.get_kind_display(),
            "alternateName": document.original_title,
            date_property: schema_date(document.date),
            "publisher": (
                {"@type": "Organization", "name": document.publisher}
                if document.publisher
                else None
            ),
            "locationCreated": place_data(document.place),
        }
    )
    for prop, persons in roles.items():
        data[prop] = public_persons(persons, absolute)
    return compact(data)


def _role(role_name: str, person: JSONDict) -> JSONDict:
    """A person in a named role (https://schema.org/Role): "judge", "prosecutor"."""
    return {"@type": "Role", "roleName": role_name, "contributor": person}


def trial_json_ld(trial: Trial, absolute: Absolute) -> JSONDict:
    """A trial as an Event, as TrialDetailView loads it: the court organises it, public
    defendants are what it is about, public judges and prosecutor contribute in their roles."""
    start, end = schema_date_range(trial.date)
    defendants = [row.person for row in getattr(trial, "public_defendants", [])]
    contributors = [
        _role("judge", ref) for ref in public_persons(getattr(trial, "public_judges", []), absolute)
    ] + [_role("prosecutor", ref) for ref in public_persons([trial.prosecutor], absolute)]
    data = _record_base(trial, absolute) | {
        "startDate": start,
        "endDate": end,
        "location": place_data(trial.place),
        "organizer": {"@type": "Organization", "name": trial.court} if trial.court else None,
        "about": public_persons(defendants, absolute),
        "contributor": contributors,
        "recordedIn": [
            record_ref(document, absolute) for document in getattr(trial, "public_documents", [])
        ],
    }
    return compact(data)


def event_json_ld(event: Event, absolute: Absolute) -> JSONDict:
    """An Event, as EventDetailView loads it (public persons, who are what it is about)."""
    start, end = schema_date_range(event.date)
    data = _record_base(event, absolute) | {
        "startDate": start,
        "endDate": end,
        "location": place_data(event.place),
        "about": public_persons(getattr(event, "public_persons", []), absolute),
    }
    return compact(data)


def record_base_json_ld(record: Record, absolute: Absolute) -> JSONDict:
    """What any record says, for a kind with no builder of its own."""
    return compact(_record_base(record, absolute))


_BUILDERS: dict[type, Callable[[Any, Absolute], JSONDict]] = {
    Person: person_json_ld,
    Photograph: photograph_json_ld,
    Document: document_json_ld,
    Trial: trial_json_ld,
    Event: event_json_ld,
}


def record_json_ld(
    record: Record, request: HttpRequest, *, withheld: bool = False
) -> JSONDict | None:
    """Return the JSON-LD of a record's page, or None unless the record is public.

    `withheld`: the page shows a content notice in place of the record (archive.notices), so
    the JSON-LD says no more than the notice page does: what the record is and its name.
    """
    if not visibility.is_public(record):
        return None
    absolute = request.build_absolute_uri
    if withheld:
        return {"@context": SCHEMA_CONTEXT} | record_ref(record, absolute)
    return _BUILDERS.get(type(record), record_base_json_ld)(record, absolute)


# The site ------------------------------------------------------------------------------------


def website_json_ld(request: HttpRequest) -> JSONDict:
    """The home page: the WebSite, with its search, published by the archive."""
    absolute = request.build_absolute_uri
    home = absolute(reverse("archive:home"))
    organization = archive_organization(absolute)
    website: JSONDict = {
        "@type": "WebSite",
        "@id": f"{home}#website",
        "name": site_name(),
        "url": home,
        "publisher": {"@id": organization["@id"]},
    }
    try:
        search = absolute(reverse("search"))
    except NoReverseMatch:  # a site without the search page offers no search action
        search = ""
    if search:
        website["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{query}}"},
        }
    return {"@context": SCHEMA_CONTEXT, "@graph": [website, organization]}
