"""The last fixity check of each photograph original: did the stored file still match its
SHA-256 checksum taken at ingest? Written by `manage.py check_fixity`; curators see it in the
admin. Results are kept apart from the photograph so checks add no revisions."""

from django.db import models


class FixityCheck(models.Model):
    class Result(models.TextChoices):
        OK = "ok", "Matches its checksum"
        CHANGED = "changed", "Changed since ingest"
        MISSING = "missing", "File missing"
        UNRECORDED = "unrecorded", "No checksum recorded"

    photograph = models.OneToOneField(
        "archive.Photograph", on_delete=models.CASCADE, related_name="fixity_check"
    )
    checked_at = models.DateTimeField()
    result = models.CharField(max_length=12, choices=Result.choices, db_index=True)
    expected_sha256 = models.CharField("expected SHA-256", max_length=64, blank=True)
    found_sha256 = models.CharField("found SHA-256", max_length=64, blank=True)
    file_name = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = "fixity check"

    def __str__(self) -> str:
        return f"{self.photograph}: {self.get_result_display()}"

    @property
    def is_ok(self) -> bool:
        return self.result == self.Result.OK
