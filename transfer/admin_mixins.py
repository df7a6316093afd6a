"""Import and export on the curator admin's lists (django-import-export), Vitrine's way.

Export: every record and vocabulary list, the rows the list currently shows (filters and search
respected), as CSV or XLSX, for anyone who may view the list. Import (persons, documents,
photographs, events): upload → a dry-run preview row by row → confirm; the confirmed import runs
as an ImportBatch (transfer.batches), in the request when small, else in the background worker.
Only users who may both add and change that kind of record may import.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from import_export.admin import ExportMixin, ImportMixin

from transfer.formats import EXPORT_FORMATS, IMPORT_FORMATS, FileReadError, format_name


def _has(request: HttpRequest, action: str, opts) -> bool:
    return request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")


class CuratorExportMixin(ExportMixin):
    """Export the current change list (its filters and search) as CSV or XLSX."""

    export_formats = EXPORT_FORMATS

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_or_change_permission(request)

    def get_export_resource_classes(self, request: HttpRequest) -> list:
        from transfer.resources import RESOURCES  # resources import the archive admin

        resource = RESOURCES.get(self.model)
        return [resource] if resource else super().get_export_resource_classes(request)


class CuratorImportMixin(ImportMixin):
    """Import a CSV or XLSX file: preview (a dry run), then an undoable import batch."""

    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    import_template_name = "admin/transfer/import.html"
    import_formats = IMPORT_FORMATS
    import_error_display = ("message",)

    def has_import_permission(self, request: HttpRequest) -> bool:
        return _has(request, "add", self.opts) and _has(request, "change", self.opts)

    def get_import_resource_classes(self, request: HttpRequest) -> list:
        from transfer.resources import RESOURCES

        return [RESOURCES[self.model]]

    def add_data_read_fail_error_to_form(self, form, e: Exception) -> None:
        if isinstance(e, FileReadError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    @staticmethod
    def _import_file_name(name: str) -> str:
        return name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200] or "import"

    @method_decorator(require_POST)
    def process_import(self, request: HttpRequest, **kwargs) -> HttpResponse:
        """The confirm step: store the previewed file as a batch and run it (or queue it)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        return self._start_batch(request)

    def _start_batch(self, request: HttpRequest) -> HttpResponse:
        from transfer.batches import run_batch
        from transfer.models import ImportBatch
        from transfer.tasks import run_import

        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            return super().process_import(request)
        import_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
        try:
            format_class = self.get_import_formats()[int(confirm_form.cleaned_data["format"])]
            tmp_storage = self.get_tmp_storage_class()(
                name=confirm_form.cleaned_data["import_file_name"],
                encoding=None,
                read_mode="rb",
                **self.get_tmp_storage_class_kwargs(),
            )
            data = tmp_storage.read()
            tmp_storage.remove()
        except (ValueError, IndexError, OSError):
            messages.error(
                request,
                "This preview has expired or was already imported: upload the file again.",
            )
            return HttpResponseRedirect(import_url)
        rows = len(format_class().create_dataset(data))
        file_name = self._import_file_name(confirm_form.cleaned_data["original_file_name"])
        batch = ImportBatch(
            content_type=self._content_type(),
            file_name=file_name,
            file_format=format_name(format_class),
            user=request.user,
            total_rows=rows,
        )
        batch.file.save(file_name, ContentFile(data), save=False)
        batch.save()
        link = format_html('<a href="{}">{}</a>', batch.get_absolute_url(), batch.file_name)
        if rows > settings.VITRINE_IMPORT_BACKGROUND_ROWS:
            result = run_import.enqueue(batch.pk)
            ImportBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id))
            messages.info(
                request,
                format_html(
                    "{} rows are being imported in the background; follow the progress on {}.",
                    rows,
                    link,
                ),
            )
            return HttpResponseRedirect(batch.get_absolute_url())
        state = run_batch(batch.pk)
        batch.refresh_from_db()
        if state == ImportBatch.State.DONE:
            messages.success(
                request,
                format_html(
                    "Import finished: {} created, {} updated, {} unchanged. {} can be undone "
                    "from its page.",
                    batch.created,
                    batch.updated,
                    batch.skipped,
                    link,
                ),
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        messages.error(request, format_html("The import failed and saved nothing: see {}.", link))
        return HttpResponseRedirect(batch.get_absolute_url())

    def _content_type(self):
        from django.contrib.contenttypes.models import ContentType

        return ContentType.objects.get_for_model(self.model)
