"""Sources (the bibliography) and citations (a source, with locator and quote, for any record).

A citation without a source is a "citation needed" flag: it shows on the curators' worklist until
someone finds the source.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_delete
from simple_history.models import HistoricalRecords

from archive.fields import EDTFField, edtf_bounds
from archive.models.base import DateBoundsMixin, date_order_constraint


class Source(DateBoundsMixin):
    """A bibliographic work, described with CSL-like fields so that it exports cleanly."""

    class Type(models.TextChoices):
        BOOK = "book", "Book"
        CHAPTER = "chapter", "Book chapter"
        ARTICLE_JOURNAL = "article-journal", "Journal article"
        ARTICLE_NEWSPAPER = "article-newspaper", "Newspaper article"
        MANUSCRIPT = "manuscript", "Manuscript or archival document"
        LEGAL = "legal_case", "Legal case or record"
        WEBPAGE = "webpage", "Web page"
        DOCUMENT = "document", "Other document"

    key = models.SlugField(
        max_length=100, unique=True, help_text="A short, stable handle, e.g. cohen-1973."
    )
    csl_type = models.CharField("type", max_length=20, choices=Type.choices, default=Type.BOOK)
    title = models.CharField(max_length=500)
    author = models.CharField(
        max_length=500, blank=True, help_text="Family, Given; Family, Given (semicolons between)."
    )
    editor = models.CharField(max_length=500, blank=True)
    container_title = models.CharField("in (journal, book, newspaper)", max_length=500, blank=True)
    publisher = models.CharField(max_length=255, blank=True)
    publisher_place = models.CharField(max_length=255, blank=True)
    issued = EDTFField("issued")
    issued_lower, issued_upper = edtf_bounds(issued)
    volume = models.CharField(max_length=50, blank=True)
    issue = models.CharField(max_length=50, blank=True)
    page = models.CharField("pages", max_length=50, blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    doi = models.CharField("DOI", max_length=255, blank=True)
    isbn = models.CharField("ISBN", max_length=20, blank=True)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        constraints = [date_order_constraint("issued")]

    def __str__(self) -> str:
        return f"{self.title} [{self.key}]"


class CitationQuerySet(models.QuerySet):
    def needing_source(self):
        return self.filter(source__isnull=True)

    def for_object(self, obj: models.Model):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


# Kept to connect its handlers for the proxy below too.
CITATION_HISTORY = HistoricalRecords()


class Citation(models.Model):
    """A source cited for one record or exhibit block (any model, by generic relation)."""

    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citations",
        help_text="Leave empty to flag 'citation needed'.",
    )
    locator = models.CharField(
        max_length=100, blank=True, help_text="Page, folio or section, e.g. p. 47."
    )
    quote = models.TextField(blank=True)
    note = models.TextField(blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    cited_object = GenericForeignKey("content_type", "object_id")
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    history = CITATION_HISTORY

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="archive_citation_target_idx")
        ]

    def __str__(self) -> str:
        if self.source_id is None:
            return "Citation needed"
        return f"{self.source.title}{', ' + self.locator if self.locator else ''}"

    @property
    def needs_source(self) -> bool:
        return self.source_id is None


class CitationNeeded(Citation):
    """The curators' worklist: citations that still need a source."""

    class Meta:
        proxy = True
        verbose_name = "citation needing a source"
        verbose_name_plural = "citations needing a source"


# django-simple-history records the saves of the model it is declared on, and Django sends a
# proxy's saves with the proxy as sender: without these, an edit from the worklist (the
# CitationNeeded admin) left no revision of the citation.
post_save.connect(CITATION_HISTORY.post_save, sender=CitationNeeded, weak=False)
pre_delete.connect(CITATION_HISTORY.pre_delete, sender=CitationNeeded, weak=False)
post_delete.connect(CITATION_HISTORY.post_delete, sender=CitationNeeded, weak=False)
