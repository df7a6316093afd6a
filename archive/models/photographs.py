"""Photographs: an image with alt text, caption, photographer, depicted persons and fixity data."""

from django.db import models
from simple_history.models import HistoricalRecords

from archive import images
from archive.models.base import DatedRecord


class Photograph(DatedRecord):
    image = models.ImageField(
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

    class Meta(DatedRecord.Meta):
        verbose_name = "photograph"

    def save(self, *args, **kwargs) -> None:
        # A newly assigned file is uncommitted until the field's pre_save stores it. Its fixity
        # is taken from the upload itself, before saving, so the revision records it too.
        new_image = bool(self.image) and not self.image._committed
        if new_image:
            self.sha256, self.byte_size = images.stream_fixity(self.image.file)
        elif not self.image:
            self.sha256, self.byte_size = "", None
        super().save(*args, **kwargs)
        if new_image:
            self.refresh_thumbnail()
        elif not self.image and self.thumbnail:
            self.thumbnail.delete(save=False)
            type(self).objects.filter(pk=self.pk).update(thumbnail="")

    def refresh_derived_image_data(self) -> None:
        """Re-read fixity (SHA-256, bytes) from the stored original and remake the thumbnail."""
        self.sha256, self.byte_size = images.fixity(self.image)
        type(self).objects.filter(pk=self.pk).update(sha256=self.sha256, byte_size=self.byte_size)
        self.refresh_thumbnail()

    def refresh_thumbnail(self) -> None:
        """Make the thumbnail from the stored original (a derivative: not kept in revisions)."""
        if self.thumbnail:
            self.thumbnail.delete(save=False)
        self.thumbnail.save(f"{self.slug}.jpg", images.thumbnail_content(self.image), save=False)
        type(self).objects.filter(pk=self.pk).update(thumbnail=self.thumbnail.name)

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
