"""IIIF addresses, in their own URLconf so they never change with the site's pages.

- /iiif/image/<identifier>                      303 to info.json
- /iiif/image/<identifier>/info.json            image information
- /iiif/image/<identifier>/<region>/<size>/<rotation>/<quality>.<format>
- /iiif/photographs/<slug>/manifest.json        Presentation 3 manifest
- /iiif/documents/<slug>/manifest.json          (documents with page images)
- /iiif/documents/<slug>/search?q=…              Content Search 2.0 over its page transcriptions
- /iiif/exhibits/<slug>/collection.json         the exhibit's manifests, in order
"""

from django.urls import path

from public.iiif import content_search, views

app_name = "iiif"

urlpatterns = [
    path("image/<str:identifier>", views.image_base, name="image-base"),
    path("image/<str:identifier>/info.json", views.image_info, name="image-info"),
    path(
        "image/<str:identifier>/<str:region>/<str:size>/<str:rotation>/<str:quality>",
        views.image,
        name="image",
    ),
    path(
        "photographs/<slug:slug>/manifest.json",
        views.photograph_manifest,
        name="photograph-manifest",
    ),
    path("documents/<slug:slug>/manifest.json", views.document_manifest, name="document-manifest"),
    path("documents/<slug:slug>/search", content_search.document_search, name="document-search"),
    path(
        "exhibits/<slug:slug>/collection.json",
        views.exhibit_collection,
        name="exhibit-collection",
    ),
]
