"""Sitemaps of the public pages (https://www.sitemaps.org/protocol.html), built on
django.contrib.sitemaps.

/sitemap.xml is always a sitemap index (sitemaps.org "Using Sitemap index files") naming one
sitemap per kind of page, each split into pages of at most `limit` URLs: the protocol allows
50,000 URLs per sitemap, so a large archive needs no other change. Only public objects are listed
(archive.visibility); a scheduled record appears once its publication time has come.

`lastmod` is when the page last changed for a visitor: the later of the object's last edit and
its publication (a record edited in draft and published later changed on publication).
"""

from collections.abc import Callable
from datetime import datetime
from functools import partial

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max, Model, QuerySet
from django.db.models.functions import Greatest
from django.urls import reverse

from archive import visibility
from archive.models import RECORD_MODELS

# sitemaps.org: "no more than 50,000 URLs" per sitemap file.
SITEMAP_URL_LIMIT = 50_000


def visible_change(obj) -> datetime:
    """When a public object last changed for a visitor (see the module docstring)."""
    return max(obj.updated_at, obj.published_at)


class PublicSitemap(Sitemap):
    """A sitemap of the public objects of one queryset, newest change known in one query."""

    limit = SITEMAP_URL_LIMIT
    fields: tuple[str, ...] = ("slug", "updated_at", "published_at")

    def get_queryset(self) -> QuerySet:
        raise NotImplementedError

    def items(self) -> QuerySet:
        # Paginated by primary key, so a page holds the same URLs between two requests.
        return visibility.public(self.get_queryset()).only(*self.fields).order_by("pk")

    def lastmod(self, obj) -> datetime:
        return visible_change(obj)

    def get_latest_lastmod(self) -> datetime | None:
        """For the sitemap index: one aggregate instead of reading every item."""
        latest = visibility.public(self.get_queryset()).aggregate(
            latest=Max(Greatest(F("updated_at"), F("published_at")))
        )
        return latest["latest"]


class RecordSitemap(PublicSitemap):
    """The pages of one kind of record."""

    def __init__(self, model: type[Model]) -> None:
        super().__init__()
        self.model = model

    def get_queryset(self) -> QuerySet:
        return self.model.objects.all()


class PagesSitemap(Sitemap):
    """The site's own pages: home, exhibits index, timeline and the search page. They list the
    archive, so no single date says when they last changed; they have no lastmod."""

    names = ("archive:home", "exhibits:exhibit-list", "archive:timeline", "search")

    def items(self) -> list[str]:
        return list(self.names)

    def location(self, item: str) -> str:
        return reverse(item)


def record_sitemaps() -> dict[str, Callable[[], Sitemap]]:
    """One sitemap per kind of record, keyed by its plural name ("persons", "documents"…).

    Factories, not instances: the sitemap views make a fresh sitemap for each request.
    """
    return {
        str(model._meta.verbose_name_plural): partial(RecordSitemap, model)
        for model in RECORD_MODELS
    }
