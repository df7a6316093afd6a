"""Exhibits, their sections and blocks. Text is given as sanitised HTML (exhibits.sanitize, the
same cleaning as the site) or as plain text; a section's blocks are prepared by
exhibits.rendering, which leaves out blocks and gallery photographs whose records are not public.
"""

from django.db.models import Model
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import (
    RECORD_KINDS,
    CitationSerializer,
    EDTFDateField,
    PhotographRefSerializer,
    RecordRefSerializer,
    absolute,
    api_url,
    page_url,
    public_ref,
)
from archive.models import Defendant
from exhibits import sanitize
from exhibits.models import Block, Exhibit, Section
from exhibits.rendering import PreparedBlock


def section_api_url(context: dict, section: Section, exhibit: Exhibit) -> str:
    path = reverse("api:section-detail", args=[exhibit.slug, section.slug])
    return absolute(context, path)


class SectionRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The section's page on the site.")
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Section
        fields = ["slug", "title", "position", "content_notice", "url", "api_url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Section) -> str:
        return absolute(self.context, obj.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj: Section) -> str:
        return section_api_url(self.context, obj, obj.exhibit)


class ExhibitSerializer(serializers.ModelSerializer):
    """`content_notice`, when not empty, is a warning the site shows before the exhibit."""

    url = serializers.SerializerMethodField(help_text="The exhibit's page on the site.")
    api_url = serializers.SerializerMethodField()
    introduction_html = serializers.SerializerMethodField(help_text="Sanitised HTML.")
    cover = serializers.SerializerMethodField()
    credits = serializers.SerializerMethodField()
    sections = SectionRefSerializer(many=True)

    class Meta:
        model = Exhibit
        fields = [
            "id",
            "slug",
            "title",
            "subtitle",
            "url",
            "api_url",
            "summary",
            "introduction_html",
            "cover",
            "credits",
            "content_notice",
            "featured",
            "published_at",
            "updated_at",
            "sections",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Model) -> str:
        return page_url(self.context, obj)

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj: Model) -> str:
        return api_url(self.context, obj)

    def get_introduction_html(self, obj: Exhibit) -> str:
        return sanitize.clean_html(obj.introduction)

    @extend_schema_field(PhotographRefSerializer(allow_null=True))
    def get_cover(self, obj: Exhibit) -> dict | None:
        return public_ref(obj.cover, self.context, PhotographRefSerializer)

    def get_credits(self, obj: Exhibit) -> list[str]:
        return [line.strip() for line in obj.credits.splitlines() if line.strip()]


class ExhibitRefSerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Exhibit
        fields = ["slug", "title", "api_url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj: Model) -> str:
        return api_url(self.context, obj)


# Blocks ------------------------------------------------------------------------------------------


class GalleryPhotographSerializer(serializers.Serializer):
    photograph = PhotographRefSerializer()
    caption = serializers.CharField()


class TimelineEventSerializer(RecordRefSerializer):
    date = EDTFDateField()


class BlockDefendantSerializer(serializers.ModelSerializer):
    person = RecordRefSerializer()

    class Meta:
        model = Defendant
        fields = ["person", "verdict", "sentence"]
        read_only_fields = fields


class SearchResultSerializer(serializers.Serializer):
    """One result of a featured search: a public record."""

    kind = serializers.ChoiceField(choices=RECORD_KINDS)
    slug = serializers.SlugField()
    title = serializers.CharField()
    date = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The record's page on the site.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, hit: dict) -> str:
        return absolute(self.context, hit["url"])


class FeaturedSearchBlockSerializer(serializers.Serializer):
    """A featured search (exhibits.featured) with its count and first results."""

    title = serializers.CharField()
    text_html = serializers.CharField(source="html", help_text="Sanitised HTML.")
    total = serializers.IntegerField(help_text="How many public records the search finds.")
    search_url = serializers.SerializerMethodField(help_text="The search page with this search.")
    results = SearchResultSerializer(many=True, help_text="The first results.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_search_url(self, featured) -> str:
        return absolute(self.context, featured.url) if featured.url else ""


class BlockSerializer(serializers.Serializer):
    """One block. Which fields are filled depends on `kind`: text (`html`), quote (`text`,
    `attribution`), record embed / person card / trial summary (`record`, `caption`, `image`,
    and `defendants` for a trial), gallery (`photographs`), timeline (`events`), featured
    search (`search`)."""

    kind = serializers.ChoiceField(choices=Block.Kind.choices)
    position = serializers.IntegerField()
    html = serializers.CharField(allow_null=True, help_text="Text blocks: sanitised HTML.")
    text = serializers.CharField(allow_null=True, help_text="Quotes: the quotation, plain text.")
    attribution = serializers.CharField()
    caption = serializers.CharField()
    record = RecordRefSerializer(allow_null=True)
    image = PhotographRefSerializer(allow_null=True)
    photographs = GalleryPhotographSerializer(many=True)
    events = TimelineEventSerializer(many=True)
    defendants = BlockDefendantSerializer(many=True, help_text="Only those with public records.")
    search = FeaturedSearchBlockSerializer(allow_null=True, help_text="Featured search blocks.")
    footnotes = serializers.ListField(
        child=serializers.IntegerField(min_value=1), help_text="Numbers of the section's footnotes."
    )


def block_data(item: PreparedBlock) -> dict:
    """A prepared block (exhibits.rendering) as BlockSerializer reads it."""
    block = item.block
    return {
        "kind": block.kind,
        "position": block.position,
        "html": str(item.html) if block.kind == Block.Kind.TEXT else None,
        "text": block.body if block.kind == Block.Kind.QUOTE else None,
        "attribution": block.attribution,
        "caption": item.caption,
        "record": item.record,
        "image": item.image,
        "photographs": [{"photograph": p, "caption": c} for p, c in item.photographs],
        "events": item.events,
        "defendants": [d.defendant for d in item.defendants],
        "search": item.search,
        "footnotes": [note.number for note in item.footnotes],
    }


class FootnoteSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1)
    citation = CitationSerializer()


class SectionSerializer(serializers.Serializer):
    exhibit = ExhibitRefSerializer()
    slug = serializers.SlugField()
    title = serializers.CharField()
    position = serializers.IntegerField(help_text="1 for the first section.")
    content_notice = serializers.CharField()
    url = serializers.URLField(help_text="The section's page on the site.")
    api_url = serializers.URLField()
    previous = SectionRefSerializer(allow_null=True)
    next = SectionRefSerializer(allow_null=True)
    blocks = BlockSerializer(many=True)
    footnotes = FootnoteSerializer(many=True)
