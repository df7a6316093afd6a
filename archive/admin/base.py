"""Shared pieces of the curator admin: the record base class, its form, filters and inlines.

Every record admin (persons, documents, photographs, trials, events) derives from RecordAdmin,
which brings revision history with revert (django-simple-history), the publishing actions, the
role rules (an Editor may not publish, withdraw or delete) and the citations inline. The modules
next to this one only describe what differs per model family.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import model_ngettext
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from archive.models import Citation
from archive.publishing import (
    EDITOR_STATUSES,
    LOCKED_STATUSES,
    PUBLISH_REFUSED,
    Status,
    can_publish,
    may_change_status,
    publish_records,
    send_records_to_review,
    withdraw_records,
)

# Publishing actions are offered both on the change list and on one record's change form.
EVERYWHERE = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]

# Tabular inlines stay one line high per row; long text still fits.
COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class DateBoundsForm(forms.ModelForm):
    """A model form that also checks the constraints on derived `<date>_lower/_upper` bounds.

    Django skips a constraint that names a field the form leaves out, and the bounds are never
    form fields (they come from the EDTF text). Without this, "died before born" would reach the
    database as an IntegrityError instead of showing as a message on the form.
    """

    def validate_constraints(self) -> None:
        exclude = self._get_validation_exclusions()
        for field in getattr(self.instance, "edtf_fields", list)():
            if field.name not in exclude:
                exclude -= set(field.bound_names)
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


class RecordForm(DateBoundsForm):
    """The change form of every record; refuses status changes the user may not make.

    The admin narrows the status choices for Editors, but this check also covers what the choices
    cannot: a forged POST, and reverting to an old revision whose status was "published".
    """

    # RecordAdmin.get_form() sets this from the request's user; refuse unless told.
    can_publish = False

    def clean(self) -> dict:
        cleaned_data = super().clean()
        new = cleaned_data.get("status", self.instance.status)
        if not may_change_status(self._stored_status(), new, can_publish=self.can_publish):
            self.add_error("status" if "status" in self.fields else None, PUBLISH_REFUSED)
        return cleaned_data

    def _stored_status(self) -> str | None:
        # Read from the database: on a revert, self.instance holds the old revision's status.
        if self.instance.pk is None:
            return None
        model = type(self.instance)
        return (
            model._default_manager.filter(pk=self.instance.pk)
            .values_list("status", flat=True)
            .first()
        )


class DecadeFilter(admin.SimpleListFilter):
    """Filter by the decade of a date bound, offering only decades that occur in the data."""

    title = "decade"
    parameter_name = "decade"
    date_field = "date_lower"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        years = model_admin.model._default_manager.dates(self.date_field, "year")
        decades = sorted({day.year // 10 * 10 for day in years})
        return [(str(decade), f"{decade}s") for decade in decades]

    def queryset(self, request: HttpRequest, queryset: models.QuerySet) -> models.QuerySet:
        if self.value() is None:
            return queryset
        try:
            decade = int(self.value())
        except ValueError:
            raise IncorrectLookupParameters(f"{self.value()!r} is not a decade.") from None
        # The archive stores the years 1–9999 (archive.dates); outside them there is nothing.
        if decade % 10 or not 0 <= decade <= 9990:
            raise IncorrectLookupParameters(f"{decade} is not a decade.")
        return queryset.filter(
            **{
                f"{self.date_field}__gte": datetime.date(max(decade, 1), 1, 1),
                f"{self.date_field}__lte": datetime.date(decade + 9, 12, 31),
            }
        )


class BirthDecadeFilter(DecadeFilter):
    title = "decade of birth"
    parameter_name = "born"
    date_field = "birth_lower"


class CitationInline(GenericTabularInline):
    """The sources cited for a record; a row without a source flags "citation needed"."""

    model = Citation
    fields = ["source", "locator", "quote", "note", "position"]
    autocomplete_fields = ["source"]
    formfield_overrides = COMPACT_TEXT
    extra = 0


def record_fieldsets(*own: tuple) -> tuple:
    """Return a record's fieldsets: title and slug, then the model's own, then the shared ones."""
    return (
        (None, {"fields": ["title", "slug", "summary"]}),
        *own,
        ("Description", {"fields": ["description", "content_notice"]}),
        ("Publication", {"fields": ["status", "published_at"]}),
        ("Classification", {"fields": ["collection", "subjects", "rights", "language"]}),
        ("Record keeping", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    )


class RecordAdmin(SimpleHistoryAdmin):
    """What every record admin shares. Subclasses set fieldsets, list columns and inlines."""

    form = RecordForm
    list_display = ["title", "status_badge", "collection"]
    list_filter = ["status", ("collection", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["collection"]
    list_per_page = 50
    # Counting every row on each page load is the slow part of a large change list.
    show_full_result_count = False
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["collection", "subjects", "rights"]
    radio_fields = {"status": admin.HORIZONTAL}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [CitationInline]
    actions = ["publish", "send_to_review", "withdraw"]
    save_on_top = True

    class Media:
        css = {"all": ["admin-vitrine/admin.css"]}

    # Permissions ---------------------------------------------------------------------------

    def has_publish_permission(self, request: HttpRequest) -> bool:
        """Curators hold `archive.publish_<model>`; Editors do not (archive.roles)."""
        return can_publish(request.user, self.model)

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            # Scheduling publication is part of publishing.
            readonly.append("published_at")
            if obj is not None and obj.status in LOCKED_STATUSES:
                readonly.append("status")
        return readonly

    def get_form(
        self, request: HttpRequest, obj=None, change: bool = False, **kwargs
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory made a fresh class for this request, so setting it here is safe.
        form.can_publish = self.has_publish_permission(request)
        return form

    def formfield_for_choice_field(self, db_field, request: HttpRequest, **kwargs) -> forms.Field:
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [(status.value, status.label) for status in EDITOR_STATUSES]
            kwargs["error_messages"] = {"invalid_choice": PUBLISH_REFUSED}
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    # List columns ------------------------------------------------------------------------

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj) -> str:
        label = obj.get_status_display()
        if (
            obj.status == Status.PUBLISHED
            and obj.published_at
            and obj.published_at > timezone.now()
        ):
            label = f"{label} (scheduled)"
        return format_html(
            '<span class="vitrine-status vitrine-status-{}">{}</span>', obj.status, label
        )

    @admin.display(description="date", ordering="date_lower")
    def date_column(self, obj) -> str:
        return obj.date_text

    # Actions -----------------------------------------------------------------------------

    def _report(self, request: HttpRequest, count: int, done: str) -> None:
        self.message_user(
            request, f"{count} {model_ngettext(self.opts, count)} {done}.", messages.SUCCESS
        )

    @admin.action(
        permissions=["publish"],
        description="Publish this %(verbose_name)s",
        description_plural="Publish selected %(verbose_name_plural)s",
        location=EVERYWHERE,
    )
    def publish(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        self._report(request, publish_records(queryset), "published")

    @admin.action(
        permissions=["change"],
        description="Send this %(verbose_name)s to review",
        description_plural="Send selected %(verbose_name_plural)s to review",
        location=EVERYWHERE,
    )
    def send_to_review(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        if not self.has_publish_permission(request):
            # Sending a published record back to review would take it off the site.
            locked = queryset.filter(status__in=LOCKED_STATUSES)
            if skipped := locked.count():
                self.message_user(
                    request,
                    f"{skipped} published or withdrawn {model_ngettext(self.opts, skipped)} "
                    "left as they were: only a curator can change their status.",
                    messages.WARNING,
                )
                queryset = queryset.exclude(status__in=LOCKED_STATUSES)
        self._report(request, send_records_to_review(queryset), "sent to review")

    @admin.action(
        permissions=["publish"],
        description="Withdraw this %(verbose_name)s",
        description_plural="Withdraw selected %(verbose_name_plural)s",
        location=EVERYWHERE,
    )
    def withdraw(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        self._report(request, withdraw_records(queryset), "withdrawn")


class DatedRecordAdmin(RecordAdmin):
    """Records with one EDTF date: documents, photographs, trials, events."""

    list_display = ["title", "date_column", "status_badge", "collection"]
    list_filter = [*RecordAdmin.list_filter, DecadeFilter]


class VocabularyAdmin(SimpleHistoryAdmin):
    """Labels that records point to (collections, subjects, rights statements, places)."""

    list_per_page = 100
    show_full_result_count = False


def extend_admin(
    site: admin.AdminSite, model: type[models.Model], *mixins: type, **attributes
) -> None:
    """Register the admin of `model` again as a subclass with `mixins` in front (and
    `attributes` set): how an app above the archive adds to a list it does not own (import and
    export from transfer, citation downloads from the citations package)."""
    admin_class = type(site.get_model_admin(model))
    extended = type(
        admin_class.__name__,
        (*mixins, admin_class),
        {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__, **attributes},
    )
    site.unregister(model)
    site.register(model, extended)
