"""Sitemaps of published exhibits and their sections (see public.discovery.sitemaps)."""

from datetime import datetime
from typing import Any

from django.db.models import F, Max, QuerySet
from django.db.models.functions import Greatest
from django.urls import reverse

from archive import visibility
from exhibits.models import Exhibit, Section
from public.discovery.sitemaps import PublicSitemap


class ExhibitSitemap(PublicSitemap):
    model = Exhibit
    view_name = "exhibits:exhibit-detail"


class SectionSitemap(PublicSitemap):
    """Every section of a public exhibit. A section has no dates of its own: it changes with
    its exhibit."""

    model = Section

    def get_queryset(self) -> QuerySet:
        return Section.objects.filter(visibility.public_q("exhibit__"))

    def items(self) -> QuerySet:
        return (
            self.get_queryset()
            .order_by("pk")
            .values_list(
                "slug", "exhibit__slug", "exhibit__updated_at", "exhibit__published_at", named=True
            )
        )

    def location(self, item: Any) -> str:
        return reverse(
            "exhibits:section-detail",
            kwargs={"exhibit_slug": item.exhibit__slug, "slug": item.slug},
        )

    def lastmod(self, item: Any) -> datetime:
        return max(item.exhibit__updated_at, item.exhibit__published_at)

    def get_latest_lastmod(self) -> datetime | None:
        latest = self.get_queryset().aggregate(
            latest=Max(Greatest(F("exhibit__updated_at"), F("exhibit__published_at")))
        )
        return latest["latest"]
