"""Fixity: re-reading every photograph original and comparing it with the SHA-256 recorded at
ingest, so that a silently changed or lost file is found and named with its record."""

from collections.abc import Callable, Iterator

from django.utils import timezone

from archive import images
from archive.models import FixityCheck, Photograph


def check_photograph(photograph: Photograph) -> FixityCheck:
    """Check one original against its recorded checksum; store and return the result."""
    name = photograph.image.name
    found = ""
    if not photograph.sha256:
        result = FixityCheck.Result.UNRECORDED
    elif not photograph.image.storage.exists(name):
        result = FixityCheck.Result.MISSING
    else:
        found, _ = images.fixity(photograph.image)
        result = FixityCheck.Result.OK if found == photograph.sha256 else FixityCheck.Result.CHANGED
    check, _ = FixityCheck.objects.update_or_create(
        photograph=photograph,
        defaults={
            "checked_at": timezone.now(),
            "result": result,
            "expected_sha256": photograph.sha256,
            "found_sha256": found,
            "file_name": name,
        },
    )
    return check


def check_all(*, progress: Callable[[int], None] | None = None) -> Iterator[FixityCheck]:
    """Check every photograph that has an original, yielding each result."""
    photographs = Photograph.objects.exclude(image="").order_by("pk")
    for photograph in photographs.iterator(chunk_size=500):
        yield check_photograph(photograph)
        if progress:
            progress(1)
