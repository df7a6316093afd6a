"""A search on a map: /search/map/ (the page) and /search.geojson (its GeoJSON twin).

Both take the search page's parameters (search.forms.SearchForm) and show the places of the
public records the search finds, each with its count (search.geo); the GeoJSON also takes
`bbox=west,south,east,north`. The page is a list of the places first, which a map (static/js/
map.js) draws when JavaScript runs. As with /search.json, the GeoJSON answers 400 with the
errors for a bad parameter, and the page says what it left out and shows the rest.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView, View

from archive.cors import public_cors
from archive.models import Place
from search.forms import SearchForm
from search.geo import GEOJSON_TYPE, MapForm, feature_collection, place_counts, within
from search.presentation import query_params
from search.query import SearchQuery


def map_settings() -> dict:
    """What every map is drawn with: the tile URL template and its attribution (settings)."""
    return {
        "map_tiles": settings.VITRINE_MAP_TILES,
        "map_attribution": settings.VITRINE_MAP_ATTRIBUTION,
    }


def place_urls(absolute: Callable[[str], str] = str) -> Callable[[Place], str]:
    """A function giving a place's page address, reversed once: a map may show thousands."""
    marker = "place-slug"
    head, _, tail = absolute(reverse("archive:place-detail", kwargs={"slug": marker})).rpartition(
        marker
    )
    return lambda place: f"{head}{place.slug}{tail}"


def map_params(query: SearchQuery) -> str:
    """The query string of a search's map: its parameters but its page and order."""
    return urlencode([(k, v) for k, v in query_params(query) if k not in ("page", "sort")])


@method_decorator(public_cors, name="dispatch")  # cross-origin reads (archive.cors)
class SearchGeoJSONView(View):
    """/search.geojson: the places of a search's public records as a GeoJSON FeatureCollection,
    readable from any site as /search.json is."""

    def get(self, request: HttpRequest, *args, **kwargs) -> JsonResponse:
        form = MapForm(data=request.GET)
        if not form.is_valid():
            return JsonResponse({"errors": form.error_dict()}, status=400)
        places = place_counts(form.search_query())
        data = feature_collection(
            within(places, form.cleaned_data["bbox"]),
            place_urls(request.build_absolute_uri),
            unlocated=sum(1 for item in places if not item.located),
        )
        return JsonResponse(
            data, content_type=GEOJSON_TYPE, json_dumps_params={"ensure_ascii": False}
        )


class SearchMapView(TemplateView):
    """/search/map/: the places of a search, as a list and on a map."""

    template_name = "archive/place_search_map.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        form = SearchForm(data=self.request.GET)
        form.is_valid()
        query = form.search_query(lenient=True)
        params = map_params(query)
        places = place_counts(query)
        context.update(
            map_settings(),
            query=query,
            messages=form.error_messages(),
            places=places,
            located=sum(1 for item in places if item.located),
            results_url=f"{reverse('search')}?{params}" if params else reverse("search"),
            geojson_url=f"{reverse('search-geojson')}?{params}"
            if params
            else reverse("search-geojson"),
        )
        return context
