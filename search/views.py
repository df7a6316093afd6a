"""The search page and its JSON twin: the same parameters, the same search, two renderings.

Both parse the query string with SearchForm (search.forms) and ask `search.engine.search()`,
which counts only what the public may see. The HTML page never fails on a bad parameter: it says
what it could not use and searches with the rest. The JSON answers 400 with the errors instead.
What the page and the JSON show is made by search.presentation.
"""

from dataclasses import replace
from urllib.parse import urlencode

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView, View

from archive.cors import public_cors
from search.browse import (
    VOCABULARIES,
    VOCABULARY_PER_PAGE,
    VOCABULARY_SORTS,
    BrowsePage,
    page_for,
)
from search.engine import search
from search.facets import vocabulary as vocabulary_page
from search.forms import SearchForm, VocabularyForm
from search.presentation import (
    Links,
    best_match_data,
    chips,
    facet_panels,
    hits_with_pictures,
    letter_links,
    numbered_pages,
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

    def get_links(self, query: SearchQuery) -> Links:
        """Override to leave out of the page's URLs what its address stands for."""
        return Links(self.request.path, query)

    def get_facet_panels(self, results: SearchResults, links: Links) -> list[dict]:
        """Override to show other facets."""
        return facet_panels(results, links)

    def get_sorts(self, query: SearchQuery) -> list[tuple[str, str]]:
        """The orders the sort form offers. Without words to rank by, "relevance" lists by
        title: the form says so."""
        return [item for item in SORTS.items() if query.text or item[0] != "relevance"]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        query, results = context["query"], context["results"]
        links = self.get_links(query)
        form = context["form"]
        active = chips(results, links, form.place_names())
        context.update(
            hits=hits_with_pictures(results.hits),
            best_match=best_match_data(results.best_match),
            notes=form.notes,
            facets=self.get_facet_panels(results, links),
            chips=active,
            # The Filters button counts the filters chosen (not the search text).
            filter_count=len(active) - bool(query.text),
            clear_url=links.url(SearchQuery(text=query.text, sort=query.sort)),
            browse_url=self.request.path,
            pages=page_links(results, links),
            sorts=self.get_sorts(query),
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
            has_filters=any(query.selected(f) for f in FACETS if f not in links.fixed)
            or query.year_from is not None
            or query.year_to is not None
            or bool(query.initial or query.place),
        )
        return context


class BrowseView(SearchView):
    """/persons/, /documents/, …: a kind's records. A search with the kind fixed by the address
    (so the page's URLs never carry it), the kind's facets, sort orders and layout
    (search.browse), and for persons an A–Z bar."""

    template_name = "search/browse.html"
    kind = ""  # set by as_view(kind=…)

    @property
    def page(self) -> BrowsePage:
        return page_for(self.kind)

    def get_form(self) -> SearchForm:
        form = super().get_form()
        del form.fields["kind"]
        if not self.page.letters:
            del form.fields["letter"]
        return form

    def get_results(self, query: SearchQuery) -> SearchResults:
        query = replace(query, kind=(self.kind,), initials=self.page.letters)
        return super().get_results(query)

    def get_links(self, query: SearchQuery) -> Links:
        return Links(self.request.path, query, fixed=("kind",))

    def get_facet_panels(self, results: SearchResults, links: Links) -> list[dict]:
        return facet_panels(results, links, facets=self.page.facets, headings=self.page.headings)

    def get_sorts(self, query: SearchQuery) -> list[tuple[str, str]]:
        return self.page.sorts(bool(query.text))

    def get_context_data(self, **kwargs) -> dict:
        # The query as searched: with its kind, so that the JSON twin and the chips see it.
        kwargs["query"] = kwargs["results"].query
        context = super().get_context_data(**kwargs)
        links = self.get_links(context["query"])
        context.update(
            browse=self.page,
            record_kind=self.page.record_kind,
            letters=letter_links(context["results"], links) if self.page.letters else None,
        )
        return context


class VocabularyView(TemplateView):
    """/subjects/ and /collections/: a vocabulary's values that public records have, each with
    its count and a link to the search for its records; by name or by count, a page at a
    time."""

    template_name = "search/vocabulary.html"
    facet = ""  # set by as_view(facet=…)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        vocabulary = VOCABULARIES[self.facet]
        form = VocabularyForm(data=self.request.GET)
        form.is_valid()
        order = form.cleaned_data.get("sort") or "name"
        page = form.cleaned_data.get("page") or 1
        total, values = vocabulary_page(
            self.facet, order, VOCABULARY_PER_PAGE, (page - 1) * VOCABULARY_PER_PAGE
        )
        page_count = max(1, -(-total // VOCABULARY_PER_PAGE))
        search_url = reverse("search")

        def url(**changes) -> str:
            params = {"sort": order, "page": page, **changes}
            kept = [(k, v) for k, v in params.items() if v not in ("name", 1)]
            return f"{self.request.path}?{urlencode(kept)}" if kept else self.request.path

        context.update(
            vocabulary=vocabulary,
            messages=form.error_messages(),
            total=total,
            values=[
                {
                    "label": value.label,
                    "count": f"{value.count:,}",
                    "n": value.count,
                    "url": f"{search_url}?{urlencode({self.facet: value.value})}",
                }
                for value in values
            ],
            page=page,
            page_count=page_count,
            past_end=page > page_count,
            first_number=(page - 1) * VOCABULARY_PER_PAGE + 1,
            pages=numbered_pages(page, page_count, lambda number: url(page=number)),
            sorts=list(VOCABULARY_SORTS.items()),
            sort_shown=order,
        )
        return context


@method_decorator(public_cors, name="dispatch")  # cross-origin reads (archive.cors)
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
            search_json(results, request, form.notes), json_dumps_params={"ensure_ascii": False}
        )
