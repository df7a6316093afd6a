"""The browse pages' links for every page: the navigation's list (`{% browse_links as links %}`)
and a record page's breadcrumb to its kind's page (`{% browse_link record as crumb %}`).

Kinds come from the registry (archive.kinds) and the vocabularies from search.browse; places,
whose list is a map, are linked by public's page. A page whose URL does not resolve (a site
assembled without the search's URLs) is left out, as the navigation leaves out the search.
"""

from django import template
from django.db.models import Model
from django.urls import NoReverseMatch, reverse

from archive.kinds import KINDS, kind_of
from search.browse import VOCABULARIES

register = template.Library()

PLACES = ("archive:place-list", "Places")  # public's page of the places, on a map


def _link(name: str, label: str) -> dict | None:
    try:
        return {"label": label, "url": reverse(name)}
    except NoReverseMatch:
        return None


@register.simple_tag
def browse_links() -> list[dict]:
    """Every browse page as {label, url}: the kinds of record, places, then the vocabularies."""
    links = [
        *(_link(f"browse-{kind.name}", kind.label_plural) for kind in KINDS),
        _link(*PLACES),
        *(_link(f"browse-{v.facet}", v.label_plural) for v in VOCABULARIES.values()),
    ]
    return [link for link in links if link]


@register.simple_tag
def browse_link(record: Model) -> dict:
    """The browse page of a record's kind as {label, url} ("Persons", "/persons/"); the url is
    empty when there is no such page."""
    kind = kind_of(record)
    return _link(f"browse-{kind.name}", kind.label_plural) or {
        "label": kind.label_plural,
        "url": "",
    }
