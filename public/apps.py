from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Public site"

    def ready(self) -> None:
        from public import page_cache
        from public.cite import signals as cite_signals

        page_cache.connect()
        cite_signals.connect()
