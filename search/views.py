"""The search page and its JSON twin: the same parameters, the same search, two renderings.

Both parse the query string with SearchFilterSet and ask `search.search()`, which counts
only what the public may see. The HTML page never fails on a bad parameter: it says what it could
not use and searches with the rest. The JSON answers 400 with the errors instead. Every link the
page makes (facet values, chips, sort, pages) is a GET URL built from the parsed SearchQuery, so
each state is a permalink and junk in the address is not carried along.
"""

from urllib.parse import urlencode

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.generic import TemplateView, View

from archive.models.vocab import LANGUAGE_NAMES
from archive.pictures import derivative_sources
from search.engine import search
from search.facets import FACET_LABELS, KIND_LABELS
from search.filters import SearchFilterSet
from search.query import (
    FACETS,
    MAX_PAGE,
    SORTS,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
)

PAGE_WINDOW = 2  # page links shown either side of the current page
DEFAULTS = SearchQuery()
# URL parameter name -> SearchQuery attribute, in the order URLs list them.
PARAMETERS = {name: f.field_name for name, f in SearchFilterSet.base_filters.items()}
ATTRIBUTES = {attribute: name for name, attribute in PARAMETERS.items()}


# The SearchQuery as URL parameters ----------------------------------------------------------------


def param_value(facet: str, value: object) -> str:
    """A facet value as the URL writes it (has_image is yes/no)."""
    if facet == "has_image":
        return "yes" if value else "no"
    return str(value)


def attribute_params(name: str, attribute: str, value: object) -> list[tuple[str, str]]:
    """The URL parameters for one SearchQuery attribute; none for its default."""
    if value is None or value == getattr(DEFAULTS, attribute):
        return []
    values = value if isinstance(value, tuple) else (value,)
    return [(name, param_value(name, v)) for v in values]


def query_params(query: SearchQuery) -> list[tuple[str, str]]:
    """The URL parameters that ask for this query; defaults are left out."""
    return [
        param
        for name, attribute in PARAMETERS.items()
        for param in attribute_params(name, attribute, getattr(query, attribute))
    ]


def query_json(query: SearchQuery) -> dict:
    """The parsed parameters, by URL name, for the JSON answer."""
    data = {}
    for name, attribute in PARAMETERS.items():
        value = getattr(query, attribute)
        if name == "has_image" and value is not None:
            value = param_value(name, value)
        data[name] = list(value) if isinstance(value, tuple) else value
    data["per_page"] = query.per_page
    return data


class Links:
    """URLs for the states next to the current one: a value toggled, a filter removed, a page.

    A page links to ~80 of them, so each is made from the current query's parameters with only
    the changed attributes recomputed.
    """

    def __init__(self, path: str, query: SearchQuery) -> None:
        self.path, self.query = path, query
        self.params = {
            attribute: attribute_params(name, attribute, getattr(query, attribute))
            for name, attribute in PARAMETERS.items()
        }

    def url(self, query: SearchQuery) -> str:
        return self._url(query_params(query))

    def _url(self, params: list[tuple[str, str]]) -> str:
        return f"{self.path}?{urlencode(params)}" if params else self.path

    def changed(self, **changes) -> str:
        """The URL with these attributes changed; back to page 1 unless a page is given."""
        changes.setdefault("page", 1)
        if unknown := changes.keys() - ATTRIBUTES.keys():
            raise TypeError(f"Not a search attribute: {', '.join(sorted(unknown))}")
        params = []
        for name, attribute in PARAMETERS.items():
            if attribute in changes:
                params += attribute_params(name, attribute, changes[attribute])
            else:
                params += self.params[attribute]
        return self._url(params)

    def toggled(self, facet: str, value: object) -> str:
        """The URL with this facet value selected if it was not, and removed if it was."""
        current = getattr(self.query, facet)
        if facet == "has_image":
            return self.changed(has_image=None if current == value else value)
        values = tuple(v for v in current if v != value)
        if len(values) == len(current):
            values = (*current, value)
        return self.changed(**{facet: values})

    def hidden_fields(self, *, without: tuple[str, ...]) -> list[tuple[str, str]]:
        """Parameters a form must carry as hidden inputs, except those it asks for itself."""
        return [(name, value) for name, value in query_params(self.query) if name not in without]


# Results and facets as the page and the JSON show them ------------------------------------------


