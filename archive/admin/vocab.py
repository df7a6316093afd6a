"""Controlled vocabularies and authorities: collections, subjects, rights statements, places."""

from django.contrib import admin

from archive.admin.base import VocabularyAdmin
from archive.models import Collection, Place, RightsStatement, Subject


@admin.register(Collection)
class CollectionAdmin(VocabularyAdmin):
    fields = ["title", "slug", "parent", "description"]
    list_display = ["title", "slug", "parent"]
    list_select_related = ["parent"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent"]


@admin.register(Subject)
class SubjectAdmin(VocabularyAdmin):
    fields = ["name", "slug", "broader", "authority_uri", "description"]
    list_display = ["name", "slug", "broader", "authority_uri"]
    list_select_related = ["broader"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["broader"]


@admin.register(RightsStatement)
class RightsStatementAdmin(VocabularyAdmin):
    fields = ["title", "slug", "uri", "description"]
    list_display = ["title", "uri"]
    search_fields = ["title", "slug", "uri"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Place)
class PlaceAdmin(VocabularyAdmin):
    fields = [
        "name",
        "slug",
        "kind",
        "alternate_names",
        "parent",
        ("latitude", "longitude"),
        "wikidata_id",
        "description",
    ]
    list_display = ["name", "kind", "parent", "wikidata_id"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    # Alternate names are one semicolon-separated text, so a substring search finds them.
    search_fields = ["name", "slug", "alternate_names"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
