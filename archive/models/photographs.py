"""Photographs: an image with alt text, caption, photographer, depicted persons and fixity data."""

from django.db import models
from simple_history.models import HistoricalRecords

from archive import images, ingest
from archive.fields import OriginalImageField
from archive.models.base import DatedRecord


class Photograph(DatedRecord):
    image = OriginalImageField(
        upload_to="photographs/originals/%Y/",
        blank=True,
        width_field="width",
        height_field="height",
        validators=[images.validate_image_file],
        help_text="JPEG, PNG, TIFF or WebP. The original is never served from a public path.",
    )
    thumbnail = models.ImageField(upload_to="photographs/thumbnails/", blank=True, editable=False)
    alt_text = models.CharField(
        max_length=500,
        help_text="What the image shows, for people who cannot see it (required).",
    )
    caption = models.TextField(blank=True)
    photographer = models.ForeignKey(
        "archive.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="photographs_taken",
    )
    credit_line = models.CharField(max_length=500, blank=True)
    place = models.ForeignKey("archive.Place", null=True, blank=True, on_delete=models.SET_NULL)
    depicted = models.ManyToManyField(
        "archive.Person", through="Depiction", related_name="depicted_in", blank=True
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    byte_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    image_metadata = models.JSONField(
        "embedded metadata",
        default=dict,
        blank=True,
        editable=False,
        help_text="What the file says about itself (EXIF, IPTC), read at ingest.",
    )
    derivatives = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The display sizes made from the original (archive.derivatives).",
    )

    class Meta(DatedRecord.Meta):
        verbose_name = "photograph"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        loaded = instance.__dict__
        if all(name in loaded for name in ("image", "thumbnail", "derivatives")):
            instance._stored_files = ingest.StoredFiles.of(instance)
        return instance

    def refresh_from_db(self, *args, **kwargs) -> None:
        super().refresh_from_db(*args, **kwargs)
        self.__dict__.pop("_stored_files", None)  # the next save asks the row again

    def save(self, *args, **kwargs) -> None:
        # A new original is validated, checksummed and its derivatives made before the row is
        # written (so the revision records them); a failure leaves no file behind (archive.ingest).
        ingest.save_photograph(self, lambda: super(Photograph, self).save(*args, **kwargs))

    def refresh_derived_image_data(self) -> None:
        """Re-read fixity, metadata, thumbnail and derivatives from the stored original."""
        ingest.refresh(self)

    @property
    def thumbnail_url(self) -> str:
        from django.urls import reverse

        if not self.thumbnail:
            return ""
        return reverse(
            "archive:photograph-file", kwargs={"slug": self.slug, "variant": "thumbnail"}
        )


class Depiction(models.Model):
    photograph = models.ForeignKey(Photograph, on_delete=models.CASCADE)
    person = models.ForeignKey("archive.Person", on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the picture.")
    note = models.CharField(max_length=255, blank=True, help_text="e.g. second from left")
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["photograph", "person"],
                name="archive_depiction_unique",
                violation_error_message="This person is already listed as depicted.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.photograph}"
