"""A featured search's saved query: the query string of a search page, read by the search form
(search.forms, the one home of search parameters) and kept in one tidy spelling.

Curators may paste a whole search address, a path with its query string, or the query string
alone. A saved query is refused, with the reasons, when the search form rejects a value, when it
names a parameter the search does not have, and when it asks for nothing (no text, no filter). A
saved search always starts on its first page, so `page` is dropped.
"""

from dataclasses import replace
from urllib.parse import urlencode

from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse

from search.forms import PARAMETERS, SearchForm, shown
from search.presentation import query_params
from search.query import FACETS, SearchQuery

DROPPED = ("page",)  # parameters a saved search leaves out


def query_string(value: str) -> str:
    """The query string of a search address, of a path with one, or the value itself."""
    text = (value or "").strip().partition("#")[0]
    return text.partition("?")[2] if "?" in text else text


def asks_for_something(query: SearchQuery) -> bool:
    """Whether a search narrows the archive: search text, a filter, years or a letter."""
    return bool(
        query.text
        or query.initial
        or query.year_from is not None
        or query.year_to is not None
        or any(query.selected(facet) for facet in FACETS)
    )


def parse(value: str) -> SearchQuery:
    """The search a saved query asks for, on its first page; raise ValidationError with every
    reason it cannot be used."""
    try:
        data = QueryDict(query_string(value))
    except SuspiciousOperation:  # more parameters than a request may carry
        raise ValidationError("This search has too many parameters.") from None
    errors = [
        f"“{shown(name)}” is not a search parameter." for name in data if name not in PARAMETERS
    ]
    form = SearchForm(data=data)
    if not form.is_valid():
        errors += form.error_messages()
    if errors:
        raise ValidationError(errors)
    query = form.search_query()
    errors = list(form.notes)
    if not errors and not asks_for_something(query):
        errors.append("A featured search needs search text or at least one filter.")
    if errors:
        raise ValidationError(errors)
    return replace(query, page=1)


def canonical(query: SearchQuery) -> str:
    """The query string of a search as the search page writes it (defaults left out)."""
    return urlencode(query_params(query, without=DROPPED))


def search_url(query: SearchQuery) -> str:
    """The search page's address for this search, or "" on a site without a search page."""
    try:
        path = reverse("search")
    except NoReverseMatch:
        return ""
    params = canonical(query)
    return f"{path}?{params}" if params else path
