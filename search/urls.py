"""The search page and its JSON, and the browse pages, included at the site root by
config/urls.py.

The names are not namespaced: templates/base.html links to the page by the name "search", and to
the browse pages by "browse-<kind>" and "browse-<facet>" (search/templatetags/browse.py).
"""

from django.urls import path

from archive.kinds import KINDS
from search.browse import VOCABULARIES
from search.map_views import SearchGeoJSONView, SearchMapView
from search.views import BrowseView, SearchJSONView, SearchView, VocabularyView

urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("search.json", SearchJSONView.as_view(), name="search-json"),
    # Browsing, one page per kind of record (/persons/ …) and per vocabulary (/subjects/ …),
    # named browse-<kind> and browse-<facet>.
    *(
        path(f"{kind.url_prefix}/", BrowseView.as_view(kind=kind.name), name=f"browse-{kind.name}")
        for kind in KINDS
    ),
    *(
        path(f"{v.url_prefix}/", VocabularyView.as_view(facet=v.facet), name=f"browse-{v.facet}")
        for v in VOCABULARIES.values()
    ),
    path("search/map/", SearchMapView.as_view(), name="search-map"),
    path("search.geojson", SearchGeoJSONView.as_view(), name="search-geojson"),
]