def hit_data(hit: Hit) -> dict:
    """A hit as the page and the JSON show it (URLs are paths)."""
    url = reverse(f"archive:{hit.kind}-detail", kwargs={"slug": hit.slug})
    thumbnail = ""
    if hit.thumbnail_slug:
        thumbnail = reverse(
            "archive:photograph-file", kwargs={"slug": hit.thumbnail_slug, "variant": "thumbnail"}
        )
    return {
        "kind": hit.kind,
        "kind_label": KIND_LABELS.get(hit.kind, hit.kind),
        "id": hit.object_id,
        "slug": hit.slug,
        "title": hit.title,
        "date": hit.date_text,
        "summary": hit.summary,
        "snippet_html": hit.snippet,
        "url": url,
        "thumbnail_url": thumbnail,
    }


def hits_with_pictures(hits: list[Hit]) -> list[dict]:
    """hit_data of each hit, with the display derivatives of image hits (WebP and JPEG srcsets,
    pixel size) for a <picture>, in one query for the page. The photographs are public: the
    index names only public images. Images without derivatives keep the plain thumbnail."""
    from archive.models import Photograph

    data = [{**hit_data(hit), "picture": None} for hit in hits]
    slugs = {hit.thumbnail_slug for hit in hits if hit.thumbnail_slug}
    if not slugs:
        return data
    records = dict(Photograph.objects.filter(slug__in=slugs).values_list("slug", "derivatives"))
    for hit, row in zip(hits, data, strict=True):
        record = records.get(hit.thumbnail_slug) or {}
        if record.get("sizes"):
            row["picture"] = derivative_sources(hit.thumbnail_slug, record)
    return data


def fallback_label(facet: str, value: object) -> str:
    """A label for a selected value the engine did not count (nothing public has it)."""
    if facet == "kind":
        return KIND_LABELS.get(str(value), str(value))
    if facet == "decade":
        return f"{value}s"
    if facet == "language":
        return LANGUAGE_NAMES.get(str(value), str(value))
    if facet == "has_image":
        return "With image" if value else "Without image"
    return f"#{value}"


def facet_values(results: SearchResults, facet: str) -> list[FacetValue]:
    """The engine's values of a facet, plus any selected value it did not count (as 0), so that
    every selection can be seen and undone."""
    values = list(results.facets.get(facet, []))
    counted = {v.value for v in values}
    for value in results.query.selected(facet):
        if value not in counted:
            values.append(FacetValue(value, fallback_label(facet, value), 0, selected=True))
    return values


def facet_panels(results: SearchResults, links: Links) -> list[dict]:
    panels = []
    for facet in FACETS:
        values = facet_values(results, facet)
        most = max((v.count for v in values), default=0) or 1
        panels.append(
            {
                "name": facet,
                "label": FACET_LABELS[facet],
                "values": [
                    {
                        "value": param_value(facet, v.value),
                        "label": v.label,
                        # As text, with thousands separators like the total: "(450,072)";
                        # the template would localize each number (~60 a page, a quarter
                        # of the facets' rendering).
                        "count": f"{v.count:,}",
                        "selected": v.selected,
                        "url": links.toggled(facet, v.value),
                        "percent": str(max(1, round(100 * v.count / most)) if v.count else 0),
                    }
                    for v in values
                ],
            }
        )
    return panels


def chips(results: SearchResults, links: Links) -> list[dict]:
    """The active filters, each with the URL that removes it."""
    query = results.query
    active = []
    if query.text:
        active.append({"label": f"Text: {query.text}", "url": links.changed(text="")})
    for facet in FACETS:
        labels = {v.value: v.label for v in facet_values(results, facet)}
        for value in query.selected(facet):
            label = labels.get(value) or fallback_label(facet, value)
            active.append(
                {"label": f"{FACET_LABELS[facet]}: {label}", "url": links.toggled(facet, value)}
            )
    if query.year_from is not None:
        active.append({"label": f"From {query.year_from}", "url": links.changed(year_from=None)})
    if query.year_to is not None:
        active.append({"label": f"To {query.year_to}", "url": links.changed(year_to=None)})
    return active


def page_links(results: SearchResults, links: Links) -> dict:
    page, last = results.query.page, min(results.page_count, MAX_PAGE)
    numbers = sorted(
        {1, last, *range(max(1, page - PAGE_WINDOW), min(last, page + PAGE_WINDOW) + 1)}
    )
    items, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            items.append({"gap": True})
        items.append(
            {
                "number": number,
                "url": links.changed(page=number),
                "current": number == page,
                "gap": False,
            }
        )
        previous = number
    return {
        "items": items if last > 1 else [],
        "previous": links.changed(page=page - 1) if 1 < page <= last + 1 else "",
        "next": links.changed(page=page + 1) if page < last else "",
        "last_url": links.changed(page=last),
        "last": last,
    }


