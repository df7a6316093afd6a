"""/api/v1/search/: the search page's search as JSON, through the search layer's own parts.

The query string is parsed by search's SearchForm (the same parameters, the same validation as
/search/ and /search.json), answered by `search.engine.search()` (public records only, facet
counts included) and shaped by search.presentation's `search_json`; this module adds API links
and describes the parameters and the answer for the OpenAPI schema. The kinds of record are the
registry's (archive.kinds).
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from api.pagination import page_link
from archive.kinds import KINDS
from search.best_match import KIND_ORDER
from search.forms import MAX_ID, MAX_SLUG, MAX_VALUES, MAX_YEAR, MIN_YEAR, PLACE_SLUG, SearchForm
from search.query import FACETS, MAX_PAGE, MAX_QUERY_LENGTH, SORTS


def _array(name: str, item: dict, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        {"type": "array", "items": item, "maxItems": MAX_VALUES},
        OpenApiParameter.QUERY,
        description=f"{description} Repeat the parameter for several values (OR).",
        style="form",
        explode=True,
    )


def _single(name: str, schema: dict, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, schema, OpenApiParameter.QUERY, description=description)


ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
YEAR = {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}
PARAMETERS = {
    "q": _single(
        "q",
        {"type": "string", "maxLength": MAX_QUERY_LENGTH},
        'Search text in web-search syntax: words, "a phrase", -excluded, OR.',
    ),
    "kind": _array(
        "kind", {"type": "string", "enum": [kind.name for kind in KINDS]}, "Kind of record."
    ),
    "decade": _array(
        "decade",
        {"type": "integer", "minimum": 0, "maximum": 9990, "multipleOf": 10},
        "A decade, written as its first year (1930).",
    ),
    "person": _array("person", ID, "A person's id: records about or by this person."),
    "subject": _array("subject", ID, "A subject's id."),
    "collection": _array("collection", ID, "A collection's id."),
    "place": _array(
        "place",
        {"type": "string", "pattern": PLACE_SLUG.pattern, "maxLength": MAX_SLUG},
        "A place's id or slug: the records that name the place themselves (an event's, document's, "
        "photograph's or trial's place, a person's place of birth or death), not the places "
        "within it. A value that names no place is an error (400).",
    ),
    "language": _array(
        "language",
        {"type": "string", "pattern": r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$", "maxLength": 10},
        "An ISO 639 language code (ru, en).",
    ),
    "has_image": _single(
        "has_image", {"type": "string", "enum": ["yes", "no"]}, "Only records with an image."
    ),
    "from": _single("from", YEAR, "Records dated in or after this year."),
    "to": _single("to", YEAR, "Records dated in or before this year."),
    "letter": _single(
        "letter",
        {"type": "string", "maxLength": 1},
        "Records filed under this initial of their sort title: a Latin or Cyrillic letter, or # "
        "for the rest (the persons A–Z).",
    ),
    "sort": _single("sort", {"type": "string", "enum": list(SORTS)}, "Order of the results."),
    "page": _single(
        "page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, "The page number, from 1."
    ),
}


def search_parameters() -> list[OpenApiParameter]:
    """The search parameters, in the form's order."""
    return [PARAMETERS[name] for name in SearchForm.base_fields]


# The answer --------------------------------------------------------------------------------------


class HitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[(kind.name, kind.label) for kind in KINDS])
    kind_label = serializers.CharField()
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    date = serializers.CharField(help_text="The record's date as people read it, or empty.")
    summary = serializers.CharField()
    snippet_html = serializers.CharField(
        help_text="Escaped text around the matches, which are marked with <mark>."
    )
    url = serializers.URLField(help_text="The record's page on the site.")
    api_url = serializers.URLField()
    thumbnail_url = serializers.CharField(help_text="A thumbnail's URL, or empty.")


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="The value as the parameter writes it.")
    label = serializers.CharField()
    count = serializers.IntegerField(min_value=0, help_text="Public records with it.")
    selected = serializers.BooleanField()


