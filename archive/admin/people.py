"""Persons, with their alternate names and relations to other persons as inlines."""

from django.contrib import admin

from archive.admin.base import (
    COMPACT_TEXT,
    BirthDecadeFilter,
    CitationInline,
    DateBoundsForm,
    RecordAdmin,
    record_fieldsets,
)
from archive.models import Person, PersonName, PersonRelation


class PersonNameInline(admin.TabularInline):
    model = PersonName
    fields = ["name", "kind", "language"]
    extra = 0


class PersonRelationInline(admin.TabularInline):
    form = DateBoundsForm
    model = PersonRelation
    # Relations are recorded from this person's side; the other side shows them inverted.
    fk_name = "person"
    fields = ["kind", "related", "date", "note", "source", "locator"]
    autocomplete_fields = ["related", "source"]
    formfield_overrides = COMPACT_TEXT
    extra = 0


@admin.register(Person)
class PersonAdmin(RecordAdmin):
    fieldsets = record_fieldsets(
        (
            "Name and life",
            {"fields": ["sort_name", ("birth", "birth_place"), ("death", "death_place")]},
        ),
        ("Identifiers and portrait", {"fields": ["wikidata_id", "viaf_id", "portrait"]}),
    )
    list_display = ["title", "life_dates_column", "status_badge", "collection"]
    list_filter = [*RecordAdmin.list_filter, BirthDecadeFilter]
    # Curators look a person up by any form of the name: Bukharin, Boukharine, Бухарин.
    search_fields = ["title", "sort_name", "slug", "alternate_names__name"]
    autocomplete_fields = [
        *RecordAdmin.autocomplete_fields,
        "birth_place",
        "death_place",
        "portrait",
    ]
    inlines = [PersonNameInline, PersonRelationInline, CitationInline]

    @admin.display(description="life dates", ordering="birth_lower")
    def life_dates_column(self, person: Person) -> str:
        return person.life_dates
