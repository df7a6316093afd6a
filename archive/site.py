"""The site as a whole: its name (VITRINE_SITE_NAME), read when asked so that settings
overrides take effect."""

from django.conf import settings


def site_name() -> str:
    """Return the site's name (VITRINE_SITE_NAME), read at call time."""
    return getattr(settings, "VITRINE_SITE_NAME", "Vitrine")
