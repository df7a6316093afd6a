"""What the public surfaces add to the curator admin: citation downloads (BibTeX, RIS,
CSL-JSON) of selected sources on the Source list. They are made by the citations package
(public.cite), which sits above the archive admin, so they are attached here with
`extend_admin`, after the archive's admin modules have registered their classes."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from archive.admin.base import extend_admin
from archive.models import Source
from public.cite import csl, formats

CITATION_EXPORTS = ["export_bibtex", "export_ris", "export_csl_json"]


class SourceCitationExports:
    """Download the selected sources as BibTeX, RIS or CSL-JSON."""

    def _export(self, queryset: QuerySet, extension: str):
        items = [csl.source_item(source) for source in queryset.order_by("key")]
        return formats.download_response(items, extension, "sources")

    @admin.action(description="Export selected sources as BibTeX", permissions=["view"])
    def export_bibtex(self, request: HttpRequest, queryset: QuerySet):
        return self._export(queryset, "bib")

    @admin.action(description="Export selected sources as RIS", permissions=["view"])
    def export_ris(self, request: HttpRequest, queryset: QuerySet):
        return self._export(queryset, "ris")

    @admin.action(description="Export selected sources as CSL-JSON", permissions=["view"])
    def export_csl_json(self, request: HttpRequest, queryset: QuerySet):
        return self._export(queryset, "json")


extend_admin(
    admin.site,
    Source,
    SourceCitationExports,
    actions=[*(type(admin.site.get_model_admin(Source)).actions or []), *CITATION_EXPORTS],
)
