"""The search page and its JSON, included at the site root by config/urls.py.

The names are not namespaced: templates/base.html links to the page by the name "search".
"""

from django.urls import path

from search.views import SearchJSONView, SearchView

urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("search.json", SearchJSONView.as_view(), name="search-json"),
]
