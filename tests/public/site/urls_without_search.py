"""The site's URLs as they were before the search page existed."""

from django.urls import include, path

urlpatterns = [
    path("exhibits/", include("public.exhibit_urls")),
    path("", include("public.urls")),
]
