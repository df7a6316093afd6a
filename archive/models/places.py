"""Places: an authority list of cities, countries and buildings that records point to."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Place(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", "City or town"
        REGION = "region", "Region"
        COUNTRY = "country", "Country"
        BUILDING = "building", "Building or site"
        OTHER = "other", "Other"

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CITY)
    alternate_names = models.CharField(
        max_length=500, blank=True, help_text="Other names, separated by semicolons."
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    wikidata_id = models.CharField("Wikidata ID", max_length=20, blank=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="archive_place_latitude_range",
                violation_error_message="Latitude lies between -90 and 90.",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="archive_place_longitude_range",
                violation_error_message="Longitude lies between -180 and 180.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:place-detail", kwargs={"slug": self.slug})
