"""Cell values ↔ the archive's values: references by slug, EDTF text, lists, and the rows a
record owns (alternate names, authors, depicted persons), which are written after the record.

Every reading error is a ValueError whose message names what is wrong; import-export reports it
as that row's error on that column.
"""

import datetime
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from import_export import widgets

from archive.models import Contribution, Depiction, Person, PersonName

SEPARATOR = ";"


def cell_text(value: Any) -> str:
    """A cell as text: numbers typed into a spreadsheet lose their ".0", dates become ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value).strip()


def split_list(value: Any) -> list[str]:
    return [part.strip() for part in cell_text(value).split(SEPARATOR) if part.strip()]


class TextWidget(widgets.CharWidget):
    """Plain text; spreadsheets' numbers and dates come in as the text a curator sees."""

    def clean(self, value: Any, row: dict | None = None, **kwargs) -> str:
        return cell_text(value)


class OptionalTextWidget(TextWidget):
    """An empty cell means "leave as it is" (status: a new record stays a draft)."""

    def clean(self, value: Any, row: dict | None = None, **kwargs) -> str | None:
        return cell_text(value) or None


class DateTimeWidget(widgets.Widget):
    """ISO 8601 with the time zone, so an exported time imports back exactly."""

    def clean(self, value: Any, row: dict | None = None, **kwargs) -> datetime.datetime | None:
        if isinstance(value, datetime.datetime):
            moment = value
        else:
            text = cell_text(value)
            if not text:
                return None
            try:
                moment = datetime.datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(
                    f"“{text}” is not a date and time; write e.g. 2026-11-26 09:30 or "
                    "2026-11-26T09:30:00+00:00."
                ) from None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def render(self, value: Any, obj: Any = None, **kwargs) -> str:
        return value.isoformat() if value else ""


class SlugWidget(widgets.ForeignKeyWidget):
    """A reference to another record or label by its slug; an unknown slug is a row error."""

    def __init__(self, model: type[models.Model], **kwargs) -> None:
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value: Any, row: dict | None = None, **kwargs) -> models.Model | None:
        slug = cell_text(value)
        if not slug:
            return None
        try:
            return self.model._default_manager.get(slug=slug)
        except self.model.DoesNotExist:
            raise ValueError(
                f"No {self.model._meta.verbose_name} with the slug “{slug}” exists."
            ) from None


