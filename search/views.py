"""The search page and its JSON twin: the same parameters, the same search, two renderings.

Both parse the query string with SearchForm (search.forms) and ask `search.engine.search()`,
which counts only what the public may see. The HTML page never fails on a bad parameter: it says
what it could not use and searches with the rest. The JSON answers 400 with the errors instead.
What the page and the JSON show is made by search.presentation.
"""

from urllib.parse import urlencode

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.generic import TemplateView, View

from search.engine import search
from search.forms import SearchForm
from search.presentation import (
    Links,
    chips,
    facet_panels,
    hits_with_pictures,
    page_links,
    query_params,
    search_json,
)
from search.query import FACETS, SORTS, SearchQuery, SearchResults


class SearchMixin:
    """Parses the request's query string with SearchForm; shared by the page and the JSON."""

    form_class = SearchForm

    def get_form_class(self) -> type[SearchForm]:
        """Override to accept other parameters."""
        return self.form_class

    def get_form_kwargs(self) -> dict:
        """Override to parse something other than the query string."""
        return {"data": self.request.GET}

    def get_form(self) -> SearchForm:
        return self.get_form_class()(**self.get_form_kwargs())

    def get_results(self, query: SearchQuery) -> SearchResults:
        """Override to search differently (another backend, a fixed filter)."""
        return search(query)


class SearchView(SearchMixin, TemplateView):
    """/search/: the page. Bad parameters become messages; the page always renders."""

    template_name = "search/search.html"

    def get(self, request: HttpRequest, *args, **kwargs):
        form = self.get_form()
        form.is_valid()
        query = form.search_query(lenient=True)
        results = self.get_results(query)
        messages = form.error_messages()
        past_end = query.page > results.page_count
        context = self.get_context_data(
            form=form, query=query, results=results, messages=messages, past_end=past_end
        )
        return self.render_to_response(context)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        query, results = context["query"], context["results"]
        links = Links(self.request.path, query)
        form = context["form"]
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
        form = self.get_form()
        if not form.is_valid():
            return JsonResponse({"errors": form.error_dict()}, status=400)
        query = form.search_query()
        results = self.get_results(query)
        if query.page > results.page_count:
            error = f"Page {query.page} is past the last page ({results.page_count})."
            return JsonResponse({"errors": {"page": [error]}}, status=400)
        return JsonResponse(
            search_json(results, request), json_dumps_params={"ensure_ascii": False}
        )
