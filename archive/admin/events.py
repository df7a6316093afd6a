"""Events: dated happenings with persons and a place, which feed the timelines."""

from django.contrib import admin

from archive.admin.base import DatedRecordAdmin, record_fieldsets
from archive.models import Event


@admin.register(Event)
class EventAdmin(DatedRecordAdmin):
    fieldsets = record_fieldsets(("Event", {"fields": ["kind", "date", "place", "persons"]}))
    list_display = ["title", "kind", "date_column", "place", "status_badge", "collection"]
    list_filter = [*DatedRecordAdmin.list_filter, "kind"]
    list_select_related = ["collection", "place"]
    autocomplete_fields = [*DatedRecordAdmin.autocomplete_fields, "place", "persons"]
