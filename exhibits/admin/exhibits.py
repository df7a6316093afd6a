"""The exhibit builder's top level: exhibits, with their sections ordered by drag and drop.

Publishing follows the archive's rules (archive.admin.base.RecordAdmin): the publish, review and
withdraw actions, an Editor's narrower status choices and the refusal of forged status changes.
A future "publish at" schedules an exhibit: the public views compare it with the current time, so
nothing has to run when the time comes.
"""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from archive.admin.base import COMPACT_TEXT, RecordAdmin
from exhibits.admin.display import EMPTY, PublicPageMixin, public_page_link, thumbnail
from exhibits.admin.history import HistoryCompareMixin
from exhibits.admin.sortable import SortableAdmin, SortableTabularInline
from exhibits.models import Exhibit, Section

PUBLISH_AT_HELP = (
    "Leave empty to publish the moment the status becomes Published. A future time schedules "
    "the exhibit: with status Published it stays hidden from the public until then and appears "
    "on its own at that time. Staff can preview it meanwhile."
)


class SectionInline(SortableTabularInline):
    """Sections in reading order; drag a row to move it. Blocks are edited on the section's page."""

    model = Section
    fields = ["title", "slug", "content_notice", "block_count", "preview"]
    readonly_fields = ["block_count", "preview"]
    prepopulated_fields = {"slug": ["title"]}
    formfield_overrides = COMPACT_TEXT
    show_change_link = True
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(block_total=Count("blocks"))

    @admin.display(description="blocks")
    def block_count(self, section: Section):
        return getattr(section, "block_total", EMPTY) if section.pk else EMPTY

    @admin.display(description="public page")
    def preview(self, section: Section) -> str:
        if not section.pk:
            return EMPTY
        return public_page_link(section.get_absolute_url(), public=section.exhibit.is_public)


@admin.register(Exhibit)
class ExhibitAdmin(SortableAdmin, PublicPageMixin, HistoryCompareMixin, RecordAdmin):
    list_display = [
        "title",
        "status_badge",
        "published_at",
        "featured",
        "section_count",
        "cover_thumbnail",
        "public_link",
    ]
    list_filter = ["status", "featured"]
    list_select_related = ["cover"]
    search_fields = ["title", "slug", "subtitle", "summary"]
    autocomplete_fields = ["cover"]
    # Spelled out: the section count's GROUP BY leaves the model's default ordering unused.
    ordering = ["-featured", "-published_at", "title", "pk"]
    readonly_fields = ["cover_thumbnail", "public_link", "created_at", "updated_at"]
    fieldsets = (
        (None, {"fields": ["title", "slug", "subtitle", "summary"]}),
        ("Cover", {"fields": ["cover", "cover_thumbnail"]}),
        ("Text", {"fields": ["introduction", "credits", "content_notice"]}),
        ("Publication", {"fields": ["status", "published_at", "featured", "public_link"]}),
        ("Record keeping", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    )
    inlines = [SectionInline]

    class Media:
        css = {"all": ["admin-exhibits/admin-exhibits.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(section_total=Count("sections"))

    def save_model(self, request: HttpRequest, obj: Exhibit, form, change: bool) -> None:
        # The date and time inputs drop microseconds, so saving would shift an untouched publish
        # time by a fraction of a second and show as a change in every revision comparison.
        if change and "published_at" in form.fields and "published_at" not in form.changed_data:
            obj.published_at = form.initial.get("published_at", obj.published_at)
        super().save_model(request, obj, form, change)

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "published_at":
            kwargs["help_text"] = PUBLISH_AT_HELP
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def public_page(self, exhibit: Exhibit) -> tuple[str, bool]:
        return exhibit.get_absolute_url(), exhibit.is_public

    @admin.display(description="sections", ordering="section_total")
    def section_count(self, exhibit: Exhibit):
        return getattr(exhibit, "section_total", EMPTY)

    @admin.display(description="cover image")
    def cover_thumbnail(self, exhibit: Exhibit) -> str:
        return thumbnail(exhibit.cover)

    @admin.display(description="public page")
    def public_link(self, exhibit: Exhibit) -> str:
        if not exhibit.pk:
            return EMPTY
        return public_page_link(exhibit.get_absolute_url(), public=exhibit.is_public)
