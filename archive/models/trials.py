"""Trials: court, prosecutor, judges, and defendants with charges, verdicts and fates."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from archive.fields import EDTFField, edtf_bounds
from archive.models.base import DateBoundsMixin, DatedRecord, date_order_constraint


class Trial(DatedRecord):
    court = models.CharField(max_length=500, blank=True)
    place = models.ForeignKey("archive.Place", null=True, blank=True, on_delete=models.SET_NULL)
    prosecutor = models.ForeignKey(
        "archive.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trials_prosecuted",
    )
    judges = models.ManyToManyField("archive.Person", blank=True, related_name="trials_judged")
    defendant_count = models.PositiveSmallIntegerField(
        "number of defendants",
        null=True,
        blank=True,
        help_text="All defendants, including those without a row below.",
    )
    documents = models.ManyToManyField(
        "archive.Document", blank=True, related_name="trials", verbose_name="related documents"
    )

    class Meta(DatedRecord.Meta):
        verbose_name = "trial"


class Defendant(DateBoundsMixin):
    class Plea(models.TextChoices):
        GUILTY = "guilty", "Guilty"
        PARTIAL = "partial", "Partly guilty"
        NOT_GUILTY = "not_guilty", "Not guilty"
        UNKNOWN = "unknown", "Not recorded"

    class Verdict(models.TextChoices):
        GUILTY = "guilty", "Guilty"
        ACQUITTED = "acquitted", "Acquitted"
        DISMISSED = "dismissed", "Case dismissed"
        PENDING = "pending", "No verdict"

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="defendants")
    person = models.ForeignKey("archive.Person", on_delete=models.PROTECT, related_name="trials")
    position = models.PositiveSmallIntegerField(default=0)
    charges = models.TextField(blank=True)
    plea = models.CharField(max_length=12, choices=Plea.choices, default=Plea.UNKNOWN)
    verdict = models.CharField(max_length=12, choices=Verdict.choices, default=Verdict.PENDING)
    sentence = models.CharField(max_length=255, blank=True)
    carried_out = EDTFField("sentence carried out")
    carried_out_lower, carried_out_upper = edtf_bounds(carried_out)
    rehabilitated = EDTFField("rehabilitated")
    rehabilitated_lower, rehabilitated_upper = edtf_bounds(rehabilitated)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["trial", "person"],
                name="archive_defendant_once_per_trial",
                violation_error_message="This person is already a defendant in this trial.",
            ),
            date_order_constraint("carried_out"),
            date_order_constraint("rehabilitated"),
            models.CheckConstraint(
                condition=~Q(verdict="acquitted") | Q(carried_out=""),
                name="archive_defendant_no_sentence_if_acquitted",
                violation_error_message="An acquitted defendant has no sentence carried out.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.trial}"
