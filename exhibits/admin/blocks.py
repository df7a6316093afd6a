"""A block's own page: what the section's inline cannot hold (Django has no nested inlines).

Here a gallery's photographs are ordered by drag and drop, and the block's citations, which the
public section page renders as numbered footnotes in this order.
"""

from adminsortable2.admin import SortableGenericInlineAdminMixin
from django.contrib import admin
from django.db.models import Max, QuerySet
from django.http import HttpRequest

from archive.admin.base import CitationInline
from exhibits.admin.display import PublicPageMixin, public_page_link, thumbnail
from exhibits.admin.history import HistoryAdmin
from exhibits.admin.sections import BLOCK_FIELDSETS, BlockFormMixin
from exhibits.admin.sortable import SortableAdmin, SortableTabularInline
from exhibits.models import Block, GalleryItem


class GalleryItemInline(SortableTabularInline):
    model = GalleryItem
    fields = ["photograph", "photograph_thumbnail", "caption"]
    readonly_fields = ["photograph_thumbnail"]
    autocomplete_fields = ["photograph"]
    extra = 0
    verbose_name = "gallery photograph"
    verbose_name_plural = "gallery photographs (gallery blocks; drag to reorder)"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("photograph")

    @admin.display(description="thumbnail")
    def photograph_thumbnail(self, item: GalleryItem) -> str:
        return thumbnail(item.photograph if item.photograph_id else None)


class BlockCitationInline(SortableGenericInlineAdminMixin, CitationInline):
    """The archive's citations inline, ordered by drag and drop: the order of the footnotes."""

    template = SortableTabularInline.template
    verbose_name_plural = "citations (numbered footnotes, in this order; drag to reorder)"


@admin.register(Block)
class BlockAdmin(SortableAdmin, PublicPageMixin, BlockFormMixin, HistoryAdmin):
    list_display = ["__str__", "kind", "section", "exhibit", "position", "photograph_thumbnail"]
    list_filter = ["kind", "section__exhibit"]
    list_select_related = ["section__exhibit", "photograph"]
    search_fields = ["body", "caption", "attribution", "section__title", "section__exhibit__title"]
    autocomplete_fields = ["section", *BlockFormMixin.autocomplete_fields]
    fieldsets = (
        (None, {"fields": ["section", "preview"]}),
        *BLOCK_FIELDSETS,
    )
    readonly_fields = ["photograph_thumbnail", "preview"]
    ordering = ["section__exhibit__title", "section__position", "position", "pk"]
    inlines = [GalleryItemInline, BlockCitationInline]
    preview_label = "Preview this section"
    save_on_top = True

    class Media:
        css = {"all": ["admin-exhibits/admin-exhibits.css"]}
        js = ["admin-exhibits/block-kinds.js"]

    def save_model(self, request: HttpRequest, obj: Block, form, change: bool) -> None:
        if not change:
            # A block added on its own page goes to the end of its section.
            last = obj.section.blocks.aggregate(last=Max("position"))["last"]
            obj.position = 0 if last is None else last + 1
        super().save_model(request, obj, form, change)

    def public_page(self, block: Block) -> tuple[str, bool]:
        return block.section.get_absolute_url(), block.section.exhibit.is_public

    @admin.display(description="exhibit", ordering="section__exhibit__title")
    def exhibit(self, block: Block):
        return block.section.exhibit

    @admin.display(description="public page")
    def preview(self, block: Block) -> str:
        if not block.pk:
            return "—"
        return public_page_link(
            block.section.get_absolute_url(),
            public=block.section.exhibit.is_public,
            preview_label=self.preview_label,
        )
