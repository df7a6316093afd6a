"""Import batches: one row per curator import, and what it created or changed (for undo); and
the heartbeats of the running task workers."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse


class ImportBatch(models.Model):
    """One confirmed import of one file: its state, its totals and the changes it made."""

    class State(models.TextChoices):
        CHECKING = "checking", "Checking the file (dry run)"
        CHECKED = "checked", "Checked: waiting for confirmation"
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Running"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed (nothing saved)"
        UNDONE = "undone", "Undone"

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name="kind of record"
    )
    file = models.FileField(upload_to="imports/%Y/")
    file_name = models.CharField("file", max_length=255)
    file_format = models.CharField("format", max_length=10)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="Why the import failed.")
    # A large file's dry run, row by row ({"row", "action", "record", "changed"}), for review.
    preview = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "import"
        verbose_name_plural = "imports"
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})" if self.created_at else ""

    def get_absolute_url(self) -> str:
        return reverse("admin:transfer_importbatch_change", args=[self.pk])

    @property
    def model(self) -> type[models.Model]:
        return self.content_type.model_class()


class ImportChange(models.Model):
    """A record an import created, or changed (with a snapshot of it as it was before)."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="changes")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    # The record and the rows it owns (alternate names, authors…) as Django's JSON serializer
    # wrote them before the import changed them; empty for created records.
    snapshot = models.TextField(blank=True)
    # The record's updated_at right after the import: undo refuses if it has moved since.
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.content_type.model} #{self.object_id}"


class WorkerHeartbeat(models.Model):
    """A running task worker (`manage.py run_worker`): it writes `last_seen` every
    VITRINE_WORKER_HEARTBEAT seconds and deletes its row when it stops (transfer.workers)."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["-last_seen"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"worker {self.worker_id} (pid {self.pid} on {self.hostname})"
