"""Stable download addresses beside each public page: <page>cite.bib|ris|json, and for records
<page>sources.bib|ris|json (the record's bibliography)."""

from django.urls import path, register_converter

from archive.kinds import BY_URL_PREFIX
from public.cite import views


class _Choice:
    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FormatConverter(_Choice):
    regex = "bib|ris|json"


class RecordKindConverter(_Choice):
    """The URL prefix of a kind of record (archive.kinds): "persons", "documents"…"""

    regex = "|".join(BY_URL_PREFIX)


register_converter(FormatConverter, "citeformat")
register_converter(RecordKindConverter, "recordkind")

app_name = "cite"

urlpatterns = [
    path("exhibits/<slug:slug>/cite.<citeformat:ext>", views.exhibit_citation, name="exhibit"),
    path(
        "exhibits/<slug:slug>/sources.<citeformat:ext>",
        views.exhibit_sources,
        name="exhibit-sources",
    ),
    path(
        "exhibits/<slug:exhibit_slug>/<slug:slug>/cite.<citeformat:ext>",
        views.section_citation,
        name="section",
    ),
    path(
        "<recordkind:kind>/<slug:slug>/cite.<citeformat:ext>", views.record_citation, name="record"
    ),
    path(
        "<recordkind:kind>/<slug:slug>/sources.<citeformat:ext>",
        views.record_sources,
        name="record-sources",
    ),
]
