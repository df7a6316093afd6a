"""Documents: books, pamphlets, articles, letters, speeches, decrees; contributors and pages."""

from django.db import models
from simple_history.models import HistoricalRecords

from archive import images
from archive.models.base import DatedRecord


class Document(DatedRecord):
    class Kind(models.TextChoices):
        BOOK = "book", "Book"
        PAMPHLET = "pamphlet", "Pamphlet"
        ARTICLE = "article", "Article"
        LETTER = "letter", "Letter"
        NEWSPAPER = "newspaper", "Newspaper"
        SPEECH = "speech", "Speech"
        TRANSCRIPT = "transcript", "Transcript"
        DECREE = "decree", "Decree or legal act"
        NOVEL = "novel", "Novel"
        ESSAY = "essay", "Essay"

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.BOOK, db_index=True)
    original_title = models.CharField(max_length=500, blank=True)
    contributors = models.ManyToManyField(
        "archive.Person", through="Contribution", related_name="documents", blank=True
    )
    publisher = models.CharField(max_length=255, blank=True)
    place = models.ForeignKey(
        "archive.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="place of publication or writing",
    )
    pages = models.CharField(max_length=50, blank=True, help_text="Extent, e.g. 160 pp.")
    transcription = models.TextField(blank=True, help_text="Full text; searchable.")

    class Meta(DatedRecord.Meta):
        verbose_name = "document"

    def authors(self) -> list:
        return [c.person for c in self.contribution_set.all() if c.role == Contribution.Role.AUTHOR]


class Contribution(models.Model):
    """A person's part in a document (author, co-author, editor, translator…), in order."""

    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        EDITOR = "editor", "Editor"
        TRANSLATOR = "translator", "Translator"
        RECIPIENT = "recipient", "Recipient"
        SIGNATORY = "signatory", "Signatory"
        SUBJECT = "subject", "Subject"

    document = models.ForeignKey(Document, on_delete=models.CASCADE)
    person = models.ForeignKey("archive.Person", on_delete=models.CASCADE)
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "person", "role"],
                name="archive_contribution_unique",
                violation_error_message="This person already has that role on the document.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class DocumentPage(models.Model):
    """A digitised page image of a document, in reading order, with its fixity data and,
    optionally, the transcription of that page (what IIIF Content Search searches)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="page_images")
    image = models.ImageField(
        upload_to="documents/pages/%Y/", validators=[images.validate_image_file]
    )
    label = models.CharField(max_length=50, blank=True, help_text="e.g. f. 12r, p. 3")
    position = models.PositiveIntegerField(default=0)
    transcription = models.TextField(
        blank=True, help_text="The text of this page, shown beside its image."
    )
    byte_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label or f"Page {self.position}"

    def save(self, *args, **kwargs) -> None:
        # A new image's checksum and size are taken before the row is written (so the revision
        # records them), as for photograph originals; check_fixity compares against them.
        if not self.image:
            self.sha256, self.byte_size = "", None
        elif not self.image._committed or self.image.name != getattr(self, "_stored_image", None):
            self.sha256, self.byte_size = images.fixity(self.image)
        super().save(*args, **kwargs)
        self._stored_image = self.image.name or ""

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        if "image" in instance.__dict__:
            instance._stored_image = instance.image.name or ""
        return instance
