"""Places, collections and subjects: labels that records point to, always public (a label says
nothing about an unpublished record). Each links to the search for its public records."""

from urllib.parse import urlencode

from django.db.models import Model
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import (
    CollectionRefSerializer,
    PlaceRefSerializer,
    SubjectRefSerializer,
    absolute,
    api_url,
)
from archive.models import Collection, Place, Subject


class VocabularySerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj: Model) -> str:
        return api_url(self.context, obj)


class SearchLinkMixin(serializers.Serializer):
    search_url = serializers.SerializerMethodField(
        help_text="The API search for the public records with this value."
    )
    search_parameter = ""

    @extend_schema_field(OpenApiTypes.URI)
    def get_search_url(self, obj: Model) -> str:
        query = urlencode({self.search_parameter: obj.pk})
        return absolute(self.context, f"{reverse('api:search')}?{query}")


class PlaceSerializer(SearchLinkMixin, VocabularySerializer):
    alternate_names = serializers.SerializerMethodField()
    parent = PlaceRefSerializer(allow_null=True)
    latitude = serializers.FloatField(allow_null=True, min_value=-90, max_value=90)
    longitude = serializers.FloatField(allow_null=True, min_value=-180, max_value=180)
    search_parameter = "place"

    class Meta:
        model = Place
        fields = [
            "id",
            "slug",
            "name",
            "api_url",
            "kind",
            "alternate_names",
            "parent",
            "latitude",
            "longitude",
            "wikidata_id",
            "description",
            "search_url",
        ]
        read_only_fields = fields

    def get_alternate_names(self, obj: Place) -> list[str]:
        return [name.strip() for name in obj.alternate_names.split(";") if name.strip()]


class CollectionSerializer(SearchLinkMixin, VocabularySerializer):
    parent = CollectionRefSerializer(allow_null=True)
    search_parameter = "collection"

    class Meta:
        model = Collection
        fields = ["id", "slug", "title", "api_url", "description", "parent", "search_url"]
        read_only_fields = fields


class SubjectSerializer(SearchLinkMixin, VocabularySerializer):
    broader = SubjectRefSerializer(allow_null=True)
    authority_uri = serializers.CharField(help_text="The same subject in an authority, or empty.")
    search_parameter = "subject"

    class Meta:
        model = Subject
        fields = [
            "id",
            "slug",
            "name",
            "api_url",
            "description",
            "broader",
            "authority_uri",
            "search_url",
        ]
        read_only_fields = fields
