"""Trials, with their defendants (charges, plea, verdict, sentence, fate) as an inline."""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from archive.admin.base import (
    COMPACT_TEXT,
    CitationInline,
    DateBoundsForm,
    DatedRecordAdmin,
    record_fieldsets,
)
from archive.models import Defendant, Trial


class DefendantInline(admin.TabularInline):
    form = DateBoundsForm
    model = Defendant
    fields = [
        "person",
        "position",
        "charges",
        "plea",
        "verdict",
        "sentence",
        "carried_out",
        "rehabilitated",
        "notes",
    ]
    autocomplete_fields = ["person"]
    formfield_overrides = COMPACT_TEXT
    extra = 0


@admin.register(Trial)
class TrialAdmin(DatedRecordAdmin):
    fieldsets = record_fieldsets(
        (
            "Trial",
            {
                "fields": [
                    "date",
                    "court",
                    "place",
                    "prosecutor",
                    "judges",
                    "defendant_count",
                    "documents",
                ]
            },
        ),
    )
    list_display = [
        "title",
        "date_column",
        "court",
        "defendants_column",
        "status_badge",
        "collection",
    ]
    search_fields = ["title", "slug", "court"]
    autocomplete_fields = [
        *DatedRecordAdmin.autocomplete_fields,
        "place",
        "prosecutor",
        "judges",
        "documents",
    ]
    inlines = [DefendantInline, CitationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(defendant_rows=Count("defendants"))

    @admin.display(description="defendants", ordering="defendant_rows")
    def defendants_column(self, trial: Trial) -> int:
        # Rows entered so far; defendant_count may be larger (not every defendant has a row).
        return trial.defendant_rows
