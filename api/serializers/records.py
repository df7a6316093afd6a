"""The kinds of archive record (archive.kinds). Nested lists read the `public_*` attributes that
api.querysets prefetches from each kind's public relations; single links go through
`public_ref`."""

from django.db.models import Model
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import (
    RECORD_KINDS,
    CitationSerializer,
    CollectionRefSerializer,
    EDTFDateField,
    PhotographRefSerializer,
    PlaceRefSerializer,
    RecordRefSerializer,
    RightsSerializer,
    SubjectRefSerializer,
    absolute,
    api_url,
    page_url,
    photograph_file_url,
    public_ref,
    represent,
)
from archive.kinds import kind_of
from archive.models import (
    Contribution,
    Defendant,
    Depiction,
    Document,
    DocumentPage,
    Event,
    Person,
    PersonName,
    PersonRelation,
    Photograph,
    Trial,
)
from public.iiif.sources import page_identifier, photograph_identifier

RECORD_FIELDS = [
    "kind",
    "id",
    "slug",
    "title",
    "url",
    "api_url",
    "summary",
    "description",
    "content_notice",
    "language",
    "collection",
    "subjects",
    "rights",
    "citations",
    "published_at",
    "updated_at",
]


class RecordSerializer(serializers.ModelSerializer):
    """What every record has. `content_notice`, when not empty, is a warning (on executions,
    violence…) that the site shows before the record: clients should show it too."""

    kind = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="The record's page on the site.")
    api_url = serializers.SerializerMethodField()
    collection = CollectionRefSerializer(allow_null=True)
    subjects = SubjectRefSerializer(many=True)
    rights = RightsSerializer(allow_null=True)
    citations = CitationSerializer(many=True, help_text="Sources for the record, in order.")

    class Meta:
        fields = RECORD_FIELDS
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=RECORD_KINDS))
    def get_kind(self, obj: Model) -> str:
        return kind_of(obj).name

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Model) -> str:
        return page_url(self.context, obj)

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj: Model) -> str:
        return api_url(self.context, obj)


# Persons -----------------------------------------------------------------------------------------


class PersonNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonName
        fields = ["name", "kind", "language"]
        read_only_fields = fields


class RelationSerializer(serializers.Serializer):
    """A relation to another public person, read from this person's side."""

    kind = serializers.ChoiceField(choices=PersonRelation.Kind.choices)
    label = serializers.CharField(help_text="How the relation reads, e.g. 'mentor of'.")
    person = RecordRefSerializer()
    date = EDTFDateField(source="relation")
    note = serializers.CharField()


class PersonSerializer(RecordSerializer):
    birth = EDTFDateField("birth")
    death = EDTFDateField("death")
    life_dates = serializers.CharField(help_text="e.g. 1888–1938, or empty.")
    birth_place = PlaceRefSerializer(allow_null=True)
    death_place = PlaceRefSerializer(allow_null=True)
    alternate_names = PersonNameSerializer(many=True)
    portrait = serializers.SerializerMethodField()
    relations = serializers.SerializerMethodField()

    class Meta(RecordSerializer.Meta):
        model = Person
        fields = [
            *RECORD_FIELDS,
            "sort_name",
            "birth",
            "death",
            "life_dates",
            "birth_place",
            "death_place",
            "alternate_names",
            "wikidata_id",
            "viaf_id",
            "portrait",
            "relations",
        ]
        read_only_fields = fields

    @extend_schema_field(PhotographRefSerializer(allow_null=True))
    def get_portrait(self, obj: Person) -> dict | None:
        return public_ref(obj.portrait, self.context, PhotographRefSerializer)

    @extend_schema_field(RelationSerializer(many=True))
    def get_relations(self, obj: Person) -> list[dict]:
        rows = [
            {
                "kind": r.kind,
                "label": r.get_kind_display(),
                "person": r.related,
                "relation": r,
                "note": r.note,
            }
            for r in obj.public_relations
        ] + [
            {
                "kind": r.kind,
                "label": r.inverse_label,
                "person": r.person,
                "relation": r,
                "note": r.note,
            }
            for r in obj.public_inverse_relations
        ]
        return [represent(row, self.context, RelationSerializer) for row in rows]


# Documents ---------------------------------------------------------------------------------------


class ContributorSerializer(serializers.ModelSerializer):
    person = RecordRefSerializer()

    class Meta:
        model = Contribution
        fields = ["person", "role"]
        read_only_fields = fields


def iiif_info_url(context: dict, identifier: str) -> str:
    """The IIIF Image API information (info.json) of a photograph or page image."""
    return absolute(context, reverse("iiif:image-info", kwargs={"identifier": identifier}))


class DocumentPageSerializer(serializers.ModelSerializer):
    image_url = serializers.SerializerMethodField(
        help_text="The page image, streamed by the site's visibility-checked route."
    )
    iiif_info_url = serializers.SerializerMethodField(help_text="IIIF Image API info.json.")

    class Meta:
        model = DocumentPage
        fields = ["position", "label", "image_url", "iiif_info_url"]
        read_only_fields = fields

    def get_image_url(self, obj: DocumentPage) -> str:
        path = reverse(
            "archive:document-page-file", kwargs={"slug": obj.document.slug, "page": obj.pk}
        )
        return absolute(self.context, path)

    def get_iiif_info_url(self, obj: DocumentPage) -> str:
        return iiif_info_url(self.context, page_identifier(obj))


