"""Saving what a page cites queues its citations for formatting, so that a changed page
usually has its new text stored before anyone asks for it (public.cite.stored).

A saved or deleted record, exhibit, section, block, citation, source or contribution names the
public pages whose "Cite this" item or numbered notes it may change (a source: every page citing
it). They are gathered per thread and queued as one task (public.cite.refresh.refresh_pages) per
PAGES_PER_TASK pages when the transaction commits — a demo load queues a task or two, not one
per row. The worker formats only what is not stored yet. Whatever is missed here (a person's new
name on the documents they wrote), a page still queues itself when it finds its text missing:
this only spares the first visitor the plain citation.
"""

import logging
import threading

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from archive.kinds import RECORD_MODELS
from archive.models import Citation, Contribution, Source
from exhibits.models import Block, Exhibit, Section
from public.cite.refresh import PageKey, key_of, refresh_pages

# Citations of one source whose pages a save of the source queues at most (a source cited on
# more pages leaves the rest to their visitors).
SOURCE_PAGES = 500
# Pages per task: a large import's thousands of changed pages go to the worker in parts.
PAGES_PER_TASK = 200
_pending = threading.local()
logger = logging.getLogger(__name__)


def _pages_of_citations(citations) -> list[PageKey]:
    keys = []
    for citation in citations:
        target = citation.cited_object
        if isinstance(target, Block):
            keys.append(("exhibits.section", target.section_id))
        elif target is not None:
            keys.append(key_of(target))
    return keys


def pages_of(obj: Model) -> list[PageKey]:
    """The pages whose citations a change to `obj` may change."""
    if isinstance(obj, Block):
        return [("exhibits.section", obj.section_id)]
    if isinstance(obj, Section):
        return [("exhibits.section", obj.pk)]
    if isinstance(obj, Citation):
        return _pages_of_citations([obj])
    if isinstance(obj, Source):
        cited = Citation.objects.filter(source=obj).order_by("pk")[:SOURCE_PAGES]
        return _pages_of_citations(cited.prefetch_related("cited_object"))
    if isinstance(obj, Contribution):
        return [("archive.document", obj.document_id)]
    return [key_of(obj)]


def _flush() -> None:
    keys = getattr(_pending, "keys", None)
    if not keys:
        return
    _pending.keys = {}
    keys = [list(key) for key in keys]
    try:
        for start in range(0, len(keys), PAGES_PER_TASK):
            refresh_pages.enqueue(keys[start : start + PAGES_PER_TASK])
    except Exception:  # the change is saved: its pages will queue themselves when seen
        logger.exception("Could not queue the citations of changed pages")


def _changed(sender, instance: Model, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: `render_citations` fills what it brought
        return
    keys = getattr(_pending, "keys", None)
    if keys is None:
        keys = _pending.keys = {}
    for key in pages_of(instance):
        keys[key] = None
    # Every save asks; the first commit sends everything gathered, the others find nothing. A
    # rolled-back change is sent with the next commit, and the worker skips what is gone.
    transaction.on_commit(_flush)


def connect() -> None:
    """Connect the handlers (call once from an AppConfig.ready, e.g. PublicConfig's)."""
    for model in (*RECORD_MODELS, Exhibit, Section, Block, Citation, Source, Contribution):
        uid = f"cite-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
