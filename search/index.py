"""Writing the search index: one record after a save, every record in a rebuild.

Every writer here takes the index state's lock and catches up with due publications first
(search.publications.catch_up), writes the rows (search.rows), moves or recounts the stored
counts (search.counts), and marks the index changed so that cached answers expire.
"""

from collections.abc import Callable, Iterable
from typing import Protocol

from django.db import reset_queries, transaction
from django.db.models import Exists, OuterRef

from archive.kinds import BY_NAME
from search import counts
from search.entry import SearchEntry
from search.publications import catch_up, index_changed
from search.rows import NameBook, batches, build_rows, write_records, write_rows

# The kinds of record the index holds, by name: the registry's (archive.kinds).
KINDS = BY_NAME


def index_records(kind: str, ids: Iterable[int]) -> None:
    """Bring the index rows of these records up to date (deleting rows of records now gone)."""
    with transaction.atomic():
        now = catch_up()  # the counts count every row public by now (see catch_up)
        write_records(kind, ids, now)
        index_changed(now)


class ProgressBar(Protocol):
    def __call__(self, count: int) -> None: ...
    def finish(self) -> None: ...


def rebuild_kinds(
    kinds: Iterable[str] | None = None,
    *,
    bar: Callable[[str, int], ProgressBar] | None = None,
) -> int:
    """Reindex every record of these kinds (default: all) in one transaction, with a progress
    bar per kind made by `bar(kind, records)`, and count the index once at the end (a recount
    reads the whole index, so not once per kind). Return the record count."""
    total = 0
    with transaction.atomic():
        for kind in kinds or KINDS:
            progress = bar(kind, KINDS[kind].model.objects.count()) if bar else None
            total += rebuild(kind, progress=progress, count=False)
            reset_queries()  # a long rebuild under DEBUG would keep every statement
            if progress:
                progress.finish()
        recount()
    return total


def rebuild(kind: str, *, progress: Callable[[int], None] | None = None, count: bool = True) -> int:
    """Reindex every record of a kind and drop rows of deleted ones; return the record count.
    Without `count` the stored counts are left for the caller to recount before it commits."""
    model = KINDS[kind].model
    names = NameBook()
    total = 0
    with transaction.atomic():
        catch_up()  # the index state's lock first, as every index writer takes it
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for batch in batches(ids):
            total += write_rows(build_rows(kind, batch, names))
            if progress:
                progress(len(batch))
        # NOT EXISTS, not NOT IN: PostgreSQL cannot make an anti-join of NOT IN (NULLs), and
        # once the ids outgrow work_mem it compares every row with every id.
        SearchEntry.objects.filter(kind=kind).exclude(
            Exists(model.objects.filter(pk=OuterRef("object_id")))
        ).delete()
        if count:
            recount()
    return total


@transaction.atomic  # holds the index state's lock: no write counts rows meanwhile
def recount() -> None:
    """Count the public index afresh and mark it changed (cached answers expire)."""
    counts.recount(index_changed())


def forget(entries) -> None:
    """Delete these index rows outright (their records are being deleted in bulk) and count the
    index afresh when the transaction commits (the records' own index updates then find their
    rows gone and change no stored count)."""
    catch_up()  # the index state's lock first, as every index writer takes it
    entries.delete()
    transaction.on_commit(recount)
