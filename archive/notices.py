"""Content notices: a warning (on executions, violence…) that visitors acknowledge before they
see the record, exhibit or section it covers.

Works without JavaScript: the page shows the notice and a link carrying `?acknowledge=<key>`;
following it shows the content, and the session remembers the acknowledgement.
"""

from dataclasses import dataclass

from django.db.models import Model
from django.http import HttpRequest

NOTICE_SESSION_KEY = "vitrine_notices_acknowledged"


@dataclass
class Notice:
    key: str
    text: str


def _acknowledged(request: HttpRequest, key: str) -> bool:
    seen = set(request.session.get(NOTICE_SESSION_KEY, []))
    if key in request.GET.getlist("acknowledge") and key not in seen:
        seen.add(key)
        request.session[NOTICE_SESSION_KEY] = sorted(seen)
    return key in seen


def pending_notices(request: HttpRequest, *owners: Model) -> list[Notice]:
    """The content notices of `owners` (a record, an exhibit, a section) not yet acknowledged."""
    notices = []
    for owner in owners:
        key = f"{owner._meta.model_name}-{owner.pk}"
        if owner.content_notice and not _acknowledged(request, key):
            notices.append(Notice(key, owner.content_notice))
    return notices
