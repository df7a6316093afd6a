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


class PageState(models.Model):
    """One row: the generation of everything public, for the page cache (public.page_cache).

    It changes (a new random number) with every change to anything a visitor can see, and when
    the next scheduled publication (`next_due`) comes; `changed_at` is the Last-Modified of every
    public page. It lives in the database, on the primary, so every app server and every worker
    reads the same one, whatever cache each uses.
    """

    generation = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)
    next_due = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "page state"

    def __str__(self) -> str:
        return f"Page generation {self.generation}"


class FormattedCitation(models.Model):
    """Citation text formatted by citeproc-js, stored: no page waits for it (public.cite.stored).

    One row per input: a page's CSL item in every style of public.cite.styles.STYLES (`html` is
    {style: {"bibliography": …, "note": …}}), or a page's sequence of numbered notes (`html` is
    one note per entry). `digest` is the SHA-256 of that input without what differs per visit
    (the page's address and the access date, put in when the page is shown) and of the styles and
    processor it was formatted with: a changed record has another digest, so its old text is never
    shown as current. Rows are only added; `render_citations --prune` drops unused ones.
    """

    class Kind(models.TextChoices):
        ITEM = "item", "Page citation"
        NOTES = "notes", "Numbered notes"

    digest = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=5, choices=Kind.choices)
    # Sanitised HTML (nh3), as the pages print it, with public.cite.stored's placeholders.
    html = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "formatted citation"

    def __str__(self) -> str:
        return f"Formatted {self.kind} {self.digest[:12]}"
