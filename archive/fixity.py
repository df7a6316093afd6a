"""Fixity: re-reading every stored original — photograph originals and document page images — and
comparing it with the SHA-256 recorded when it was stored, so that a silently changed or lost file
is found and named with its record.

Both kinds of file are checked by the same code: each owner has an `image`, a `sha256` and a
`byte_size`, and its result is kept in its own table (archive.models.fixity).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils import timezone

from archive import changes, images
from archive.models import DocumentPage, FixityCheck, PageFixityCheck, Photograph
from archive.models.fixity import FixityResult


@dataclass(frozen=True)
class FileKind:
    """A model whose rows own a checked file, and where its results go."""

    model: type[Model]
    result_model: type[FixityResult]
    plural: str  # "originals", "page images"

    def owners(self) -> QuerySet:
        """Every row with a file, in a stable order."""
        owners = self.model.objects.exclude(image="").order_by("pk")
        return owners.select_related("document") if self.model is DocumentPage else owners


FILE_KINDS = (
    FileKind(Photograph, FixityCheck, "originals"),
    FileKind(DocumentPage, PageFixityCheck, "page images"),
)


def _kind(owner: Model) -> FileKind:
    return next(kind for kind in FILE_KINDS if isinstance(owner, kind.model))


def check(owner: Photograph | DocumentPage, *, record_unrecorded: bool = False) -> FixityResult:
    """Check one stored file against its recorded checksum; store and return the result.

    A file with no recorded checksum (stored before checksums were taken) is reported as such,
    unless `record_unrecorded`: then its checksum is recorded now, as found, and it passes.
    """
    kind = _kind(owner)
    file = owner.image
    name = file.name
    expected = owner.sha256
    found = ""
    if not expected and not record_unrecorded:
        result = FixityResult.Result.UNRECORDED
    elif not file.storage.exists(name):
        result = FixityResult.Result.MISSING
    else:
        found, size = images.fixity(file)
        if not expected:
            expected = owner.sha256 = found
            owner.byte_size = size
            # Derived data, not an edit: no revision, no save hooks.
            kind.model.objects.filter(pk=owner.pk).update(sha256=found, byte_size=size)
            changes.announce(kind.model)
        result = FixityResult.Result.OK if found == expected else FixityResult.Result.CHANGED
    check, _ = kind.result_model.objects.update_or_create(
        **{kind.result_model.owner_field: owner},
        defaults={
            "checked_at": timezone.now(),
            "result": result,
            "expected_sha256": expected,
            "found_sha256": found,
            "file_name": name,
        },
    )
    return check


def check_photograph(photograph: Photograph) -> FixityCheck:
    """Check one photograph original (see `check`)."""
    return check(photograph)


def check_page(page: DocumentPage) -> PageFixityCheck:
    """Check one document page image (see `check`)."""
    return check(page)


def totals() -> dict[FileKind, int]:
    """How many files of each kind check_all will check."""
    return {kind: kind.owners().count() for kind in FILE_KINDS}


def check_all(
    *, progress: Callable[[int], None] | None = None, record_unrecorded: bool = False
) -> Iterator[FixityResult]:
    """Check every photograph original, then every page image, yielding each result."""
    for kind in FILE_KINDS:
        for owner in kind.owners().iterator(chunk_size=500):
            yield check(owner, record_unrecorded=record_unrecorded)
            if progress:
                progress(1)
