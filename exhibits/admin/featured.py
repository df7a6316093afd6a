"""Featured searches in the curators' admin: a saved search with a title, text and cover, checked
by the search form when saved (exhibits.saved_queries), with a link that opens it on the search
page and its count of public records.

Publishing follows the archive's rules (archive.admin.base.RecordAdmin), as exhibits do; the
home page's order is edited in the list.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from archive.admin.base import RecordAdmin
from exhibits import saved_queries
from exhibits.admin.display import EMPTY, PublicPageMixin, thumbnail
from exhibits.admin.history import HistoryCompareMixin
from exhibits.models import FeaturedSearch
from search import engine


def _search_url(featured: FeaturedSearch) -> str:
    try:
        return saved_queries.search_url(saved_queries.parse(featured.query))
    except ValidationError:
        return ""


@admin.register(FeaturedSearch)
class FeaturedSearchAdmin(PublicPageMixin, HistoryCompareMixin, RecordAdmin):
    list_display = [
        "title",
        "status_badge",
        "published_at",
        "home_page",
        "position",
        "cover_thumbnail",
        "search_link",
    ]
    list_editable = ["position"]
    list_filter = ["status", "home_page"]
    list_select_related = ["cover"]
    search_fields = ["title", "slug", "text", "query"]
    autocomplete_fields = ["cover"]
    ordering = ["position", "title", "pk"]
    readonly_fields = ["search_preview", "cover_thumbnail", "created_at", "updated_at"]
    fieldsets = (
        (None, {"fields": ["title", "slug", "text"]}),
        ("Search", {"fields": ["query", "search_preview"]}),
        ("Cover", {"fields": ["cover", "cover_thumbnail"]}),
        ("Publication", {"fields": ["status", "published_at", "home_page", "position"]}),
        ("Record keeping", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    )
    inlines = []
    preview_label = "Preview the search"

    class Media:
        css = {"all": ["admin-exhibits/admin-exhibits.css"]}

    def public_page(self, featured: FeaturedSearch) -> tuple[str, bool] | None:
        url = _search_url(featured)
        return (url, featured.is_public) if url else None

    @admin.display(description="search")
    def search_link(self, featured: FeaturedSearch) -> str:
        url = _search_url(featured)
        if not url:
            return EMPTY
        return format_html('<a href="{}" target="_blank" rel="noopener">Open</a>', url)

    @admin.display(description="public records found")
    def search_preview(self, featured: FeaturedSearch) -> str:
        if not featured.pk:
            return "Save to see how many public records the search finds."
        try:
            query = saved_queries.parse(featured.query)
        except ValidationError as exc:
            return " ".join(exc.messages)
        total = engine.totals([query])[0]
        return format_html(
            '{} — <a href="{}" target="_blank" rel="noopener">open the search</a>',
            f"{total:,}",
            saved_queries.search_url(query),
        )

    @admin.display(description="cover image")
    def cover_thumbnail(self, featured: FeaturedSearch) -> str:
        return thumbnail(featured.cover)
