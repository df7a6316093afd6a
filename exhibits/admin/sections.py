"""Sections of an exhibit, with their blocks ordered by drag and drop.

Django has no nested inlines, so a block's gallery photographs and citations are edited on the
block's own page (exhibits.admin.blocks); each block in the inline links there.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from archive.admin.base import COMPACT_TEXT
from exhibits.admin.display import EMPTY, PublicPageMixin, public_page_link, thumbnail
from exhibits.admin.history import HistoryAdmin
from exhibits.admin.sortable import SortableAdmin, SortableStackedInline
from exhibits.models import Block, Section

# One field per kind of record (archive.kinds, through Block.RECORD_FIELDS).
RECORD_FIELDS = list(Block.RECORD_FIELDS)


def _record_rows(names: list[str]) -> list[tuple[str, ...]]:
    """The record fields two to a row; the photograph on a row of its own, with its thumbnail."""
    rows: list[tuple[str, ...]] = []
    pending: list[str] = []
    for name in names:
        if name == "photograph":
            rows.append(("photograph", "photograph_thumbnail"))
            continue
        pending.append(name)
        if len(pending) == 2:
            rows.append(tuple(pending))
            pending = []
    if pending:
        rows.append(tuple(pending))
    return rows


# The block form, shared by the section's inline and the block's own page.
BLOCK_FIELDSETS = (
    (None, {"fields": ["kind", "body", "attribution", "caption"]}),
    ("Record (record embed, person card, trial summary)", {"fields": _record_rows(RECORD_FIELDS)}),
    ("Timeline", {"fields": ["timeline_events", ("timeline_start_year", "timeline_end_year")]}),
    ("Featured search", {"fields": ["featured_search"]}),
)

KIND_HELP = (
    "Rich text and quotes need text; a record embed needs exactly one record; a person card a "
    "person; a trial summary a trial; a featured search block a featured search. Gallery "
    "photographs and citations (numbered footnotes) are added on the block's own page."
)


class BlockFormMixin:
    """What the block inline and the block admin share: autocompletes, thumbnails, help."""

    autocomplete_fields = [*RECORD_FIELDS, "timeline_events", "featured_search"]
    formfield_overrides = {**COMPACT_TEXT}

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "kind":
            kwargs["help_text"] = KIND_HELP
        elif db_field.name == "body":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 6, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="thumbnail")
    def photograph_thumbnail(self, block: Block) -> str:
        return thumbnail(block.photograph if block.photograph_id else None)


class BlockInline(BlockFormMixin, SortableStackedInline):
    model = Block
    # `position` is the hidden input the drag and drop script renumbers. adminsortable2 adds it
    # to `fields` but not to fieldsets, and a field missing from the fieldsets is never posted.
    fieldsets = (
        (None, {"fields": [*BLOCK_FIELDSETS[0][1]["fields"], "position"]}),
        *BLOCK_FIELDSETS[1:],
        ("Gallery and citations", {"fields": ["extras"]}),
    )
    readonly_fields = ["photograph_thumbnail", "extras"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related("photograph")
            .annotate(
                gallery_total=Count("gallery_items", distinct=True),
                citation_total=Count("citations", distinct=True),
            )
        )

    @admin.display(description="gallery and citations")
    def extras(self, block: Block) -> str:
        if not block.pk:
            return "Save the section first, then open the block to add photographs and citations."
        return format_html(
            '{} gallery photograph(s), {} citation(s). <a href="{}">Edit them on the block’s '
            "page</a>.",
            getattr(block, "gallery_total", 0),
            getattr(block, "citation_total", 0),
            reverse("admin:exhibits_block_change", args=[block.pk]),
        )


@admin.register(Section)
class SectionAdmin(SortableAdmin, PublicPageMixin, HistoryAdmin):
    list_display = ["title", "exhibit", "position", "block_count", "preview"]
    list_filter = ["exhibit"]
    list_select_related = ["exhibit"]
    search_fields = ["title", "slug", "exhibit__title"]
    autocomplete_fields = ["exhibit"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "exhibit", "content_notice", "preview"]
    readonly_fields = ["preview"]
    ordering = ["exhibit__title", "position", "pk"]
    inlines = [BlockInline]
    preview_label = "Preview this section"
    save_on_top = True

    class Media:
        css = {"all": ["admin-exhibits/admin-exhibits.css"]}
        js = ["admin-exhibits/block-kinds.js"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(block_total=Count("blocks"))

    def save_model(self, request: HttpRequest, obj: Section, form, change: bool) -> None:
        if not change:
            # A section added on its own page goes to the end of its exhibit.
            last = obj.exhibit.sections.aggregate(last=Max("position"))["last"]
            obj.position = 0 if last is None else last + 1
        super().save_model(request, obj, form, change)

    def public_page(self, section: Section) -> tuple[str, bool]:
        return section.get_absolute_url(), section.exhibit.is_public

    @admin.display(description="blocks", ordering="block_total")
    def block_count(self, section: Section):
        return getattr(section, "block_total", EMPTY)

    @admin.display(description="public page")
    def preview(self, section: Section) -> str:
        if not section.pk:
            return EMPTY
        return public_page_link(
            section.get_absolute_url(),
            public=section.exhibit.is_public,
            preview_label=self.preview_label,
        )
