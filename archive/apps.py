from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from archive import ingest
        from archive.models import Photograph

        post_delete.connect(
            ingest.on_photograph_deleted, sender=Photograph, dispatch_uid="archive.ingest.delete"
        )