class DocumentSerializer(RecordSerializer):
    date = EDTFDateField()
    document_kind = serializers.ChoiceField(source="kind", choices=Document.Kind.choices)
    place = PlaceRefSerializer(allow_null=True)
    extent = serializers.CharField(source="pages", help_text="e.g. 160 pp.")
    contributors = ContributorSerializer(
        source="public_contributions", many=True, help_text="Contributors with public records."
    )
    pages = DocumentPageSerializer(
        source="page_images", many=True, help_text="The digitised pages, in reading order."
    )
    trials = RecordRefSerializer(source="public_trials", many=True)

    class Meta(RecordSerializer.Meta):
        model = Document
        fields = [
            *RECORD_FIELDS,
            "date",
            "document_kind",
            "original_title",
            "contributors",
            "publisher",
            "place",
            "extent",
            "pages",
            "transcription",
            "trials",
        ]
        read_only_fields = fields


# Photographs -------------------------------------------------------------------------------------


class ImageSerializer(serializers.Serializer):
    """The image's files, streamed by the site's visibility-checked photograph route."""

    thumbnail_url = serializers.URLField(allow_null=True)
    original_url = serializers.URLField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    byte_size = serializers.IntegerField(allow_null=True)
    sha256 = serializers.CharField(help_text="SHA-256 of the original, taken at ingest.")
    iiif_info_url = serializers.URLField(help_text="IIIF Image API info.json.")
    iiif_manifest_url = serializers.URLField(help_text="IIIF Presentation 3 manifest.")


class DepictionSerializer(serializers.ModelSerializer):
    person = RecordRefSerializer()

    class Meta:
        model = Depiction
        fields = ["person", "note"]
        read_only_fields = fields


class PhotographSerializer(RecordSerializer):
    date = EDTFDateField()
    place = PlaceRefSerializer(allow_null=True)
    photographer = serializers.SerializerMethodField()
    depicted = DepictionSerializer(
        source="public_depictions", many=True, help_text="Depicted persons with public records."
    )
    image = serializers.SerializerMethodField()

    class Meta(RecordSerializer.Meta):
        model = Photograph
        fields = [
            *RECORD_FIELDS,
            "date",
            "alt_text",
            "caption",
            "credit_line",
            "place",
            "photographer",
            "depicted",
            "image",
        ]
        read_only_fields = fields

    @extend_schema_field(RecordRefSerializer(allow_null=True))
    def get_photographer(self, obj: Photograph) -> dict | None:
        return public_ref(obj.photographer, self.context)

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_image(self, obj: Photograph) -> dict | None:
        if not obj.image:
            return None
        return {
            "thumbnail_url": photograph_file_url(self.context, obj, "thumbnail"),
            "original_url": photograph_file_url(self.context, obj, "original"),
            "width": obj.width,
            "height": obj.height,
            "byte_size": obj.byte_size,
            "sha256": obj.sha256,
            "iiif_info_url": iiif_info_url(self.context, photograph_identifier(obj)),
            "iiif_manifest_url": absolute(
                self.context,
                reverse("iiif:photograph-manifest", kwargs={"slug": obj.slug}),
            ),
        }


# Trials ------------------------------------------------------------------------------------------


class DefendantSerializer(serializers.ModelSerializer):
    person = RecordRefSerializer()
    carried_out = EDTFDateField("carried_out")
    rehabilitated = EDTFDateField("rehabilitated")

    class Meta:
        model = Defendant
        fields = [
            "person",
            "position",
            "charges",
            "plea",
            "verdict",
            "sentence",
            "carried_out",
            "rehabilitated",
        ]
        read_only_fields = fields


class TrialSerializer(RecordSerializer):
    """Defendants, judges and the prosecutor are named only when their person records are public;
    `defendant_count` says how many defendants there were in all."""

    date = EDTFDateField()
    place = PlaceRefSerializer(allow_null=True)
    prosecutor = serializers.SerializerMethodField()
    judges = RecordRefSerializer(source="public_judges", many=True)
    defendant_count = serializers.SerializerMethodField()
    defendants = DefendantSerializer(source="public_defendants", many=True)
    documents = RecordRefSerializer(source="public_documents", many=True)

    class Meta(RecordSerializer.Meta):
        model = Trial
        fields = [
            *RECORD_FIELDS,
            "date",
            "court",
            "place",
            "prosecutor",
            "judges",
            "defendant_count",
            "defendants",
            "documents",
        ]
        read_only_fields = fields

    @extend_schema_field(RecordRefSerializer(allow_null=True))
    def get_prosecutor(self, obj: Trial) -> dict | None:
        return public_ref(obj.prosecutor, self.context)

    def get_defendant_count(self, obj: Trial) -> int:
        """All defendants as recorded, else the number named here (as the trial page says)."""
        return obj.defendant_count or len(obj.public_defendants)


# Events ------------------------------------------------------------------------------------------


class EventSerializer(RecordSerializer):
    date = EDTFDateField()
    event_kind = serializers.ChoiceField(source="kind", choices=Event.Kind.choices)
    place = PlaceRefSerializer(allow_null=True)
    persons = RecordRefSerializer(source="public_persons", many=True)

    class Meta(RecordSerializer.Meta):
        model = Event
        fields = [*RECORD_FIELDS, "date", "event_kind", "place", "persons"]
        read_only_fields = fields
