"""The public site's own data: shared clipboards (public.clipboard, docs/clipboard.md).

A visitor's clipboard lives in their session; "Share" freezes it here so that a short address
shows the same list to anyone. The row keeps only what was collected (kind and id of each
item), never the records themselves: what a shared link shows is decided again at every visit
by archive.visibility, so a record unpublished since is simply left out.
"""

from django.db import models


class SharedClipboard(models.Model):
    # The random part of /clipboard/<token>/ (secrets.token_urlsafe).
    token = models.CharField(max_length=32, unique=True)
    # [[kind, id], …] in the order the visitor added them; kind is a record kind's name
    # (archive.kinds) or "exhibit".
    items = models.JSONField(default=list)
    # SHA-256 of the items: sharing the same list again gives the same link, not another row.
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "shared clipboard"

    def __str__(self) -> str:
        return f"Shared clipboard {self.token} ({len(self.items)} items)"
