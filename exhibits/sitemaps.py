"""Sitemaps of published exhibits and their sections (see archive.discovery.sitemaps)."""

from datetime import datetime

from django.db.models import F, Max, QuerySet
from django.db.models.functions import Greatest

from archive import visibility
from archive.discovery.sitemaps import PublicSitemap, visible_change
from exhibits.models import Exhibit, Section


class ExhibitSitemap(PublicSitemap):
    def get_queryset(self) -> QuerySet:
        return Exhibit.objects.all()


class SectionSitemap(PublicSitemap):
    """Every section of a public exhibit. A section has no dates of its own: it changes with
    its exhibit."""

    def items(self) -> QuerySet:
        return (
            Section.objects.filter(visibility.public_q("exhibit__"))
            .select_related("exhibit")
            .only("slug", "exhibit__slug", "exhibit__updated_at", "exhibit__published_at")
            .order_by("pk")
        )

    def lastmod(self, obj: Section) -> datetime:
        return visible_change(obj.exhibit)

    def get_latest_lastmod(self) -> datetime | None:
        latest = Section.objects.filter(visibility.public_q("exhibit__")).aggregate(
            latest=Max(Greatest(F("exhibit__updated_at"), F("exhibit__published_at")))
        )
        return latest["latest"]
