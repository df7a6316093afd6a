"""Documents, with their contributors (authors, editors, translators…) and page images."""

from django.contrib import admin
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from archive.admin.base import CitationInline, DatedRecordAdmin, record_fieldsets
from archive.models import Contribution, Document, DocumentPage


class ContributionInline(admin.TabularInline):
    model = Contribution
    fields = ["person", "role", "position"]
    autocomplete_fields = ["person"]
    extra = 0


class DocumentPageInline(admin.TabularInline):
    model = DocumentPage
    fields = ["image", "label", "position"]
    extra = 0


@admin.register(Document)
class DocumentAdmin(DatedRecordAdmin):
    fieldsets = record_fieldsets(
        (
            "Document",
            {"fields": ["kind", "date", "original_title", "publisher", "place", "pages"]},
        ),
        ("Transcription", {"fields": ["transcription"], "classes": ["collapse"]}),
    )
    list_display = ["title", "kind", "date_column", "authors_column", "status_badge", "collection"]
    list_filter = [*DatedRecordAdmin.list_filter, "kind"]
    search_fields = ["title", "original_title", "slug"]
    autocomplete_fields = [*DatedRecordAdmin.autocomplete_fields, "place"]
    inlines = [ContributionInline, DocumentPageInline, CitationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The authors column reads every contribution and its person: two queries per page.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("contribution_set", queryset=Contribution.objects.select_related("person"))
            )
        )

    @admin.display(description="authors")
    def authors_column(self, document: Document) -> str:
        return "; ".join(str(person) for person in document.authors())
