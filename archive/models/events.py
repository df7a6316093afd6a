"""Events: dated happenings with persons and a place; they feed the timelines."""

from django.db import models

from archive.models.base import DatedRecord


class Event(DatedRecord):
    class Kind(models.TextChoices):
        LIFE = "life", "Life event"
        POLITICAL = "political", "Political event"
        PUBLICATION = "publication", "Publication"
        ARREST = "arrest", "Arrest or exile"
        TRIAL = "trial", "Trial"
        MEETING = "meeting", "Meeting or congress"
        TRAVEL = "travel", "Journey"
        LEGAL = "legal", "Legal act"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    place = models.ForeignKey("archive.Place", null=True, blank=True, on_delete=models.SET_NULL)
    persons = models.ManyToManyField("archive.Person", blank=True, related_name="events")

    class Meta(DatedRecord.Meta):
        verbose_name = "event"
