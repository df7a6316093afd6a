"""Background tasks (django.tasks; `manage.py run_worker` runs them from the database queue)."""

from django.tasks import task

from transfer.batches import check_batch, run_batch


@task()
def run_import(batch_id: int) -> str:
    """Run a queued import batch; returns its final state."""
    return run_batch(batch_id)


@task()
def check_import(batch_id: int) -> str:
    """Dry-run a large file's batch (its preview); returns its state afterwards."""
    return check_batch(batch_id)
