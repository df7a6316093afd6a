"""What a curator's file holds for each kind of record, and how a row becomes a record.

One row is one record, matched on its `slug`: a known slug updates that record, a new one creates
a record (a draft unless the file gives a status). Rows go through the same validation as the
admin's forms (`full_clean`: EDTF parsing, the model's `prepare()`, constraints, choices) and the
same role rule for status (archive.publishing.may_change_status). References to other records
and labels are by slug; an unknown slug is that row's error. Columns a kind does not have, and
missing required columns, are an error for the whole file.
"""

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from import_export import fields, resources, widgets
from import_export.results import RowResult

from archive.models import (
    Collection,
    Document,
    Event,
    Person,
    Photograph,
    Place,
    RightsStatement,
    Subject,
)
from archive.publishing import PUBLISH_REFUSED, can_publish, may_change_status
from transfer.columns import (
    AlternateNames,
    Authors,
    DateTimeWidget,
    Depicted,
    OptionalTextWidget,
    OwnedRows,
    SlugListWidget,
    SlugWidget,
    TextWidget,
)

COMMON = [
    "slug",
    "title",
    "summary",
    "description",
    "content_notice",
    "status",
    "published_at",
    "collection",
    "subjects",
    "rights",
    "language",
]


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (its columns); nothing is read from it."""


def slug_field(name: str, model: type[models.Model]) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=SlugWidget(model))


def slug_list_field(name: str, model: type[models.Model]) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=SlugListWidget(model))


class OwnedField(fields.Field):
    """A column for rows the record owns. It has no attribute, so import-export leaves it to
    RecordResource, which writes the rows after the record is saved; export reads them."""

    def __init__(self, owned: OwnedRows) -> None:
        super().__init__(column_name=owned.column)
        self.owned = owned

    def export(self, instance, **kwargs) -> str:
        return self.owned.read(instance)


# A file with many unknown columns names the first few of them, not every one.
UNKNOWN_COLUMNS_NAMED = 20


class RecordResource(resources.ModelResource):
    """The columns and rules every record kind shares."""

    status = fields.Field(
        attribute="status",
        column_name="status",
        widget=OptionalTextWidget(),
        saves_null_values=False,
    )
    # An empty status or publication time leaves the record's as it is.
    published_at = fields.Field(
        attribute="published_at",
        column_name="published_at",
        widget=DateTimeWidget(),
        saves_null_values=False,
    )
    collection = slug_field("collection", Collection)
    subjects = slug_list_field("subjects", Subject)
    rights = slug_field("rights", RightsStatement)

    owned_rows: tuple[OwnedRows, ...] = ()
    required_columns: tuple[str, ...] = ("slug", "title")

    class Meta:
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    @classmethod
    def widget_from_django_field(cls, f: models.Field, default: Any = widgets.Widget) -> Any:
        if isinstance(f, models.CharField | models.TextField):
            return TextWidget
        return super().widget_from_django_field(f, default)

    # The file as a whole --------------------------------------------------------------------

    def column_names(self) -> list[str]:
        return [field.column_name for field in self.get_import_fields()]

    def before_import(self, dataset, **kwargs) -> None:
        """Refuse the file unless its header row names known columns, each once, and the
        required ones; headers are matched without regard to case or surrounding spaces."""
        headers = [str(header or "").strip().lower() for header in dataset.headers or []]
        known = self.column_names()
        problems = []
        unknown = [header for header in headers if header not in known]
        if unknown:
            named = [f"“{header}”" if header else "(an empty header)" for header in unknown]
            more = len(named) - UNKNOWN_COLUMNS_NAMED
            problems.append(
                "Unknown columns: "
                + ", ".join(named[:UNKNOWN_COLUMNS_NAMED])
                + (f" and {more:,} more" if more > 0 else "")
                + "."
            )
        counts = Counter(headers)
        twice = sorted(header for header, count in counts.items() if header and count > 1)
        if twice:
            problems.append("Columns given twice: " + ", ".join(twice) + ".")
        missing = [column for column in self.required_columns if column not in headers]
        if missing:
            problems.append("Missing required columns: " + ", ".join(missing) + ".")
        if problems:
            model = self._meta.model._meta.verbose_name_plural
            raise ImportFileError(
                " ".join(problems) + f" The columns for {model} are: {', '.join(known)}."
            )
        dataset.headers = headers
        if progress := kwargs.get("progress"):
            progress(0, len(dataset))

    # One row ---------------------------------------------------------------------------------

    def before_import_row(self, row: dict, **kwargs) -> None:
        self._changed_fields: list[str] = []

    def after_init_instance(self, instance, new: bool, row: dict, **kwargs) -> None:
        instance._transfer_new = new
        instance._transfer_before = {} if new else self.cells(instance)
        instance._transfer_owned = {}

    def cells(self, instance) -> dict[str, str]:
        """The record's values as the cells of a row (what an export writes)."""
        return {field.column_name: field.export(instance) for field in self.get_import_fields()}

    def import_instance(self, instance, row: dict, **kwargs) -> None:
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        # Many-to-many columns are written after the record is saved; check them now.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as exc:
                    errors[field.column_name] = [str(exc)]
        for owned in self.owned_rows:
            if owned.column in row:
                try:
                    instance._transfer_owned[owned.column] = owned.parse(row[owned.column])
                except ValueError as exc:
                    errors[owned.column] = [str(exc)]
        self.check_status(instance, kwargs.get("user"), errors)
        if errors:
            raise ValidationError(errors)

    def check_status(self, instance, user, errors: dict) -> None:
        """An Editor may not publish or withdraw, nor schedule publication (as in the admin)."""
        model = self._meta.model
        publisher = user is not None and can_publish(user, model)
        stored = None
        if instance.pk is not None:
            stored = model._default_manager.filter(pk=instance.pk).values("status", "published_at")
            stored = stored.first()
        old_status = stored["status"] if stored else None
        if not may_change_status(old_status, instance.status, can_publish=publisher):
            errors["status"] = [PUBLISH_REFUSED]
        old_published_at = stored["published_at"] if stored else None
        if not publisher and instance.published_at != old_published_at:
            errors["published_at"] = ["Only a curator can set a publication time."]

    def skip_row(self, instance, original, row: dict, import_validation_errors=None) -> bool:
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        return all(
            owned.unchanged(instance, instance._transfer_owned[owned.column])
            for owned in self.owned_rows
            if owned.column in instance._transfer_owned
        )

    def save_instance(self, instance, is_create: bool, row: dict, **kwargs) -> None:
        log = kwargs.get("batch_log")
        if log is not None and not is_create:
            log.before_change(instance, self.owned_rows)
        super().save_instance(instance, is_create, row, **kwargs)

    def save_m2m(self, instance, row: dict, **kwargs) -> None:
        super().save_m2m(instance, row, **kwargs)
        for owned in self.owned_rows:
            if owned.column in instance._transfer_owned:
                owned.write(instance, instance._transfer_owned[owned.column])
        if not instance._transfer_new:
            after = self.cells(instance)
            before = instance._transfer_before
            self._changed_fields = [column for column in after if after[column] != before[column]]
        if (log := kwargs.get("batch_log")) is not None:
            log.saved(instance, created=instance._transfer_new)

    def after_import_row(self, row: dict, row_result: RowResult, **kwargs) -> None:
        row_result.changed_fields = getattr(self, "_changed_fields", [])
        if progress := kwargs.get("progress"):
            progress(kwargs["row_number"], None)

    def after_import(self, dataset, result, **kwargs) -> None:
        super().after_import(dataset, result, **kwargs)
        log = kwargs.get("batch_log")
        if log is not None and not (result.has_errors() or result.has_validation_errors()):
            log.write()


