"""Changes that bypass save(): derived data written with `QuerySet.update()`.

Ingest (archive.ingest.refresh) and the first fixity check (archive.fixity) write what they derive
from a file straight to the row, without a revision or save hooks. What a visitor sees can depend
on it (a photograph's size, its checksum in JSON), so they announce it here, and whoever keeps
copies of public pages (public.page_cache) listens.
"""

from django.db.models import Model
from django.dispatch import Signal

# Sent with sender=the model class whose rows were updated.
derived_data_changed = Signal()


def announce(model: type[Model]) -> None:
    derived_data_changed.send(sender=model)
