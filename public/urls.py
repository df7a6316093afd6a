from django.urls import path

from public import favicon, places, views

app_name = "archive"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("favicon.ico", favicon.favicon_ico, name="favicon"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("persons/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("documents/<slug:slug>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path(
        "photographs/<slug:slug>/", views.PhotographDetailView.as_view(), name="photograph-detail"
    ),
    path(
        "photographs/<slug:slug>/<str:variant>.img",
        views.photograph_file,
        name="photograph-file",
    ),
    path(
        "documents/<slug:slug>/pages/<int:page>.img",
        views.document_page_file,
        name="document-page-file",
    ),
    path("trials/<slug:slug>/", views.TrialDetailView.as_view(), name="trial-detail"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("places/", places.PlaceListView.as_view(), name="place-list"),
    path("places/<slug:slug>/", places.PlaceDetailView.as_view(), name="place-detail"),
]
