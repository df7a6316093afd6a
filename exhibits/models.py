"""Exhibits: a narrative built from ordered sections, each made of ordered blocks.

An exhibit has the same publication states as an archive record and the same visibility rule
(archive.visibility): public once published and its publication time has come, so a scheduled
exhibit appears on time with no command to run. Blocks point at archive records; a block whose
record is not public is left out of the public page (exhibits.rendering), never an error.
A featured search is a saved search published the same way, shown on the home page and by
featured-search blocks (exhibits.featured).
"""

import contextlib

from django.contrib.contenttypes.fields import GenericRelation
from django.core import checks
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from archive.kinds import BY_NAME, KINDS
from archive.models.base import Prepared, Publishable
from exhibits import sanitize, saved_queries


class Exhibit(Publishable):
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=200, unique=True)
    subtitle = models.CharField(max_length=255, blank=True)
    summary = models.TextField(blank=True, help_text="Shown on the exhibit index and home page.")
    introduction = models.TextField(blank=True, help_text="HTML or plain text; sanitised on save.")
    cover = models.ForeignKey(
        "archive.Photograph",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exhibit_covers",
        help_text="Shown on the index and at the top of the exhibit.",
    )
    credits = models.TextField(
        blank=True, help_text="Curators and contributors, one per line (e.g. 'Curated by …')."
    )
    content_notice = models.TextField(
        blank=True,
        help_text="A warning visitors acknowledge before reading (e.g. on executions).",
    )
    featured = models.BooleanField(default=False, help_text="Show on the home page.")
    published_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="Set a future time to schedule publishing; empty means now, on publishing.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta(Publishable.Meta):
        ordering = ["-featured", "-published_at", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exhibits:exhibit-detail", kwargs={"slug": self.slug})

    def prepare(self, *, strict: bool = True) -> None:
        super().prepare(strict=strict)
        self.introduction = sanitize.clean_html(self.introduction)

    @property
    def kind_label(self) -> str:
        return "exhibit"


class Section(models.Model):
    exhibit = models.ForeignKey(Exhibit, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=200)
    position = models.PositiveIntegerField(default=0, db_index=True)
    content_notice = models.TextField(
        blank=True, help_text="A warning visitors acknowledge before reading this section."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibit", "slug"],
                name="exhibits_section_unique_slug",
                violation_error_message="This exhibit already has a section with that slug.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "exhibits:section-detail",
            kwargs={"exhibit_slug": self.exhibit.slug, "slug": self.slug},
        )


class Block(Prepared):
    """One piece of a section. Its kind says which of the optional fields it uses."""

    class Kind(models.TextChoices):
        TEXT = "text", "Rich text"
        RECORD = "record", "Record embed"
        GALLERY = "gallery", "Gallery"
        QUOTE = "quote", "Quote"
        TIMELINE = "timeline", "Timeline"
        PERSON = "person", "Person card"
        TRIAL = "trial", "Trial summary"
        SEARCH = "search", "Featured search"

    # The record fields a "record embed" may point at (exactly one): one foreign key per kind of
    # record (archive.kinds), named after the kind; `check` reports a kind without its field.
    RECORD_FIELDS = tuple(kind.name for kind in KINDS)

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    position = models.PositiveIntegerField(default=0, db_index=True)
    body = models.TextField(
        blank=True, help_text="Text blocks: HTML or plain text (sanitised). Quotes: the quotation."
    )
    attribution = models.CharField(max_length=255, blank=True, help_text="Quotes: who said it.")
    caption = models.TextField(blank=True, help_text="Overrides the record's own caption.")
    person = models.ForeignKey(
        "archive.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.ForeignKey(
        "archive.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photograph = models.ForeignKey(
        "archive.Photograph", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    trial = models.ForeignKey(
        "archive.Trial", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event = models.ForeignKey(
        "archive.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured_search = models.ForeignKey(
        "FeaturedSearch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="blocks",
        help_text="Featured search blocks: the search whose first results are shown.",
    )
    gallery = models.ManyToManyField(
        "archive.Photograph",
        through="GalleryItem",
        blank=True,
        related_name="+",
        help_text="Gallery blocks: the photographs, in the order chosen.",
    )
    timeline_events = models.ManyToManyField(
        "archive.Event",
        blank=True,
        related_name="+",
        help_text="Timeline blocks: chosen events. Leave empty to use the years below.",
    )
    timeline_start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    timeline_end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    citations = GenericRelation("archive.Citation")
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(timeline_start_year__isnull=True)
                | Q(timeline_end_year__isnull=True)
                | Q(timeline_start_year__lte=models.F("timeline_end_year")),
                name="exhibits_block_timeline_in_order",
                violation_error_message="The timeline ends before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.position}"

    def clean(self) -> None:
        super().clean()
        chosen = [name for name in self.RECORD_FIELDS if getattr(self, f"{name}_id")]
        required = {
            self.Kind.PERSON: "person",
            self.Kind.TRIAL: "trial",
            self.Kind.SEARCH: "featured_search",
        }.get(self.kind)
        if required and not getattr(self, f"{required}_id"):
            raise ValidationError({required: f"A {self.get_kind_display().lower()} needs one."})
        if self.kind == self.Kind.RECORD and len(chosen) != 1:
            labels = [kind.label.lower() for kind in KINDS]
            raise ValidationError(
                "A record embed points at exactly one record: choose a "
                f"{', '.join(labels[:-1])} or {labels[-1]}."
            )
        if self.kind in (self.Kind.TEXT, self.Kind.QUOTE) and not self.body.strip():
            raise ValidationError({"body": "This block needs some text."})

    @classmethod
    def check(cls, **kwargs) -> list[checks.CheckMessage]:
        """Also: every kind of record has its foreign key here, to that kind's model."""
        errors = super().check(**kwargs)
        for name in cls.RECORD_FIELDS:
            model = BY_NAME[name].model
            try:
                field = cls._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            if field is None or not field.many_to_one or field.related_model is not model:
                errors.append(
                    checks.Error(
                        f"Block has no foreign key {name!r} to {model.__name__}: every kind of "
                        "record in archive.kinds needs one, for record embeds.",
                        hint=f"Add {name} = models.ForeignKey('archive.{model.__name__}', "
                        "null=True, blank=True, on_delete=models.SET_NULL, related_name='+').",
                        obj=cls,
                        id="exhibits.E001",
                    )
                )
        return errors

    def prepare(self, *, strict: bool = True) -> None:
        super().prepare(strict=strict)
        if self.kind == self.Kind.TEXT:
            self.body = sanitize.clean_html(self.body)

    @property
    def record(self):
        """The embedded record of a record embed, person card or trial summary, if any."""
        for name in self.RECORD_FIELDS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None


class GalleryItem(models.Model):
    """A photograph in a gallery block, in order, with an optional caption override."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="gallery_items")
    photograph = models.ForeignKey("archive.Photograph", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0, db_index=True)
    caption = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["block", "photograph"],
                name="exhibits_galleryitem_unique",
                violation_error_message="This photograph is already in the gallery.",
            )
        ]

    def __str__(self) -> str:
        return str(self.photograph)


QUERY_HELP = (
    "The search as the search page's address shows it after “?”, e.g. "
    "q=purge&kind=document&from=1936 — or paste the whole address. Checked by the search form "
    "and tidied on save."
)


class FeaturedSearch(Publishable):
    """A saved search a curator publishes: on the home page with its live count, and in exhibits
    as a block of its first results (exhibits.featured). Its query is checked on validation
    (exhibits.saved_queries); a query stored past that check is left out of every page."""

    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=200, unique=True)
    text = models.TextField(blank=True, help_text="HTML or plain text; sanitised on save.")
    query = models.CharField("search", max_length=2000, help_text=QUERY_HELP)
    cover = models.ForeignKey(
        "archive.Photograph",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="featured_search_covers",
        help_text="Shown on the home page while the photograph is public.",
    )
    home_page = models.BooleanField(
        "on the home page", default=True, help_text="Show on the home page once published."
    )
    position = models.PositiveIntegerField(
        default=0, db_index=True, help_text="Order on the home page, lowest first."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta(Publishable.Meta):
        ordering = ["position", "title", "pk"]
        verbose_name = "featured search"
        verbose_name_plural = "featured searches"

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.query:
            try:
                saved_queries.parse(self.query)
            except ValidationError as exc:
                raise ValidationError({"query": exc.messages}) from None

    def prepare(self, *, strict: bool = True) -> None:
        super().prepare(strict=strict)
        self.text = sanitize.clean_html(self.text)
        # A query the search form accepts is kept as the search page spells it; any other is
        # left for clean() to report (and for the pages to leave out), never an error on save.
        with contextlib.suppress(ValidationError):
            self.query = saved_queries.canonical(saved_queries.parse(self.query))