class PersonResource(RecordResource):
    birth_place = slug_field("birth_place", Place)
    death_place = slug_field("death_place", Place)
    portrait = slug_field("portrait", Photograph)
    owned_rows = (AlternateNames(),)
    alternate_names = OwnedField(owned_rows[0])

    class Meta(RecordResource.Meta):
        model = Person
        fields = [
            *COMMON[:2],
            "sort_name",
            "birth",
            "birth_place",
            "death",
            "death_place",
            "wikidata_id",
            "viaf_id",
            "portrait",
            "alternate_names",
            *COMMON[2:],
        ]
        import_order = export_order = fields


class DocumentResource(RecordResource):
    place = slug_field("place", Place)
    owned_rows = (Authors(),)
    authors = OwnedField(owned_rows[0])

    class Meta(RecordResource.Meta):
        model = Document
        fields = [
            *COMMON[:2],
            "kind",
            "date",
            "authors",
            "original_title",
            "publisher",
            "place",
            "pages",
            "transcription",
            *COMMON[2:],
        ]
        import_order = export_order = fields


class PhotographResource(RecordResource):
    """Photograph metadata only: the image file is uploaded on the record's admin page."""

    photographer = slug_field("photographer", Person)
    place = slug_field("place", Place)
    owned_rows = (Depicted(),)
    depicted = OwnedField(owned_rows[0])
    required_columns = ("slug", "title", "alt_text")

    class Meta(RecordResource.Meta):
        model = Photograph
        fields = [
            *COMMON[:2],
            "alt_text",
            "caption",
            "date",
            "photographer",
            "place",
            "depicted",
            "credit_line",
            *COMMON[2:],
        ]
        import_order = export_order = fields


class EventResource(RecordResource):
    place = slug_field("place", Place)
    persons = slug_list_field("persons", Person)

    class Meta(RecordResource.Meta):
        model = Event
        fields = [*COMMON[:2], "kind", "date", "place", "persons", *COMMON[2:]]
        import_order = export_order = fields


RESOURCES: dict[type[models.Model], type[RecordResource]] = {
    resource._meta.model: resource
    for resource in (PersonResource, DocumentResource, PhotographResource, EventResource)
}


def owned_rows_of(model: type[models.Model]) -> tuple[OwnedRows, ...]:
    resource = RESOURCES.get(model)
    return resource.owned_rows if resource else ()
