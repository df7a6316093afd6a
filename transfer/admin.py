"""The list of imports: each one's state and progress, its errors, and undo; looking at it
settles the work of workers that are gone (transfer.workers)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from transfer.admin_mixins import (
    CuratorExportMixin,
    equip_admin_lists,
    may_import,
    queue_import,
)
from transfer.batches import UndoRefused, can_undo, read_progress, undo_batch
from transfer.models import ImportBatch
from transfer.workers import settle_dead_workers

# Autodiscovery imports this module after the admin modules of the apps below transfer.
equip_admin_lists(admin.site)


@admin.register(ImportBatch)
class ImportBatchAdmin(CuratorExportMixin, admin.ModelAdmin):
    list_display = ["__str__", "content_type", "user", "state", "progress", "totals"]
    list_filter = ["state", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["content_type", "user"]
    fields = [
        "file_name",
        "content_type",
        "user",
        "state",
        "progress",
        "totals",
        "error_list",
        "records",
        "created_at",
        "finished_at",
        "undone_at",
        "undone_by",
    ]
    readonly_fields = fields
    actions = ["undo"]
    view_on_site = False
    change_form_template = "admin/transfer/importbatch/change_form.html"
    change_list_template = "admin/transfer/importbatch/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_undo_permission(self, request: HttpRequest) -> bool:
        return request.user.is_staff and self.has_view_permission(request)

    @admin.display(description="progress")
    def progress(self, batch: ImportBatch) -> str:
        done, total = read_progress(batch)
        if batch.state == ImportBatch.State.FAILED:
            return "—"
        return format_html(
            '<progress max="{}" value="{}">{} of {}</progress> {} of {} rows',
            max(total, 1),
            done,
            done,
            total,
            done,
            total,
        )

    @admin.display(description="result")
    def totals(self, batch: ImportBatch) -> str:
        if batch.state in (ImportBatch.State.DONE, ImportBatch.State.UNDONE):
            return f"{batch.created} created, {batch.updated} updated, {batch.skipped} unchanged"
        if batch.state == ImportBatch.State.CHECKED:
            return (
                f"{batch.created} to create, {batch.updated} to update, "
                f"{batch.skipped} unchanged (skipped)"
            )
        return ""

    @admin.display(description="errors")
    def error_list(self, batch: ImportBatch) -> str:
        if not batch.errors:
            return "—"
        items = format_html("".join("<li>{}</li>" for _ in batch.errors), *batch.errors)
        return format_html("<ul>{}</ul>", items)

    @admin.display(description="records")
    def records(self, batch: ImportBatch) -> str:
        """The records the import created or changed (the first hundred), linked."""
        changes = list(batch.changes.select_related("content_type")[:100])
        if not changes:
            return "—"
        model = batch.model
        found = model._default_manager.in_bulk([change.object_id for change in changes])
        items = []
        for change in changes:
            record = found.get(change.object_id)
            label = f"{change.get_action_display()}: "
            if record is None:
                items.append(
                    format_html(
                        "<li>{}{} #{} (gone)</li>",
                        label,
                        model._meta.verbose_name,
                        change.object_id,
                    )
                )
            else:
                items.append(
                    format_html('<li>{}<a href="{}">{}</a></li>', label, record.admin_url, record)
                )
        more = batch.changes.count() - len(changes)
        tail = format_html("<li>… and {} more</li>", more) if more > 0 else ""
        return format_html("<ul>{}{}</ul>", format_html("".join(["{}"] * len(items)), *items), tail)

    def get_actions(
        self, request: HttpRequest, action_location=admin.ActionLocation.CHANGE_LIST
    ) -> dict:
        """On a batch's page, "Undo this import" only where there is an import to undo."""
        actions = super().get_actions(request, action_location=action_location)
        if action_location == admin.ActionLocation.CHANGE_FORM and "undo" in actions:
            match = request.resolver_match
            object_id = str(match.kwargs.get("object_id", "")) if match else ""
            done = ImportBatch.objects.filter(
                pk=int(object_id) if object_id.isdigit() else None,
                state=ImportBatch.State.DONE,
            )
            if not done.exists():
                del actions["undo"]
        return actions

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        # A batch (or task) whose worker stopped is shown for what became of it, not as running.
        settle_dead_workers()
        return super().changelist_view(request, extra_context)

    def change_view(self, request: HttpRequest, object_id: str, *args, **kwargs):
        settle_dead_workers()
        return super().change_view(request, object_id, *args, **kwargs)

    def render_change_form(self, request: HttpRequest, context: dict, *args, **kwargs):
        batch = context.get("original")
        context["refresh"] = batch is not None and batch.state in (
            ImportBatch.State.CHECKING,
            ImportBatch.State.QUEUED,
            ImportBatch.State.RUNNING,
        )
        context["can_confirm"] = (
            batch is not None
            and batch.state == ImportBatch.State.CHECKED
            and may_import(request.user, batch.model)
        )
        return super().render_change_form(request, context, *args, **kwargs)

    def get_urls(self) -> list[URLPattern]:
        confirm = path(
            "<int:batch_id>/confirm/",
            self.admin_site.admin_view(self.confirm_view),
            name="transfer_importbatch_confirm",
        )
        return [confirm, *super().get_urls()]

    @staticmethod
    @require_POST
    def confirm_view(request: HttpRequest, batch_id: int) -> HttpResponse:
        """Confirm a large file's checked import: the worker imports it."""
        batch = get_object_or_404(ImportBatch.objects.select_related("content_type"), pk=batch_id)
        if not may_import(request.user, batch.model):
            raise PermissionDenied
        claimed = ImportBatch.objects.filter(pk=batch.pk, state=ImportBatch.State.CHECKED).update(
            state=ImportBatch.State.QUEUED
        )
        if not claimed:
            raise Http404("This import is not waiting for confirmation.")
        queue_import(request, batch)
        return HttpResponseRedirect(batch.get_absolute_url())

    @admin.action(
        permissions=["undo"],
        description="Undo this import",
        description_plural="Undo selected imports",
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def undo(self, request: HttpRequest, queryset: QuerySet) -> None:
        for batch in queryset.select_related("content_type"):
            if not can_undo(request.user, batch):
                self.message_user(
                    request,
                    f"Only a curator can undo “{batch}” (it deletes records).",
                    messages.ERROR,
                )
                continue
            try:
                count = undo_batch(batch.pk, request.user)
            except UndoRefused as refusal:
                self.message_user(request, f"“{batch}” was not undone: {refusal}", messages.ERROR)
            else:
                self.message_user(
                    request, f"“{batch}” undone: {count} records restored or removed."
                )
