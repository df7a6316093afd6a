"""Moving records through their publication states: draft -> in review -> published -> withdrawn.

Each function saves record by record (not a bulk UPDATE) so that revisions are kept and every
after-save hook runs; it returns how many records changed.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from archive.models.base import Record, Status


def _set_status(records: Iterable[Record], status: str, *, reason: str) -> int:
    changed = 0
    with transaction.atomic():
        for record in records:
            if record.status == status:
                continue
            record.status = status
            if status == Status.PUBLISHED and record.published_at is None:
                record.published_at = timezone.now()
            record._change_reason = reason
            record.save()
            changed += 1
    return changed


def publish_records(records: Iterable[Record]) -> int:
    """Publish records now (or at their publication time if one is set); return the count."""
    return _set_status(records, Status.PUBLISHED, reason="Published")


def send_records_to_review(records: Iterable[Record]) -> int:
    """Mark records as ready for a curator's review; return the count."""
    return _set_status(records, Status.REVIEW, reason="Sent to review")


def withdraw_records(records: Iterable[Record]) -> int:
    """Take records off the public site (kept, and revertible); return the count."""
    return _set_status(records, Status.WITHDRAWN, reason="Withdrawn")
