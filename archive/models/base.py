"""What every archive record shares: title, slug, text, publication status, vocabulary links,
citations and revision history; plus EDTF dates with derived bounds for records that are dated.

Dependencies point one way: base <- vocab/places/sources <- people <- photographs <- documents,
trials, events. Concrete models import from here, never the other way round.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from archive import dates, visibility
from archive.fields import EDTFField, edtf_bounds
from archive.publishing import Status, stamp_publication


class RecordQuerySet(models.QuerySet):
    def public(self):
        return visibility.public(self)

    def visible_to(self, user):
        return visibility.visible_to(self, user)


class Prepared(models.Model):
    """Runs `prepare()` — the rules about one row — before every validation and save.

    Mixins add their rules by overriding `prepare` and calling super(); `strict=False` (during
    form validation) leaves reporting bad input to the fields' own validators.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.prepare()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        # Derived values must exist before Django validates the constraints on them.
        self.prepare(strict=False)

    def prepare(self, *, strict: bool = True) -> None:
        """The rules about one row that hold before every validation and save."""


class Publishable(Prepared):
    """A publication state: draft, in review, published (from `published_at` on), withdrawn.

    Records and exhibits share it; what it means for the public is archive.visibility's rule.
    """

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the record became (or becomes) public. Set on publishing if left empty.",
    )

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True
        default_permissions = ("add", "change", "delete", "view", "publish")
        # The newest public rows first (home page, Atom feed: ordered by published_at and pk)
        # read from an index instead of sorting every public row.
        indexes = [
            models.Index(
                fields=["status", "published_at", "id"], name="%(app_label)s_%(class)s_pub"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_time",
                violation_error_message="A published record needs a publication time.",
            ),
        ]

    def prepare(self, *, strict: bool = True) -> None:
        super().prepare(strict=strict)
        stamp_publication(self)

    @property
    def is_public(self) -> bool:
        return visibility.is_public(self)

    @property
    def admin_url(self) -> str:
        meta = self._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.pk])


class DateBoundsMixin(Prepared):
    """Keeps each EDTFField's `<name>_lower`/`<name>_upper` bounds in step with its text."""

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None) -> None:
        # A form never holds the derived bounds, and Django skips constraints on fields it
        # excludes: check the bounds whenever their EDTF text is checked.
        if exclude:
            exclude = set(exclude)
            for field in self.edtf_fields():
                if field.name not in exclude:
                    exclude -= set(field.bound_names)
        super().validate_constraints(exclude=exclude)

    def edtf_fields(self) -> list[EDTFField]:
        return [f for f in self._meta.concrete_fields if isinstance(f, EDTFField)]

    def derive_date_bounds(self, *, strict: bool = True) -> None:
        """Set every `<date>_lower`/`<date>_upper` from its EDTF text.

        Invalid text raises ValidationError when strict; otherwise its bounds are cleared and the
        field's own validator reports it (so a form shows the message once).
        """
        for field in self.edtf_fields():
            lower_name, upper_name = field.bound_names
            try:
                lower, upper = dates.bounds(getattr(self, field.attname))
            except ValidationError as exc:
                if strict:
                    raise ValidationError({field.name: exc.messages}) from None
                lower = upper = None
            setattr(self, lower_name, lower)
            setattr(self, upper_name, upper)

    def prepare(self, *, strict: bool = True) -> None:
        super().prepare(strict=strict)
        self.derive_date_bounds(strict=strict)

    def date_display(self, field_name: str = "date") -> str:
        return dates.display_text(getattr(self, field_name, "") or "")


class Record(DateBoundsMixin, Publishable):
    """Abstract base of persons, documents, photographs, trials and events."""

    title = models.CharField(max_length=500)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The record's address on the site."
    )
    summary = models.TextField(blank=True, help_text="One or two sentences shown in lists.")
    description = models.TextField(blank=True)
    content_notice = models.TextField(
        blank=True,
        help_text="A warning visitors acknowledge before the record is shown (e.g. executions).",
    )
    collection = models.ForeignKey(
        "archive.Collection", null=True, blank=True, on_delete=models.SET_NULL
    )
    subjects = models.ManyToManyField("archive.Subject", blank=True)
    rights = models.ForeignKey(
        "archive.RightsStatement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="rights statement",
    )
    language = models.CharField(max_length=10, blank=True, help_text="ISO 639 code, e.g. ru, en.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    citations = GenericRelation("archive.Citation")
    history = HistoricalRecords(inherit=True)

    class Meta(Publishable.Meta):
        abstract = True
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(f"archive:{self._meta.model_name}-detail", kwargs={"slug": self.slug})

    @property
    def kind_label(self) -> str:
        return str(self._meta.verbose_name)


def date_order_constraint(prefix: str) -> models.CheckConstraint:
    """A dated range never ends before it starts (named per model and field)."""
    return models.CheckConstraint(
        condition=Q(**{f"{prefix}_lower__isnull": True})
        | Q(**{f"{prefix}_upper__isnull": True})
        | Q(**{f"{prefix}_lower__lte": F(f"{prefix}_upper")}),
        name=f"%(app_label)s_%(class)s_{prefix}_in_order",
        violation_error_message="The date range ends before it starts.",
    )


class DatedRecord(Record):
    """A record with one EDTF date: documents, photographs, trials, events."""

    date = EDTFField("date")
    date_lower, date_upper = edtf_bounds(date)

    class Meta(Record.Meta):
        abstract = True
        ordering = ["date_lower", "title"]
        constraints = [*Record.Meta.constraints, date_order_constraint("date")]

    @property
    def date_text(self) -> str:
        return self.date_display("date")
