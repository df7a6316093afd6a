from django.contrib import admin
from django.urls import include, path

from config.health import healthz

admin.site.site_header = "Vitrine — curators"
admin.site.site_title = "Vitrine admin"
admin.site.index_title = "The archive"

urlpatterns = [
    path("healthz", healthz, name="healthz"),  # for load balancers (config/health.py)
    path("admin/", admin.site.urls),
    path("", include("public.cite.urls")),
    path("exhibits/", include("public.exhibit_urls")),
    path("clipboard/", include("public.clipboard.urls")),
    path("oai/", include("public.oai.urls")),
    path("api/", include("api.urls")),
    path("iiif/", include("public.iiif.urls")),
    path("", include("search.urls")),
    path("", include("public.discovery.urls")),
    path("", include("public.urls")),
]
