"""What the export of each admin list that is not a record kind holds: exhibits, sections, blocks,
citations (and the "citation needed" worklist), fixity checks and import batches.

Export only (these lists have no import). Columns are what a curator reads in the list: other
records by slug or title, counts as numbers, times in ISO 8601 like the record exports
(transfer.resources). The counts come from the annotations the admins' querysets add.
"""

from django.db import models
from import_export import fields, resources

from archive.models import Citation, CitationNeeded, FixityCheck
from exhibits.models import Block, Exhibit, Section
from transfer.columns import DateTimeWidget
from transfer.models import ImportBatch


def column(attribute: str, name: str | None = None) -> fields.Field:
    """A read-only column; `attribute` may follow relations with "__" (section__exhibit__slug)."""
    return fields.Field(attribute=attribute, column_name=name or attribute, readonly=True)


def moment(attribute: str) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=attribute, widget=DateTimeWidget(), readonly=True
    )


class ExhibitResource(resources.ModelResource):
    published_at = moment("published_at")
    updated_at = moment("updated_at")
    cover = column("cover__slug", "cover")
    sections = fields.Field(column_name="sections", readonly=True)

    class Meta:
        model = Exhibit
        fields = export_order = [
            "title",
            "slug",
            "subtitle",
            "status",
            "published_at",
            "featured",
            "sections",
            "cover",
            "summary",
            "updated_at",
        ]

    def dehydrate_sections(self, exhibit: Exhibit) -> int:
        total = getattr(exhibit, "section_total", None)
        return exhibit.sections.count() if total is None else total


class SectionResource(resources.ModelResource):
    exhibit = column("exhibit__slug", "exhibit")
    blocks = fields.Field(column_name="blocks", readonly=True)

    class Meta:
        model = Section
        fields = export_order = [
            "exhibit",
            "position",
            "title",
            "slug",
            "blocks",
            "content_notice",
        ]

    def dehydrate_blocks(self, section: Section) -> int:
        total = getattr(section, "block_total", None)
        return section.blocks.count() if total is None else total


class BlockResource(resources.ModelResource):
    exhibit = column("section__exhibit__slug", "exhibit")
    section = column("section__slug", "section")
    record = fields.Field(column_name="record", readonly=True)

    class Meta:
        model = Block
        fields = export_order = [
            "id",
            "exhibit",
            "section",
            "position",
            "kind",
            "record",
            "body",
            "caption",
            "attribution",
        ]

    def filter_export(self, queryset: models.QuerySet, **kwargs) -> models.QuerySet:
        return queryset.select_related(*Block.RECORD_FIELDS)  # the "record" column, in one query

    def dehydrate_record(self, block: Block) -> str:
        record = block.record
        return str(record) if record is not None else ""


class CitationResource(resources.ModelResource):
    """Citations; the worklist exports the same columns (its rows are Citation objects)."""

    kind = fields.Field(column_name="kind of record", readonly=True)
    record = fields.Field(column_name="cited record", readonly=True)
    source = column("source__key", "source")
    created_at = moment("created_at")

    class Meta:
        model = Citation
        fields = export_order = [
            "id",
            "kind",
            "record",
            "source",
            "locator",
            "quote",
            "note",
            "position",
            "created_at",
        ]

    def dehydrate_kind(self, citation: Citation) -> str:
        model = citation.content_type.model_class()
        return str(model._meta.verbose_name) if model else citation.content_type.model

    def dehydrate_record(self, citation: Citation) -> str:
        target = citation.cited_object
        return "(deleted)" if target is None else str(target)


class FixityCheckResource(resources.ModelResource):
    photograph = column("photograph__slug", "photograph")
    checked_at = moment("checked_at")

    class Meta:
        model = FixityCheck
        fields = export_order = [
            "photograph",
            "result",
            "checked_at",
            "file_name",
            "expected_sha256",
            "found_sha256",
        ]


class ImportBatchResource(resources.ModelResource):
    kind = column("content_type__model", "kind of record")
    user = column("user__username", "user")
    created_at = moment("created_at")
    finished_at = moment("finished_at")
    undone_at = moment("undone_at")

    class Meta:
        model = ImportBatch
        fields = export_order = [
            "id",
            "file_name",
            "file_format",
            "kind",
            "user",
            "state",
            "total_rows",
            "created",
            "updated",
            "skipped",
            "created_at",
            "finished_at",
            "undone_at",
        ]


LIST_RESOURCES: dict[type[models.Model], type[resources.ModelResource]] = {
    Exhibit: ExhibitResource,
    Section: SectionResource,
    Block: BlockResource,
    Citation: CitationResource,
    CitationNeeded: CitationResource,
    FixityCheck: FixityCheckResource,
    ImportBatch: ImportBatchResource,
}
