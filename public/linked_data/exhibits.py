"""schema.org JSON-LD for exhibit and section pages (see public.linked_data for the rules).

An online exhibit is a CreativeWork published by the archive, made of its sections (`hasPart`);
a section is a CreativeWork that is part of its exhibit. The cover is named only if it is public.
"""

from django.http import HttpRequest

from archive import visibility
from exhibits.models import Exhibit, Section
from public.linked_data import (
    SCHEMA_CONTEXT,
    Absolute,
    JSONDict,
    archive_organization,
    compact,
    image_data,
)


def _exhibit_ref(exhibit: Exhibit, absolute: Absolute) -> JSONDict:
    url = absolute(exhibit.get_absolute_url())
    return {"@type": "CreativeWork", "@id": url, "name": exhibit.title, "url": url}


def _section_ref(section: Section, position: int, absolute: Absolute) -> JSONDict:
    url = absolute(section.get_absolute_url())
    return {
        "@type": "CreativeWork",
        "@id": url,
        "name": section.title,
        "url": url,
        "position": position,
    }


def exhibit_json_ld(
    exhibit: Exhibit, sections: list[Section], request: HttpRequest, *, withheld: bool = False
) -> JSONDict | None:
    """Return the JSON-LD of an exhibit's page, or None unless the exhibit is public;
    `withheld` (a content notice not yet acknowledged) leaves only its type, address and name."""
    if not visibility.is_public(exhibit):
        return None
    absolute = request.build_absolute_uri
    if withheld:
        return {"@context": SCHEMA_CONTEXT} | _exhibit_ref(exhibit, absolute)
    credits = [line.strip() for line in exhibit.credits.splitlines() if line.strip()]
    data = (
        {"@context": SCHEMA_CONTEXT}
        | _exhibit_ref(exhibit, absolute)
        | {
            "headline": exhibit.title,
            "alternativeHeadline": exhibit.subtitle,
            "description": exhibit.summary,
            "datePublished": exhibit.published_at,
            "dateModified": exhibit.updated_at,
            "publisher": archive_organization(absolute),
            "creditText": "; ".join(credits),
            "image": image_data(exhibit.cover, absolute),
            "hasPart": [
                _section_ref(section, index, absolute)
                for index, section in enumerate(sections, start=1)
            ],
        }
    )
    return compact(data)


def section_json_ld(
    section: Section, position: int, request: HttpRequest, *, withheld: bool = False
) -> JSONDict | None:
    """Return the JSON-LD of a section's page (its exhibit loaded), or None unless public;
    `withheld` (a content notice not yet acknowledged) leaves only its type, address, name and
    place in the exhibit."""
    exhibit = section.exhibit
    if not visibility.is_public(exhibit):
        return None
    absolute = request.build_absolute_uri
    if withheld:
        return {"@context": SCHEMA_CONTEXT} | _section_ref(section, position, absolute)
    data = (
        {"@context": SCHEMA_CONTEXT}
        | _section_ref(section, position, absolute)
        | {
            "isPartOf": _exhibit_ref(exhibit, absolute),
            "publisher": archive_organization(absolute),
            "datePublished": exhibit.published_at,
        }
    )
    return compact(data)
