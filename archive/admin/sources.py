"""Sources (the bibliography), citations, and the "citations needing a source" worklist."""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from archive.admin.base import VocabularyAdmin
from archive.kinds import RECORD_MODELS
from archive.models import Citation, CitationNeeded, Source


@admin.register(Source)
class SourceAdmin(VocabularyAdmin):
    fieldsets = (
        (None, {"fields": ["key", "csl_type", "title", "author", "editor", "issued"]}),
        (
            "Publication",
            {
                "fields": [
                    "container_title",
                    ("volume", "issue", "page"),
                    "publisher",
                    "publisher_place",
                ]
            },
        ),
        ("Identifiers", {"fields": ["url", "doi", "isbn"]}),
        ("Note", {"fields": ["note"]}),
    )
    list_display = ["key", "title", "author", "issued", "csl_type", "citation_count"]
    list_filter = ["csl_type"]
    search_fields = ["key", "title", "author", "container_title"]
    # Citation downloads of the selected sources (BibTeX, RIS, CSL-JSON) are attached by the
    # citations package from above (public/admin.py).

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(citation_count=Count("citations"))

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, source: Source) -> int:
        return source.citation_count


class CitationForm(forms.ModelForm):
    """Checks that a new citation points at a record that exists."""

    def clean(self) -> dict:
        cleaned_data = super().clean()
        content_type = cleaned_data.get("content_type")
        object_id = cleaned_data.get("object_id")
        if content_type and object_id is not None:
            model = content_type.model_class()
            if model is None or not model._default_manager.filter(pk=object_id).exists():
                self.add_error("object_id", f"There is no {content_type.name} with ID {object_id}.")
        return cleaned_data


class CitationDisplay:
    """List columns shared by the citations list and the worklist."""

    @admin.display(description="cited record")
    def cited_record(self, citation: Citation) -> str:
        target = citation.cited_object
        if target is None:
            return "(deleted)"
        model = type(target)
        if not self.admin_site.is_registered(model):
            return str(target)
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
            args=[target.pk],
            current_app=self.admin_site.name,
        )
        return format_html('<a href="{}">{}</a>', url, target)

    @admin.display(description="kind of record")
    def cited_kind(self, citation: Citation) -> str:
        target = citation.cited_object
        return str(target._meta.verbose_name) if target is not None else ""

    @admin.display(description="quote or note")
    def excerpt(self, citation: Citation) -> str:
        text = citation.quote or citation.note or citation.locator or f"Citation {citation.pk}"
        return Truncator(text).chars(80)


@admin.register(Citation)
class CitationAdmin(CitationDisplay, SimpleHistoryAdmin):
    form = CitationForm
    list_display = ["__str__", "cited_record", "cited_kind", "locator"]
    list_filter = [("content_type", admin.RelatedOnlyFieldListFilter), "source__csl_type"]
    list_select_related = ["source", "content_type"]
    list_per_page = 50
    show_full_result_count = False
    search_fields = ["locator", "quote", "note", "source__title", "source__key"]
    autocomplete_fields = ["source"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # One query per kind of cited record, however many citations are listed.
        return super().get_queryset(request).prefetch_related("cited_object")

    def get_fields(self, request: HttpRequest, obj=None) -> list[str]:
        # What a citation is attached to is chosen once; afterwards it is shown as a link.
        target = ["cited_record"] if obj is not None else ["content_type", "object_id"]
        return [*target, "source", "locator", "quote", "note", "position"]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return ["cited_record"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "content_type":
            # A handful of record kinds: a plain select serves better than an autocomplete.
            kinds = ContentType.objects.get_for_models(*RECORD_MODELS).values()
            kwargs["queryset"] = ContentType.objects.filter(pk__in=[kind.pk for kind in kinds])
            kwargs["label"] = "kind of record"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CitationNeeded)
class CitationNeededAdmin(CitationDisplay, admin.ModelAdmin):
    """The worklist: citations flagged without a source, with the source editable in the list."""

    list_display = ["excerpt", "cited_record", "cited_kind", "locator", "source", "created_at"]
    list_display_links = ["excerpt"]
    list_editable = ["source"]
    list_filter = [("content_type", admin.RelatedOnlyFieldListFilter)]
    list_per_page = 50
    show_full_result_count = False
    search_fields = ["locator", "quote", "note"]
    autocomplete_fields = ["source"]
    fields = ["cited_record", "source", "locator", "quote", "note", "position"]
    readonly_fields = ["cited_record"]
    ordering = ["created_at", "pk"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Saves of these proxy rows are revisions of the citation (archive.models.sources).
        queryset = CitationNeeded.objects.needing_source().select_related("content_type")
        return queryset.prefetch_related("cited_object").order_by(*self.get_ordering(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A flag is raised on the record it belongs to (its citations inline), not here.
        return False

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context=None
    ) -> HttpResponseRedirect:
        # A flagged citation's revisions are the citation's own: show them in one place.
        return redirect("admin:archive_citation_history", object_id)