def objects_by_slug(model: type[models.Model], slugs: list[str]) -> list[models.Model]:
    """The objects with these slugs, in order; a ValueError names any that do not exist."""
    found = {obj.slug: obj for obj in model._default_manager.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        noun = model._meta.verbose_name if len(missing) == 1 else model._meta.verbose_name_plural
        raise ValueError(f"No {noun} with the slug {', '.join(f'“{s}”' for s in missing)}.")
    if len(set(slugs)) != len(slugs):
        raise ValueError("The same slug is listed twice.")
    return [found[slug] for slug in slugs]


class SlugListWidget(widgets.ManyToManyWidget):
    """Many references by slug, separated by semicolons."""

    def __init__(self, model: type[models.Model], **kwargs) -> None:
        super().__init__(model, separator=SEPARATOR, field="slug", **kwargs)

    def clean(self, value: Any, row: dict | None = None, **kwargs) -> list[models.Model]:
        return objects_by_slug(self.model, split_list(value))

    def render(self, value: Any, obj: Any = None, **kwargs) -> str:
        if value is None:
            return ""
        return f"{SEPARATOR} ".join(item.slug for item in value.all())


# Rows a record owns ---------------------------------------------------------------------------


class OwnedRows(ABC):
    """A column that stands for rows owned by the record (written after the record is saved)."""

    column: str
    model: type[models.Model]
    owner_field: str

    @abstractmethod
    def read(self, record: models.Model) -> str:
        """The cell text for this record as it is stored."""

    @abstractmethod
    def parse(self, value: Any) -> list:
        """The cell's meaning; raise ValueError saying what is wrong."""

    @abstractmethod
    def write(self, record: models.Model, parsed: list) -> None:
        """Make the stored rows match the parsed cell."""

    def unchanged(self, record: models.Model, parsed: list) -> bool:
        """Whether writing the parsed cell would leave the stored rows as they are."""
        return self.format(parsed) == self.read(record)

    @abstractmethod
    def format(self, parsed: list) -> str: ...

    def owned(self, record: models.Model) -> models.QuerySet:
        return self.model._default_manager.filter(**{self.owner_field: record})


@dataclass(frozen=True)
class Name:
    name: str
    kind: str
    language: str


class AlternateNames(OwnedRows):
    """`name|kind|language; …` — e.g. `Бухарин, Николай Иванович|original|ru; Boukharine||fr`.

    Kind is one of PersonName.Kind (default variant); the person's names become exactly these.
    """

    column = "alternate_names"
    model = PersonName
    owner_field = "person"

    def parse(self, value: Any) -> list[Name]:
        names: list[Name] = []
        kinds = {choice.value for choice in PersonName.Kind}
        for item in split_list(value):
            parts = [part.strip() for part in item.split("|")]
            if len(parts) > 3:
                raise ValueError(f"“{item}” has more than name|kind|language.")
            name, kind, language = (*parts, "", "")[:3]
            kind = kind.lower() or PersonName.Kind.VARIANT
            if kind not in kinds:
                raise ValueError(
                    f"“{kind}” is not a kind of name; use one of {', '.join(sorted(kinds))}."
                )
            if not name or len(name) > 255:
                raise ValueError(f"“{item}”: a name has 1 to 255 characters.")
            if len(language) > 10:
                raise ValueError(f"“{language}” is not a language code (e.g. ru, fr).")
            names.append(Name(name, kind, language))
        if len({n.name for n in names}) != len(names):
            raise ValueError("The same alternate name is listed twice.")
        return names

    def format(self, parsed: list[Name]) -> str:
        return f"{SEPARATOR} ".join(f"{n.name}|{n.kind}|{n.language}" for n in parsed)

    def stored(self, record: models.Model) -> list[Name]:
        if record.pk is None:
            return []
        return [Name(n.name, n.kind, n.language) for n in self.owned(record).order_by("pk")]

    def read(self, record: models.Model) -> str:
        return self.format(self.stored(record))

    def unchanged(self, record: models.Model, parsed: list[Name]) -> bool:
        # A person's names are a set: their order in the cell means nothing.
        return set(parsed) == set(self.stored(record))

    def write(self, record: models.Model, parsed: list[Name]) -> None:
        existing = {n.name: n for n in self.owned(record)}
        wanted = {n.name for n in parsed}
        for name, row in existing.items():
            if name not in wanted:
                row.delete()
        for item in parsed:
            row = existing.get(item.name)
            if row is None:
                PersonName.objects.create(
                    person=record, name=item.name, kind=item.kind, language=item.language
                )
            elif (row.kind, row.language) != (item.kind, item.language):
                row.kind, row.language = item.kind, item.language
                row.save()


class OrderedPersons(OwnedRows):
    """Person slugs in order, separated by semicolons; stored as positioned through rows."""

    extra: dict[str, str] = {}

    def parse(self, value: Any) -> list[Person]:
        return objects_by_slug(Person, split_list(value))

    def format(self, parsed: list[Person]) -> str:
        return f"{SEPARATOR} ".join(person.slug for person in parsed)

    def read(self, record: models.Model) -> str:
        if record.pk is None:
            return ""
        rows = self.owned(record).filter(**self.extra).select_related("person")
        return self.format([row.person for row in rows.order_by("position", "pk")])

    def write(self, record: models.Model, parsed: list[Person]) -> None:
        rows = self.owned(record).filter(**self.extra)
        existing = {row.person_id: row for row in rows}
        wanted = {person.pk for person in parsed}
        for person_id, row in existing.items():
            if person_id not in wanted:
                row.delete()
        for position, person in enumerate(parsed):
            row = existing.get(person.pk)
            if row is None:
                self.model._default_manager.create(
                    **{self.owner_field: record}, person=person, position=position, **self.extra
                )
            elif row.position != position:
                row.position = position
                row.save()


class Authors(OrderedPersons):
    """A document's authors (contributors with the author role; other roles are kept)."""

    column = "authors"
    model = Contribution
    owner_field = "document"
    extra = {"role": Contribution.Role.AUTHOR}


class Depicted(OrderedPersons):
    """The persons a photograph depicts, in order (notes on existing rows are kept)."""

    column = "depicted"
    model = Depiction
    owner_field = "photograph"
