"""Photographs, with thumbnails in the list and on the form, and the persons they depict.

Thumbnails are served by the archive:photograph-file view, which checks visibility: staff see
unpublished photographs, the public never does.
"""

from django.contrib import admin
from django.utils.html import format_html

from archive.admin.base import CitationInline, DatedRecordAdmin, record_fieldsets
from archive.models import Depiction, FixityCheck, Photograph
from transfer.admin_mixins import CuratorImportMixin


def thumbnail_html(photograph: Photograph | None, *, css_class: str = "vitrine-thumbnail") -> str:
    """An <img> of the photograph's thumbnail (served after a visibility check), or —."""
    if photograph is None or not photograph.thumbnail_url:
        return "—"
    return format_html(
        '<img class="{}" src="{}" alt="{}" loading="lazy">',
        css_class,
        photograph.thumbnail_url,
        photograph.alt_text,
    )


class DepictionInline(admin.TabularInline):
    model = Depiction
    fields = ["person", "position", "note"]
    autocomplete_fields = ["person"]
    extra = 0
    verbose_name = "depicted person"
    verbose_name_plural = "depicted persons"


@admin.register(Photograph)
class PhotographAdmin(CuratorImportMixin, DatedRecordAdmin):
    fieldsets = record_fieldsets(
        (
            "Image",
            {
                "fields": [
                    "image_preview",
                    "image",
                    "alt_text",
                    "caption",
                    "date",
                    "photographer",
                    "place",
                    "credit_line",
                ]
            },
        ),
        (
            "File",
            {
                "fields": [("width", "height"), "byte_size", "sha256", "fixity"],
                "classes": ["collapse"],
            },
        ),
    )
    list_display = [
        "image_preview",
        "title",
        "date_column",
        "photographer",
        "status_badge",
        "collection",
        "fixity",
    ]
    list_display_links = ["image_preview", "title"]
    list_select_related = ["collection", "photographer", "fixity_check"]
    list_filter = [*DatedRecordAdmin.list_filter, "fixity_check__result"]
    search_fields = ["title", "slug", "caption", "alt_text"]
    autocomplete_fields = [*DatedRecordAdmin.autocomplete_fields, "photographer", "place"]
    readonly_fields = [
        *DatedRecordAdmin.readonly_fields,
        "image_preview",
        "width",
        "height",
        "byte_size",
        "sha256",
        "fixity",
    ]
    inlines = [DepictionInline, CitationInline]

    @admin.display(description="image")
    def image_preview(self, photograph: Photograph) -> str:
        return thumbnail_html(photograph)

    @admin.display(description="fixity")
    def fixity(self, photograph: Photograph) -> str:
        """The last check_fixity result, or that none has run yet."""
        check = getattr(photograph, "fixity_check", None)
        if check is None:
            return "not checked yet"
        return f"{check.get_result_display()} ({check.checked_at:%Y-%m-%d %H:%M})"


@admin.register(FixityCheck)
class FixityCheckAdmin(admin.ModelAdmin):
    """The last check_fixity result of each original (read-only: the command writes them)."""

    list_display = ["photograph", "result", "checked_at", "file_name"]
    list_filter = ["result"]
    list_select_related = ["photograph"]
    search_fields = ["photograph__title", "file_name"]
    readonly_fields = [f.name for f in FixityCheck._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
