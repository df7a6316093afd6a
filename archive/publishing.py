"""The publishing rules, in one place: the publication states, who may move a record or an
exhibit between them, what they are told when they may not, and the services that do it.

States: draft -> in review -> published (from `published_at` on) -> withdrawn. Curators hold the
`publish_<model>` permission and may make any change; Editors (archive.roles) may only move
between draft and review, and never touch what is published or withdrawn: moving into or out
of those states changes what the public sees. The admin, the imports (transfer) and any other
writer ask `may_change_status` and show `PUBLISH_REFUSED`. What a state means for the public is
archive.visibility's rule.

This module imports no models (the models import it), so the rules can sit below them.
"""

from collections.abc import Iterable

from django.contrib.auth import get_permission_codename
from django.db import models, transaction
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The states an Editor may choose.
EDITOR_STATUSES = (Status.DRAFT, Status.REVIEW)
# Moving a record into or out of these states changes what the public sees: a curator's call.
LOCKED_STATUSES = frozenset({Status.PUBLISHED, Status.WITHDRAWN})

PUBLISH_REFUSED = (
    "Only a curator can publish or withdraw a record, or change a published one's status."
)


def can_publish(user, model: type[models.Model]) -> bool:
    """Return whether the user may publish and withdraw this kind of record (Curators may)."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('publish', opts)}")


def may_change_status(old: str | None, new: str, *, can_publish: bool) -> bool:
    """Return whether a user may move a record from status `old` (None when new) to `new`."""
    if can_publish or old == new:
        return True
    return new not in LOCKED_STATUSES and old not in LOCKED_STATUSES


def stamp_publication(obj: models.Model) -> None:
    """A published row without a publication time is published now (the default of
    `published_at`; a future time schedules publication instead)."""
    if obj.status == Status.PUBLISHED and obj.published_at is None:
        obj.published_at = timezone.now()


def _set_status(records: Iterable[models.Model], status: str, *, reason: str) -> int:
    changed = 0
    with transaction.atomic():
        for record in records:
            if record.status == status:
                continue
            record.status = status
            stamp_publication(record)
            record._change_reason = reason
            record.save()
            changed += 1
    return changed


# The services save record by record (not a bulk UPDATE) so that revisions are kept and every
# after-save hook runs; each returns how many records changed.


def publish_records(records: Iterable[models.Model]) -> int:
    """Publish records now (or at their publication time if one is set); return the count."""
    return _set_status(records, Status.PUBLISHED, reason="Published")


def send_records_to_review(records: Iterable[models.Model]) -> int:
    """Mark records as ready for a curator's review; return the count."""
    return _set_status(records, Status.REVIEW, reason="Sent to review")


def withdraw_records(records: Iterable[models.Model]) -> int:
    """Take records off the public site (kept, and revertible); return the count."""
    return _set_status(records, Status.WITHDRAWN, reason="Withdrawn")