def _list_of(child: serializers.Field, **kwargs) -> serializers.ListField:
    return serializers.ListField(child=child, **kwargs)


# Classes built with type(): "from" and "to" are Python keywords, so they cannot be written as
# class attributes.
QueryEchoSerializer = type(
    "SearchParametersSerializer",
    (serializers.Serializer,),
    {
        "q": serializers.CharField(),
        "kind": _list_of(serializers.CharField()),
        "decade": _list_of(serializers.IntegerField()),
        "person": _list_of(serializers.IntegerField()),
        "subject": _list_of(serializers.IntegerField()),
        "collection": _list_of(serializers.IntegerField()),
        "place": _list_of(serializers.IntegerField(), help_text="Places, by id."),
        "language": _list_of(serializers.CharField()),
        "has_image": serializers.ChoiceField(choices=["yes", "no"], allow_null=True),
        "from": serializers.IntegerField(allow_null=True),
        "to": serializers.IntegerField(allow_null=True),
        "letter": serializers.CharField(),
        "sort": serializers.ChoiceField(choices=list(SORTS)),
        "page": serializers.IntegerField(min_value=1),
        "per_page": serializers.IntegerField(min_value=1),
    },
)
FacetsSerializer = type(
    "SearchFacetsSerializer",
    (serializers.Serializer,),
    {facet: FacetValueSerializer(many=True) for facet in FACETS},
)


@extend_schema_field(OpenApiTypes.URI)
class LinkField(serializers.CharField):
    pass


class BestMatchSerializer(serializers.Serializer):
    """What the search's words name (search.best_match), shown before the ranked results."""

    kind = serializers.ChoiceField(
        choices=list(KIND_ORDER), help_text="A person or trial (a record), a place or a subject."
    )
    kind_label = serializers.CharField()
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    date = serializers.CharField(help_text="A record's date as people read it, or empty.")
    summary = serializers.CharField(
        help_text="A record's summary; for a place or a subject, its count of public records."
    )
    snippet_html = serializers.CharField(help_text="The summary as escaped HTML.")
    url = serializers.URLField(
        help_text="Its page on the site: a record's or a place's page, a subject's search."
    )
    api_url = serializers.URLField(help_text="The same in the API.")
    thumbnail_url = serializers.CharField(help_text="A thumbnail's URL, or empty.")


class SearchAnswerSerializer(serializers.Serializer):
    query = QueryEchoSerializer(help_text="The parameters as understood.")
    total = serializers.IntegerField(min_value=0, help_text="Public records found.")
    page = serializers.IntegerField(min_value=1)
    page_count = serializers.IntegerField(min_value=1)
    per_page = serializers.IntegerField(min_value=1)
    next = LinkField(allow_null=True)
    previous = LinkField(allow_null=True)
    fuzzy_names = serializers.BooleanField(
        help_text="Nothing matched exactly: these are records of persons with similar names."
    )
    notes = _list_of(
        serializers.CharField(),
        help_text="What the search did with its text besides errors: text with no words to "
        "search for (only operators, or only words to leave out) is left out, and says so here.",
    )
    best_match = BestMatchSerializer(
        allow_null=True,
        help_text="The person, trial, place or subject the words name, on the first page of a "
        "text search; null when they name none, or two equally well.",
    )
    results = HitSerializer(many=True)
    facets = FacetsSerializer(help_text="Every facet's values with public counts.")


def with_api_links(data: dict, request: Request) -> dict:
    """search_json's answer plus the API address of each hit and of the best match, and the
    neighbouring pages' links."""
    best = data["best_match"]
    for item in [*data["results"], *([best] if best else [])]:
        path = reverse(f"api:{item['kind']}-detail", args=[item["slug"]])
        item["api_url"] = request.build_absolute_uri(path)
    page, last = data["page"], min(data["page_count"], MAX_PAGE)
    url = request.build_absolute_uri()
    data["per_page"] = data["query"]["per_page"]
    data["next"] = page_link(url, page + 1) if page < last else None
    data["previous"] = page_link(url, page - 1) if page > 1 else None
    return data
