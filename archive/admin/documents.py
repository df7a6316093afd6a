"""Documents, with their contributors (authors, editors, translators…) and page images (each
with its transcription and last fixity result), and the page images' fixity checks."""

from django.contrib import admin
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.forms import Textarea
from django.http import HttpRequest

from archive.admin.base import CitationInline, DatedRecordAdmin, record_fieldsets
from archive.admin.photographs import FixityCheckAdmin, fixity_summary
from archive.models import Contribution, Document, DocumentPage, PageFixityCheck


class ContributionInline(admin.TabularInline):
    model = Contribution
    fields = ["person", "role", "position"]
    autocomplete_fields = ["person"]
    extra = 0


class DocumentPageInline(admin.TabularInline):
    model = DocumentPage
    fields = ["image", "label", "position", "transcription", "fixity"]
    readonly_fields = ["fixity"]
    extra = 0
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 40})}}

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("fixity_check")

    @admin.display(description="fixity")
    def fixity(self, page: DocumentPage) -> str:
        return fixity_summary(page) if page.pk else "—"


@admin.register(PageFixityCheck)
class PageFixityCheckAdmin(FixityCheckAdmin):
    """The last check_fixity result of each document page image (read-only)."""

    list_display = ["page", "document", "result", "checked_at", "file_name"]
    list_select_related = ["page__document"]
    search_fields = ["page__document__title", "page__label", "file_name"]
    readonly_fields = [f.name for f in PageFixityCheck._meta.fields]

    @admin.display(description="document", ordering="page__document__title")
    def document(self, check: PageFixityCheck) -> str:
        return str(check.page.document)


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
