"""The search index: one denormalised row per archive record.

Everything a search needs lives on the row — text by weight, names, date bounds and decade,
language, collection, person and subject ids, whether it has an image, and the publication status
and time so that `archive.visibility` decides what counts (a scheduled record becomes findable on
time without reindexing). The full-text structures are database-specific and made by migration:
on PostgreSQL a weighted, accent-insensitive `tsvector` generated column with a GIN index and a
trigram index on names; on SQLite an FTS5 table kept in step by triggers.
"""

from django.db import models

from archive.fields import IdListField
from archive.models.base import Status


class SearchEntry(models.Model):
    kind = models.CharField(max_length=12)
    object_id = models.BigIntegerField()
    slug = models.CharField(max_length=200)
    title = models.TextField()
    sort_title = models.CharField(max_length=200, db_index=True)
    # The letter the record files under in an A–Z list (search.rows.sort_initial): a Latin or
    # Cyrillic capital, or "#" for anything else.
    initial = models.CharField(max_length=1, default="#")
    names = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    date_lower = models.DateField(null=True)
    date_upper = models.DateField(null=True)
    decade = models.SmallIntegerField(null=True)
    language = models.CharField(max_length=10, blank=True)
    collection_id = models.BigIntegerField(null=True)
    person_ids = IdListField(default=list)
    subject_ids = IdListField(default=list)
    has_image = models.BooleanField(default=False)
    thumbnail_slug = models.CharField(max_length=200, blank=True)
    date_text = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    published_at = models.DateTimeField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "archive_search_entry"
        verbose_name = "search index entry"
        verbose_name_plural = "search index entries"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="archive_search_entry_record"
            )
        ]
        indexes = [
            models.Index(fields=["date_lower", "id"], name="archive_search_date_idx"),
            # Filtered browsing counts persons and subjects of the rows of a kind and decade:
            # on PostgreSQL read from this index alone (an index-only scan once VACUUM has marked
            # the pages all-visible).
            models.Index(
                fields=["kind", "decade", "date_lower"],
                include=["status", "published_at", "person_ids", "subject_ids"],
                name="archive_search_kind_dec_cov",
            ),
            models.Index(fields=["collection_id"], name="archive_search_collection_idx"),
            models.Index(fields=["language"], name="archive_search_language_idx"),
            # An A–Z page: the rows of a kind under one letter, in title order; and the count of
            # each letter's rows, by an index-only scan on PostgreSQL.
            models.Index(
                fields=["kind", "initial", "sort_title"],
                include=["status", "published_at"],
                name="search_entry_initial_idx",
            ),
            # "With image" in an archive of few images: without it the page of hits read every
            # row. The rows with an image, in title order.
            models.Index(
                fields=["sort_title", "id"],
                condition=models.Q(has_image=True),
                name="archive_search_image_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class SearchIndexState(models.Model):
    """One row that changes whenever the index does, so cached searches know when to expire.

    `generation` changes with every write to the index; `next_publication` is the earliest
    future publication time in the index, when a scheduled record becomes findable and every
    cached answer must be recomputed.
    """

    generation = models.BigIntegerField(default=0)
    next_publication = models.DateTimeField(null=True)

    class Meta:
        db_table = "archive_search_state"

    def __str__(self) -> str:
        return f"search index generation {self.generation}"
