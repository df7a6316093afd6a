"""An Atom feed (RFC 4287) of what was newly published: exhibits and records of every kind,
newest first, built on django.contrib.syndication.

Only public objects (archive.visibility): a scheduled record or exhibit enters the feed when its
publication time comes, with that time as its date. One query per kind, whatever the archive's size.
"""

from datetime import datetime
from heapq import merge
from itertools import islice

from django.contrib.syndication.views import Feed
from django.db.models import Model
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from archive import visibility
from archive.kinds import RECORD_MODELS, kind_of
from archive.site import site_name
from exhibits.models import Exhibit
from public.discovery.sitemaps import visible_change

# How many entries the feed holds: enough for a reader who looks in once a week.
FEED_LENGTH = 50
FEED_FIELDS = ("title", "slug", "summary", "published_at", "updated_at")


class NewlyPublishedFeed(Feed):
    feed_type = Atom1Feed
    description_template = None

    def title(self) -> str:
        return f"{site_name()}: newly published"

    def subtitle(self) -> str:
        return "Exhibits and archive records, newest first."

    def link(self) -> str:
        return reverse("archive:home")

    def author_name(self) -> str:
        # Atom requires an author for the feed when its entries name none (RFC 4287 §4.1.1).
        return site_name()

    def items(self) -> list[Model]:
        """The newest public exhibits and records, newest first (one query per model)."""
        newest = []
        for model in (Exhibit, *RECORD_MODELS):
            queryset = visibility.public(model.objects.only(*FEED_FIELDS))
            newest.append(list(queryset.order_by("-published_at", "-pk")[:FEED_LENGTH]))
        ordered = merge(*newest, key=lambda obj: obj.published_at, reverse=True)
        return list(islice(ordered, FEED_LENGTH))

    def item_title(self, item: Model) -> str:
        return item.title

    def item_description(self, item: Model) -> str:
        # Atom1Feed sends the description as type="html": the plain-text summary is escaped so
        # that readers show it as written ("<", "&" included) and run none of it as markup.
        return escape(item.summary)

    def item_link(self, item: Model) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Model) -> datetime:
        return item.published_at

    def item_updateddate(self, item: Model) -> datetime:
        return visible_change(item)

    def item_categories(self, item: Model) -> tuple[str]:
        """The entry's kind: "exhibit", or the record's kind (archive.kinds)."""
        if isinstance(item, Exhibit):
            return (item.kind_label,)
        return (kind_of(item).label.lower(),)
