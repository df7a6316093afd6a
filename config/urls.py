from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Vitrine — curators"
admin.site.site_title = "Vitrine admin"
admin.site.index_title = "The archive"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("archive.cite.urls")),
    path("exhibits/", include("exhibits.urls")),
    path("oai/", include("archive.oai.urls")),
    path("api/", include("api.urls")),
    path("iiif/", include("archive.iiif.urls")),
    path("", include("archive.search.urls")),
    path("", include("archive.discovery.urls")),
    path("", include("archive.urls")),
]
