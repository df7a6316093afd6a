"""Import and export on the curator admin's lists (django-import-export), Vitrine's way.

Export: every record and vocabulary list, the rows the list currently shows (filters and search
respected), as CSV or XLSX, for anyone who may view the list. Import (persons, documents,
photographs, events): upload → a dry-run preview row by row → confirm; the confirmed import runs
as an ImportBatch (transfer.batches), in the request when small, else in the background worker.
Only users who may both add and change that kind of record may import.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from import_export.admin import ExportMixin, ImportMixin

from archive.admin.base import extend_admin
from transfer.batches import run_batch
from transfer.formats import EXPORT_FORMATS, IMPORT_FORMATS, FileReadError, format_name
from transfer.list_resources import LIST_RESOURCES
from transfer.models import ImportBatch
from transfer.resources import RESOURCES
from transfer.tasks import check_import, run_import

# The apps whose admin lists get export (and import, for the kinds in RESOURCES): they sit below
# transfer, so transfer attaches itself to their registered admins (equip_admin_lists).
EQUIPPED_APPS = ("archive", "exhibits")


class CuratorExportMixin(ExportMixin):
    """Export the current change list (its filters and search) as CSV or XLSX.

    Its columns: the record kind's import columns (transfer.resources), or the list's own
    (transfer.list_resources), else every field of the model (the vocabularies). The export
    page says how CSV writes formula-like cells (transfer.formats.neutralise_formula).
    """

    export_formats = EXPORT_FORMATS
    export_template_name = "admin/transfer/export.html"

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_or_change_permission(request)

    def get_export_resource_classes(self, request: HttpRequest) -> list:
        resource = RESOURCES.get(self.model) or LIST_RESOURCES.get(self.model)
        return [resource] if resource else super().get_export_resource_classes(request)


class CuratorImportMixin(ImportMixin):
    """Import a CSV or XLSX file: preview (a dry run), then an undoable import batch."""

    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    import_template_name = "admin/transfer/import.html"
    import_formats = IMPORT_FORMATS
    import_error_display = ("message",)

    def has_import_permission(self, request: HttpRequest) -> bool:
        return may_import(request.user, self.model)

    def get_import_resource_classes(self, request: HttpRequest) -> list:
        return [RESOURCES[self.model]]

    def add_data_read_fail_error_to_form(self, form, e: Exception) -> None:
        if isinstance(e, FileReadError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def import_action(self, request: HttpRequest, **kwargs) -> HttpResponse:
        """The upload step. A file of more than VITRINE_IMPORT_BACKGROUND_ROWS rows is checked
        (dry run) in the worker instead of in the request; its preview is on the batch's page."""
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid():
                upload = form.cleaned_data["import_file"]
                format_class = self.get_import_formats()[int(form.cleaned_data["format"])]
                data = b"".join(upload.chunks())
                try:
                    rows = len(format_class().create_dataset(data))
                except Exception:
                    rows = 0  # the preview in the request says what is wrong with the file
                if rows > settings.VITRINE_IMPORT_BACKGROUND_ROWS:
                    return self._queue_check(request, data, upload.name, format_class, rows)
        return super().import_action(request, **kwargs)

    def _queue_check(
        self, request: HttpRequest, data: bytes, name: str, format_class: type, rows: int
    ) -> HttpResponse:
        batch = new_batch(request, self.model, data, name, format_class, rows)
        batch.state = ImportBatch.State.CHECKING
        batch.save()
        result = check_import.enqueue(batch.pk)
        ImportBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id))
        messages.info(
            request,
            f"{rows} rows are being checked in the background. Review the preview here, then "
            "confirm the import.",
        )
        return HttpResponseRedirect(batch.get_absolute_url())

    @method_decorator(require_POST)
    def process_import(self, request: HttpRequest, **kwargs) -> HttpResponse:
        """The confirm step: store the previewed file as a batch and run it (or queue it)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        return self._start_batch(request)

    def _start_batch(self, request: HttpRequest) -> HttpResponse:
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
        name = confirm_form.cleaned_data["original_file_name"]
        batch = new_batch(request, self.model, data, name, format_class, rows)
        batch.save()
        if rows > settings.VITRINE_IMPORT_BACKGROUND_ROWS:
            queue_import(request, batch)
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
                    batch_link(batch),
                ),
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        messages.error(
            request, format_html("The import failed and saved nothing: see {}.", batch_link(batch))
        )
        return HttpResponseRedirect(batch.get_absolute_url())


def may_import(user: AbstractBaseUser | AnonymousUser, model: type[Model]) -> bool:
    """Importing adds and changes records: it takes both permissions on that kind."""
    opts = model._meta
    return all(
        user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in ("add", "change")
    )


def new_batch(
    request: HttpRequest, model: type[Model], data: bytes, name: str, format_class: type, rows: int
) -> ImportBatch:
    """An unsaved ImportBatch holding the uploaded file."""
    file_name = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200] or "import"
    batch = ImportBatch(
        content_type=ContentType.objects.get_for_model(model),
        file_name=file_name,
        file_format=format_name(format_class),
        user=request.user,
        total_rows=rows,
    )
    batch.file.save(file_name, ContentFile(data), save=False)
    return batch


def batch_link(batch: ImportBatch) -> str:
    return format_html('<a href="{}">{}</a>', batch.get_absolute_url(), batch.file_name)


def queue_import(request: HttpRequest, batch: ImportBatch) -> None:
    """Hand a batch to the background worker and say so."""
    result = run_import.enqueue(batch.pk)
    ImportBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id))
    messages.info(
        request,
        format_html(
            "{} rows are being imported in the background; follow the progress on {}.",
            batch.total_rows,
            batch_link(batch),
        ),
    )


def equip_admin_lists(site: admin.AdminSite) -> None:
    """Give every registered admin list of EQUIPPED_APPS export, and import where its kind has
    an import resource."""
    for model, model_admin in list(site._registry.items()):
        if model._meta.app_label not in EQUIPPED_APPS or isinstance(model_admin, ExportMixin):
            continue
        mixins: tuple[type, ...] = (CuratorExportMixin,)
        if model in RESOURCES:
            mixins = (CuratorImportMixin, *mixins)
        extend_admin(site, model, *mixins)
