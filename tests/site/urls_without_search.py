"""The site's URLs as they were before the search page existed."""

from django.urls import include, path

urlpatterns = [
    path("exhibits/", include("exhibits.urls")),
    path("", include("archive.urls")),
]