def search_json(results: SearchResults, request: HttpRequest) -> dict:
    """The JSON answer: the parsed query, the page of results and every facet's counts."""
    return {
        "query": query_json(results.query),
        "total": results.total,
        "page": results.query.page,
        "page_count": results.page_count,
        "fuzzy_names": results.fuzzy_names,
        "results": [
            {
                **data,
                "url": request.build_absolute_uri(data["url"]),
                "thumbnail_url": data["thumbnail_url"]
                and request.build_absolute_uri(data["thumbnail_url"]),
            }
            for data in map(hit_data, results.hits)
        ],
        "facets": {
            facet: [
                {
                    "value": param_value(facet, v.value),
                    "label": v.label,
                    "count": v.count,
                    "selected": v.selected,
                }
                for v in results.facets.get(facet, [])
            ]
            for facet in FACETS
        },
    }


# Views -------------------------------------------------------------------------------------------


class SearchMixin:
    """Parses the request's query string with a FilterSet; shared by the page and the JSON."""

    filterset_class = SearchFilterSet

    def get_filterset_class(self) -> type[SearchFilterSet]:
        """Override to accept other parameters."""
        return self.filterset_class

    def get_filterset_kwargs(self) -> dict:
        """Override to parse something other than the query string."""
        return {"data": self.request.GET, "request": self.request}

    def get_filterset(self) -> SearchFilterSet:
        return self.get_filterset_class()(**self.get_filterset_kwargs())

    def get_results(self, query: SearchQuery) -> SearchResults:
        """Override to search differently (another backend, a fixed filter)."""
        return search(query)


class SearchView(SearchMixin, TemplateView):
    """/search/: the page. Bad parameters become messages; the page always renders."""

    template_name = "search/search.html"

    def get(self, request: HttpRequest, *args, **kwargs):
        filterset = self.get_filterset()
        filterset.is_valid()
        query = filterset.search_query(lenient=True)
        results = self.get_results(query)
        messages = filterset.error_messages()
        past_end = query.page > results.page_count
        context = self.get_context_data(
            filterset=filterset, query=query, results=results, messages=messages, past_end=past_end
        )
        return self.render_to_response(context)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        query, results = context["query"], context["results"]
        links = Links(self.request.path, query)
        form = context["filterset"].form
        context.update(
            hits=hits_with_pictures(results.hits),
            facets=facet_panels(results, links),
            chips=chips(results, links),
            clear_url=links.url(SearchQuery(text=query.text, sort=query.sort)),
            browse_url=self.request.path,
            pages=page_links(results, links),
            # Without words to rank by, "relevance" lists by title: the form says so.
            sorts=[item for item in SORTS.items() if query.text or item[0] != "relevance"],
            sort_shown="title" if not query.text and query.sort == "relevance" else query.sort,
            search_hidden=links.hidden_fields(without=("q", "page")),
            sort_hidden=links.hidden_fields(without=("sort", "page")),
            range_hidden=links.hidden_fields(without=("from", "to", "page")),
            range_values={
                name: str(form.data.get(name, ""))[:10] if name in form.errors else value
                for name, value in (("from", query.year_from), ("to", query.year_to))
            },
            range_errors={name: form.errors.get(name) for name in ("from", "to")},
            json_url=f"{reverse('search-json')}?{urlencode(query_params(query))}",
            has_filters=any(query.selected(f) for f in FACETS)
            or query.year_from is not None
            or query.year_to is not None,
        )
        return context


class SearchJSONView(SearchMixin, View):
    """/search.json: the same search as JSON; bad parameters answer 400 with the errors."""

    def get(self, request: HttpRequest, *args, **kwargs) -> JsonResponse:
        filterset = self.get_filterset()
        if not filterset.is_valid():
            return JsonResponse({"errors": filterset.error_dict()}, status=400)
        query = filterset.search_query()
        results = self.get_results(query)
        if query.page > results.page_count:
            error = f"Page {query.page} is past the last page ({results.page_count})."
            return JsonResponse({"errors": {"page": [error]}}, status=400)
        return JsonResponse(
            search_json(results, request), json_dumps_params={"ensure_ascii": False}
        )
