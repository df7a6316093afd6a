"""THE one place that says what the public may see.

Every public surface (pages, search, facets, JSON, IIIF, OAI-PMH, sitemaps, feeds, media) takes
its querysets or its yes/no from here. A record is public when its status is "published" and its
publication time has come; drafts, records in review and withdrawn records never are.
"""

import datetime

from django.db.models import F, Model, Q, QuerySet
from django.utils import timezone

from archive.publishing import Status


def public_q(prefix: str = "", at: datetime.datetime | None = None) -> Q:
    """Return the condition for public rows (now, or at a given time); `prefix` reaches through a
    relation ("person__")."""
    return Q(
        **{
            f"{prefix}status": Status.PUBLISHED,
            f"{prefix}published_at__lte": at or timezone.now(),
        }
    )


def formerly_public_q(prefix: str = "") -> Q:
    """Return the condition for withdrawn rows that had been public before they were withdrawn.

    A record is taken to have been public when it was withdrawn after its publication time had
    come: its last save (the withdrawal, or a later edit) is not before `published_at`. A record
    withdrawn while a draft, in review or still scheduled never was, and stays unseen. Only
    surfaces that must announce deletions (OAI-PMH deleted records) use this; they show such a
    record's identifier and date, never its content.
    """
    return Q(
        **{
            f"{prefix}status": Status.WITHDRAWN,
            f"{prefix}published_at__lte": F(f"{prefix}updated_at"),
        }
    )


def public[QS: QuerySet](queryset: QS, at: datetime.datetime | None = None) -> QS:
    """Return the part of queryset that the public may see (now, or at a given time)."""
    return queryset.filter(public_q(at=at))


def is_public(obj: Model) -> bool:
    """Return whether the public may see this one record."""
    published_at = getattr(obj, "published_at", None)
    return (
        getattr(obj, "status", None) == Status.PUBLISHED
        and published_at is not None
        and published_at <= timezone.now()
    )


def can_preview(user) -> bool:
    """Staff (curators and editors) see unpublished records, marked as such."""
    return bool(user and user.is_active and user.is_staff)


def visible_to[QS: QuerySet](queryset: QS, user) -> QS:
    """Return what this user may see: everything for staff, the public part for everyone else."""
    return queryset if can_preview(user) else public(queryset)


def public_sql(alias: str, at: datetime.datetime | None = None) -> tuple[str, list]:
    """The same rule as SQL over a table with status and published_at columns (the search index)."""
    return (
        f"{alias}.status = %s AND {alias}.published_at <= %s",
        [Status.PUBLISHED.value, at or timezone.now()],
    )
