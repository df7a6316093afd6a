"""Sitemaps of the public pages (https://www.sitemaps.org/protocol.html), built on
django.contrib.sitemaps.

/sitemap.xml is always a sitemap index (sitemaps.org "Using Sitemap index files") naming one
sitemap per kind of page, each split into pages of at most `limit` URLs: the protocol allows
50,000 URLs per sitemap, so a large archive needs no other change. Only public objects are listed
(archive.visibility); a scheduled record appears once its publication time has come.

`lastmod` is when the page last changed for a visitor: the later of the object's last edit and
its publication (a record edited in draft and published later changed on publication).

A page of 50,000 URLs must answer well within a crawler's (and gunicorn's) timeout, so items are
light rows (`values_list`), not model instances, and record URLs are reversed once per sitemap,
not once per row; public.discovery.views writes the XML (see docs/linked-data.md).
"""

from collections.abc import Callable
from datetime import datetime
from functools import cached_property, partial
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F, Max, Model, QuerySet
from django.db.models.functions import Greatest
from django.urls import reverse

from archive import visibility
from archive.kinds import KINDS, RecordKind

# sitemaps.org: "no more than 50,000 URLs" per sitemap file.
SITEMAP_URL_LIMIT = 50_000


def visible_change(obj: Any) -> datetime:
    """When a public object last changed for a visitor (see the module docstring)."""
    return max(obj.updated_at, obj.published_at)


class SlugURL:
    """The path of a view addressed by one slug, reversed once: reverse() costs tens of
    microseconds a call, seconds for a sitemap page. Slugs are ASCII letters, digits, "-" and
    "_" (SlugField), which a URL path holds as they are."""

    MARKER = "vitrine-slug-marker"

    def __init__(self, view_name: str) -> None:
        path = reverse(view_name, kwargs={"slug": self.MARKER})
        self.before, marker, self.after = path.partition(self.MARKER)
        if not marker or self.MARKER in self.after:
            raise ImproperlyConfigured(f"{view_name} does not place its slug once in its path.")

    def __call__(self, slug: str) -> str:
        return f"{self.before}{slug}{self.after}"


class PublicSitemap(Sitemap):
    """A sitemap of the public objects of one model addressed by slug."""

    limit = SITEMAP_URL_LIMIT
    model: type[Model]
    view_name: str

    @cached_property
    def url(self) -> SlugURL:
        return SlugURL(self.view_name)

    def get_queryset(self) -> QuerySet:
        return visibility.public(self.model.objects.all())

    def items(self) -> QuerySet:
        # Paginated by primary key, so a page holds the same URLs between two requests.
        return (
            self.get_queryset()
            .order_by("pk")
            .values_list("slug", "updated_at", "published_at", named=True)
        )

    def location(self, item: Any) -> str:
        return self.url(item.slug)

    def lastmod(self, item: Any) -> datetime:
        return visible_change(item)

    def get_latest_lastmod(self) -> datetime | None:
        """For the sitemap index: one aggregate instead of reading every item."""
        latest = self.get_queryset().aggregate(
            latest=Max(Greatest(F("updated_at"), F("published_at")))
        )
        return latest["latest"]


class RecordSitemap(PublicSitemap):
    """The pages of one kind of record."""

    def __init__(self, kind: RecordKind) -> None:
        super().__init__()
        self.model = kind.model
        self.view_name = kind.url_name


class PagesSitemap(Sitemap):
    """The site's own pages: home, exhibits index, timeline and the search page. They list the
    archive, so no single date says when they last changed; they have no lastmod."""

    names = ("archive:home", "exhibits:exhibit-list", "archive:timeline", "search")

    def items(self) -> list[str]:
        return list(self.names)

    def location(self, item: str) -> str:
        return reverse(item)


def record_sitemaps() -> dict[str, Callable[[], Sitemap]]:
    """One sitemap per kind of record (archive.kinds), keyed by its URL prefix ("persons",
    "documents"…): /sitemap-persons.xml.

    Factories, not instances: the sitemap views make a fresh sitemap for each request.
    """
    return {kind.url_prefix: partial(RecordSitemap, kind) for kind in KINDS}
