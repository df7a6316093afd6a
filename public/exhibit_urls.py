from django.urls import path

from public import exhibit_views as views

app_name = "exhibits"

urlpatterns = [
    path("", views.ExhibitListView.as_view(), name="exhibit-list"),
    path("<slug:slug>/", views.ExhibitDetailView.as_view(), name="exhibit-detail"),
    path(
        "<slug:exhibit_slug>/<slug:slug>/",
        views.SectionDetailView.as_view(),
        name="section-detail",
    ),
]
