"""The last fixity check of each stored original — a photograph's original or a document's page
image: did the stored file still match the SHA-256 checksum taken when it was stored? Written by
`manage.py check_fixity` (archive.fixity); curators see them in the admin. Results are kept apart
from the records so that checks add no revisions.

Both kinds of result share one definition (`FixityResult`); each has its own table, pointing at
the file's owner."""

from django.db import models


class FixityResult(models.Model):
    """What one check found: the result, when, and the checksums compared."""

    class Result(models.TextChoices):
        OK = "ok", "Matches its checksum"
        CHANGED = "changed", "Changed since ingest"
        MISSING = "missing", "File missing"
        UNRECORDED = "unrecorded", "No checksum recorded"

    checked_at = models.DateTimeField()
    result = models.CharField(max_length=12, choices=Result.choices, db_index=True)
    expected_sha256 = models.CharField("expected SHA-256", max_length=64, blank=True)
    found_sha256 = models.CharField("found SHA-256", max_length=64, blank=True)
    file_name = models.CharField(max_length=500, blank=True)

    # The name of the link to the record that owns the checked file.
    owner_field = ""

    class Meta:
        abstract = True
        ordering = ["-checked_at"]

    @property
    def is_ok(self) -> bool:
        return self.result == self.Result.OK

    @property
    def owner(self):
        """The photograph or document page whose file was checked."""
        return getattr(self, self.owner_field)


class FixityCheck(FixityResult):
    """The last check of a photograph's original."""

    photograph = models.OneToOneField(
        "archive.Photograph", on_delete=models.CASCADE, related_name="fixity_check"
    )
    owner_field = "photograph"

    class Meta(FixityResult.Meta):
        verbose_name = "fixity check"

    def __str__(self) -> str:
        return f"{self.photograph}: {self.get_result_display()}"


class PageFixityCheck(FixityResult):
    """The last check of a document's page image."""

    page = models.OneToOneField(
        "archive.DocumentPage", on_delete=models.CASCADE, related_name="fixity_check"
    )
    owner_field = "page"

    class Meta(FixityResult.Meta):
        verbose_name = "page image fixity check"

    def __str__(self) -> str:
        return f"{self.page.document}, {self.page}: {self.get_result_display()}"
