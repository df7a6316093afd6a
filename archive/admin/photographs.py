"""Photographs, with thumbnails in the list and on the form, and the persons they depict.

Thumbnails are served by the archive:photograph-file view, which checks visibility: staff see
unpublished photographs, the public never does.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from archive import images
from archive.admin.base import CitationInline, DatedRecordAdmin, record_fieldsets
from archive.models import Depiction, DocumentPage, FixityCheck, Photograph
from archive.pictures import picture_context


class _ViewedFile:
    """A stored original as the upload widget shows it: its name, and a link to the
    visibility-checked view instead of the storage's own URL (a signed bucket URL on S3)."""

    def __init__(self, file) -> None:
        self.file = file
        self.url = reverse(
            "archive:photograph-file", kwargs={"slug": file.instance.slug, "variant": "original"}
        )

    def __str__(self) -> str:
        return str(self.file)


class OriginalFileInput(forms.ClearableFileInput):
    def format_value(self, value):
        value = super().format_value(value)
        if value and getattr(getattr(value, "instance", None), "slug", ""):
            return _ViewedFile(value)
        return value


class UploadedImageField(forms.FileField):
    """The upload field of originals: decodes the file with archive.images and says clearly what
    is wrong (format, bytes, pixels, damage), instead of Django's one generic message. It runs
    before the model form sets the image (and reads its dimensions), so a pixel bomb never
    reaches Django's own dimension reading."""

    def to_python(self, data):
        file = super().to_python(data)
        if file is not None:
            images.validate_image_file(file)
        return file

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/tiff,image/webp"
        return attrs


def thumbnail_html(photograph: Photograph | None, *, css_class: str = "vitrine-thumbnail") -> str:
    """A small <picture> of the photograph (its 480 px WebP derivative, the JPEG thumbnail as
    fallback; both served after a visibility check), or —."""
    if photograph is None or not photograph.thumbnail_url:
        return "—"
    record = photograph.derivatives or {}
    if not record.get("sizes"):
        return format_html(
            '<img class="{}" src="{}" alt="{}" loading="lazy">',
            css_class,
            photograph.thumbnail_url,
            photograph.alt_text,
        )
    nominal, width, height = record["sizes"][0]
    webp = reverse(
        "archive:photograph-file", kwargs={"slug": photograph.slug, "variant": f"w{nominal}.webp"}
    )
    return format_html(
        '<picture><source type="image/webp" srcset="{}">'
        '<img class="{}" src="{}" width="{}" height="{}" alt="{}" loading="lazy"></picture>',
        webp,
        css_class,
        photograph.thumbnail_url,
        width,
        height,
        photograph.alt_text,
    )


def preview_html(photograph: Photograph | None) -> str:
    """A larger preview for the change form."""
    if photograph is None or not photograph.thumbnail_url:
        return "—"
    context = picture_context(photograph, sizes="24rem", css_class="vitrine-preview")
    return render_to_string("archive/_image.html", context)


METADATA_LABELS = {
    "format": "file format",
    "width": "pixel width (as stored)",
    "height": "pixel height (as stored)",
    "orientation": "EXIF orientation",
    "date_taken": "date taken (EXIF)",
    "camera_make": "camera make",
    "camera_model": "camera model",
    "iptc_caption": "IPTC caption",
    "iptc_credit": "IPTC credit",
    "iptc_byline": "IPTC byline",
    "iptc_copyright": "IPTC copyright",
    "iptc_source": "IPTC source",
}


class DepictionInline(admin.TabularInline):
    model = Depiction
    fields = ["person", "position", "note"]
    autocomplete_fields = ["person"]
    extra = 0
    verbose_name = "depicted person"
    verbose_name_plural = "depicted persons"


@admin.register(Photograph)
class PhotographAdmin(DatedRecordAdmin):
    fieldsets = record_fieldsets(
        (
            "Image",
            {
                "fields": [
                    "change_preview",
                    "image",
                    "alt_text",
                    "caption",
                    "date",
                    "photographer",
                    "place",
                    "credit_line",
                ]
            },
        ),
        (
            "File",
            {
                "fields": [
                    ("width", "height"),
                    "byte_size",
                    "sha256",
                    "fixity",
                    "embedded_metadata",
                    "derivative_sizes",
                ],
                "classes": ["collapse"],
            },
        ),
    )
    list_display = [
        "image_preview",
        "title",
        "date_column",
        "photographer",
        "status_badge",
        "collection",
        "fixity",
    ]
    list_display_links = ["image_preview", "title"]
    list_select_related = ["collection", "photographer", "fixity_check"]
    list_filter = [*DatedRecordAdmin.list_filter, "fixity_check__result"]
    search_fields = ["title", "slug", "caption", "alt_text"]
    autocomplete_fields = [*DatedRecordAdmin.autocomplete_fields, "photographer", "place"]
    readonly_fields = [
        *DatedRecordAdmin.readonly_fields,
        "image_preview",
        "change_preview",
        "width",
        "height",
        "byte_size",
        "sha256",
        "fixity",
        "embedded_metadata",
        "derivative_sizes",
    ]
    inlines = [DepictionInline, CitationInline]
    formfield_overrides = {
        models.ImageField: {"form_class": UploadedImageField, "widget": OriginalFileInput}
    }

    @admin.display(description="image")
    def image_preview(self, photograph: Photograph) -> str:
        return thumbnail_html(photograph)

    @admin.display(description="image")
    def change_preview(self, photograph: Photograph) -> str:
        return preview_html(photograph)

    @admin.display(description="embedded metadata")
    def embedded_metadata(self, photograph: Photograph) -> str:
        """What the file says about itself (EXIF, IPTC), as read at ingest."""
        data = photograph.image_metadata or {}
        if not data:
            return "—"
        rows = [(METADATA_LABELS.get(key, key), value) for key, value in data.items()]
        return format_html(
            '<dl class="vitrine-metadata">{}</dl>',
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows),
        )

    @admin.display(description="display sizes")
    def derivative_sizes(self, photograph: Photograph) -> str:
        """The derivatives made at ingest (WebP and JPEG at each width)."""
        record = photograph.derivatives or {}
        if not record.get("sizes"):
            return "—"
        sizes = ", ".join(f"{width}×{height}" for _n, width, height in record["sizes"])
        return f"{sizes} ({' and '.join(fmt.upper() for fmt in record['formats'])})"

    @admin.display(description="fixity")
    def fixity(self, photograph: Photograph) -> str:
        return fixity_summary(photograph)


def fixity_summary(owner: Photograph | DocumentPage) -> str:
    """The last check_fixity result of a photograph's or page's file, or that none has run."""
    check = getattr(owner, "fixity_check", None)
    if check is None:
        return "not checked yet"
    return f"{check.get_result_display()} ({check.checked_at:%Y-%m-%d %H:%M})"


@admin.register(FixityCheck)
class FixityCheckAdmin(admin.ModelAdmin):
    """The last check_fixity result of each original (read-only: the command writes them)."""

    list_display = ["photograph", "result", "checked_at", "file_name"]
    list_filter = ["result"]
    list_select_related = ["photograph"]
    search_fields = ["photograph__title", "file_name"]
    readonly_fields = [f.name for f in FixityCheck._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
