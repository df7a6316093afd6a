from django.apps import AppConfig


class ExhibitsConfig(AppConfig):
    name = "exhibits"
    verbose_name = "Exhibits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from exhibits import signals

        signals.connect()
