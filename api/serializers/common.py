"""Pieces every answer shares: links, references to records and vocabularies, EDTF dates and
citations."""

from typing import Any

from django.db.models import Model
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from archive import dates, visibility
from archive.kinds import KINDS, kind_of
from archive.models import Citation, RightsStatement, Source

# The `kind` of a record in every answer (archive.kinds).
RECORD_KINDS = [kind.name for kind in KINDS]


def absolute(context: dict, path: str) -> str:
    """An absolute URL for a path, on the host the request came to."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


def api_url(context: dict, obj: Model) -> str:
    return absolute(context, reverse(f"api:{obj._meta.model_name}-detail", args=[obj.slug]))


def page_url(context: dict, obj: Model) -> str:
    return absolute(context, obj.get_absolute_url())


def photograph_file_url(context: dict, photograph: Model, variant: str) -> str | None:
    """The visibility-checked file route of a photograph's thumbnail or original, if it has one."""
    field = {"thumbnail": photograph.thumbnail, "original": photograph.image}[variant]
    if not field:
        return None
    path = reverse("archive:photograph-file", kwargs={"slug": photograph.slug, "variant": variant})
    return absolute(context, path)


# Dates -------------------------------------------------------------------------------------------


class EDTFDateSerializer(serializers.Serializer):
    """An archival date as the curator wrote it (EDTF), as people read it, and its bounds."""

    edtf = serializers.CharField(help_text="Extended Date/Time Format, e.g. 1909~/1911~.")
    display = serializers.CharField(help_text="As the site shows it, e.g. c. 1909–1911.")
    lower = serializers.DateField(allow_null=True, help_text="The earliest day it may mean.")
    upper = serializers.DateField(allow_null=True, help_text="The latest day it may mean.")


@extend_schema_field(EDTFDateSerializer(allow_null=True))
class EDTFDateField(serializers.Field):
    """One EDTF date of a record (with its derived bounds), or null when it is not known."""

    def __init__(self, date_name: str = "date", **kwargs: Any) -> None:
        self.date_name = date_name
        kwargs.setdefault("source", "*")
        kwargs.update(read_only=True, allow_null=True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict | None:
        text = getattr(value, self.date_name) or ""
        if not text:
            return None
        lower = getattr(value, f"{self.date_name}_lower", None)
        upper = getattr(value, f"{self.date_name}_upper", None)
        return {
            "edtf": text,
            "display": dates.display_text(text),
            "lower": lower.isoformat() if lower else None,
            "upper": upper.isoformat() if upper else None,
        }


# References --------------------------------------------------------------------------------------


class RecordRefSerializer(serializers.Serializer):
    """A short reference to a public record, with its page and its API address."""

    kind = serializers.SerializerMethodField()
    id = serializers.IntegerField(source="pk")
    slug = serializers.SlugField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The record's page on the site.")
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=RECORD_KINDS))
    def get_kind(self, obj: Model) -> str:
        return kind_of(obj).name

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Model) -> str:
        return page_url(self.context, obj)

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj: Model) -> str:
        return api_url(self.context, obj)


class PhotographRefSerializer(RecordRefSerializer):
    """A reference to a public photograph, with its alt text and thumbnail."""

    alt_text = serializers.CharField()
    thumbnail_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_thumbnail_url(self, obj: Model) -> str | None:
        return photograph_file_url(self.context, obj, "thumbnail")


def represent(obj: Any, context: dict, serializer: type[serializers.Serializer]) -> dict:
    """obj as `serializer` shows it. One serializer of each class serves a whole answer: binding
    a serializer's fields costs more than using them."""
    instances = context.setdefault("_serializers", {})
    if serializer not in instances:
        instances[serializer] = serializer(context=context)
    return instances[serializer].to_representation(obj)


def public_ref(
    obj: Model | None, context: dict, serializer: type[RecordRefSerializer] = RecordRefSerializer
) -> dict | None:
    """A reference to obj if the public may see it, else None."""
    if obj is None or not visibility.is_public(obj):
        return None
    return represent(obj, context, serializer)


class VocabularyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    slug = serializers.SlugField()
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj: Model) -> str:
        return api_url(self.context, obj)


class CollectionRefSerializer(VocabularyRefSerializer):
    title = serializers.CharField()


class SubjectRefSerializer(VocabularyRefSerializer):
    name = serializers.CharField()


class PlaceRefSerializer(VocabularyRefSerializer):
    name = serializers.CharField()


class RightsSerializer(serializers.ModelSerializer):
    class Meta:
        model = RightsStatement
        fields = ["slug", "title", "uri"]
        read_only_fields = fields


# Citations ---------------------------------------------------------------------------------------


class SourceSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="csl_type", help_text="A CSL item type.")
    url = serializers.CharField(help_text="A URL, or empty.")

    class Meta:
        model = Source
        fields = [
            "key",
            "type",
            "title",
            "author",
            "editor",
            "container_title",
            "publisher",
            "publisher_place",
            "issued",
            "volume",
            "issue",
            "page",
            "url",
            "doi",
            "isbn",
        ]
        read_only_fields = fields


class CitationSerializer(serializers.ModelSerializer):
    source = SourceSerializer(allow_null=True, help_text="Null: a citation is still needed.")

    class Meta:
        model = Citation
        fields = ["source", "locator", "quote", "note"]
        read_only_fields = fields
