"""/api/: version 1 of the JSON API, its OpenAPI schema and its documentation pages."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from api import docs, views
from archive.cors import public_cors

app_name = "api"

router = SimpleRouter()
router.register("persons", views.PersonViewSet, basename="person")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("photographs", views.PhotographViewSet, basename="photograph")
router.register("trials", views.TrialViewSet, basename="trial")
router.register("events", views.EventViewSet, basename="event")
router.register("places", views.PlaceViewSet, basename="place")
router.register("collections", views.CollectionViewSet, basename="collection")
router.register("subjects", views.SubjectViewSet, basename="subject")
router.register("exhibits", views.ExhibitViewSet, basename="exhibit")

urlpatterns = [
    path("v1/", views.IndexView.as_view(), name="index"),
    path("v1/search/", views.SearchView.as_view(), name="search"),
    path(
        "v1/exhibits/<slug:exhibit_slug>/sections/<slug:slug>/",
        views.SectionView.as_view(),
        name="section-detail",
    ),
    path("v1/", include(router.urls)),
    path("schema/", public_cors(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", docs.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", docs.RedocView.as_view(url_name="api:schema"), name="redoc"),
    # Anything else under /api/ is a JSON 404, not the site's HTML page.
    re_path(r"^", views.NotFoundView.as_view(), name="not-found"),
]
