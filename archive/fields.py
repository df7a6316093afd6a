"""Model fields shared by the archive's records."""

import json

from django.core import checks
from django.db import models

from archive import dates


class EDTFField(models.CharField):
    """EDTF date text. The model stores its bounds in `<name>_lower` and `<name>_upper` DateFields,
    derived by `Record.derive_date_bounds()`; a system check makes sure both exist."""

    description = "An archival date in EDTF (ISO 8601-2)"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("blank", True)
        kwargs.setdefault(
            "help_text",
            "EDTF: 1938-03-02, 1926-06, 1909~/1911~ (circa), 1925? (uncertain), 192X (1920s), "
            "1938-03-02/1938-03-13 (range), 1931/.. (open end).",
        )
        super().__init__(*args, **kwargs)
        if dates.validate_edtf not in self.validators:
            self.validators.append(dates.validate_edtf)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    @property
    def bound_names(self) -> tuple[str, str]:
        return f"{self.name}_lower", f"{self.name}_upper"

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if getattr(self.model._meta, "abstract", False):
            return errors
        field_names = {f.name for f in self.model._meta.get_fields()}
        for bound in self.bound_names:
            if bound not in field_names:
                errors.append(
                    checks.Error(
                        f"EDTFField '{self.name}' needs a DateField '{bound}' on the model.",
                        obj=self,
                        id="archive.E001",
                    )
                )
        return errors


def edtf_bounds(field: EDTFField) -> tuple[models.DateField, models.DateField]:
    """Return the indexed lower and upper bound fields that go with an EDTF field."""
    label = field.verbose_name or field.name
    return (
        models.DateField(f"{label} from", null=True, blank=True, editable=False, db_index=True),
        models.DateField(f"{label} to", null=True, blank=True, editable=False, db_index=True),
    )


class OriginalImageField(models.ImageField):
    """The ImageField of originals. Django reads an assigned image's dimensions at once; for a
    pixel bomb or a damaged file that raises Pillow's own error on assignment. Here the
    dimensions are then left empty, and validation (archive.images) refuses the file clearly."""

    def update_dimension_fields(self, instance, force: bool = False, *args, **kwargs) -> None:
        from PIL import Image

        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except (Image.DecompressionBombError, OSError, ValueError, SyntaxError):
            if self.width_field:
                setattr(instance, self.width_field, None)
            if self.height_field:
                setattr(instance, self.height_field, None)


class IdListField(models.Field):
    """A list of integer ids stored natively on each database: `bigint[]` on PostgreSQL
    (GIN-indexed, unnest() for facet counts) and JSON text on SQLite (json_each())."""

    description = "A list of integer ids"

    def db_type(self, connection) -> str:
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return []
        if isinstance(value, str):
            return json.loads(value)
        return list(value)

    def to_python(self, value):
        if isinstance(value, str):
            return json.loads(value)
        return list(value or [])

    def get_db_prep_value(self, value, connection, prepared=False):
        ids = sorted({int(v) for v in (value or [])})
        return ids if connection.vendor == "postgresql" else json.dumps(ids)
