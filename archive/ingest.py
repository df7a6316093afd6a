"""Ingest of photograph originals: what happens to files when a photograph is saved or deleted.

A new original (an upload, or a stored file put back by a revert) is validated by decoding,
checksummed, its embedded metadata read, and its thumbnail and display derivatives made — all
before the row is written, so the revision records them. If anything fails, every file written for
it is removed and the error raised: a rejected file leaves no record change and no orphan file.
Files the photograph no longer uses (the old thumbnail and derivatives) are deleted only once the
change is committed; a rolled-back change keeps them. A replaced original is kept, because the
revision history refers to it (reverting restores it); deleting the photograph deletes its current
original, thumbnail and derivatives after commit, unless another photograph uses the same files.
"""

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.db import transaction

from archive import changes, derivatives, images

if TYPE_CHECKING:
    from archive.models import Photograph


@dataclass
class StoredFiles:
    """The file names a photograph row points to (as loaded, or as last saved)."""

    image: str = ""
    thumbnail: str = ""
    derivatives: dict = field(default_factory=dict)

    @classmethod
    def of(cls, photograph: "Photograph") -> "StoredFiles":
        return cls(
            photograph.image.name or "",
            photograph.thumbnail.name or "",
            photograph.derivatives or {},
        )


def stored_files(photograph: "Photograph") -> StoredFiles | None:
    """What the database row points to now (None for a new photograph)."""
    known = getattr(photograph, "_stored_files", None)
    if known is not None or photograph._state.adding or photograph.pk is None:
        return known
    row = (
        type(photograph)
        .objects.filter(pk=photograph.pk)
        .values_list("image", "thumbnail", "derivatives")
        .first()
    )
    return StoredFiles(row[0] or "", row[1] or "", row[2] or {}) if row else None


def image_changed(photograph: "Photograph", before: StoredFiles | None) -> bool:
    """Whether the photograph's original is not the one its row points to."""
    if photograph.image and not photograph.image._committed:
        return True
    return (photograph.image.name or "") != (before.image if before else "")


def prepare(photograph: "Photograph", written: list[str]) -> None:
    """Validate a new original and derive its data and files (names stored go to `written`)."""
    image = photograph.image
    if not image._committed:
        images.validate_image_file(image.file)
    with images.opened(image) as handle:
        photograph.sha256, photograph.byte_size = images.stream_fixity(handle)
        metadata = images.read_metadata(handle)
        photograph.image_metadata = metadata
        derived = derivatives.derive(
            handle, photograph.sha256, derivatives_storage(photograph), written
        )
        photograph.derivatives, content = derived.record, derived.thumbnail
    if not image._committed:
        # The stored name's extension follows what the file is, not what it was called.
        path = PurePosixPath(image.name or "image")
        image.name = path.stem + images.FORMAT_EXTENSIONS[metadata["format"]]
    photograph.thumbnail.save(f"{photograph.slug}.jpg", content, save=False)
    written.append(photograph.thumbnail.name)


def derivatives_storage(photograph: "Photograph"):
    return photograph.image.storage


def clear(photograph: "Photograph") -> None:
    """A photograph without an original has no derived data."""
    photograph.sha256, photograph.byte_size = "", None
    photograph.image_metadata = {}
    photograph.derivatives = {}
    photograph.thumbnail = ""


def discard(photograph: "Photograph", written: list[str], new_original: bool) -> None:
    """Remove what a failed ingest stored (the new original too, if it got stored)."""
    storage = photograph.image.storage
    names = list(written)
    if new_original and photograph.image._committed and photograph.image.name:
        names.append(photograph.image.name)
    derivatives.delete(storage, names)


def save_photograph(photograph: "Photograph", save_row) -> None:
    """Save a photograph with `save_row()` (the model's own save), ingesting a new original."""
    before = stored_files(photograph)
    changed = image_changed(photograph, before)
    new_original = bool(photograph.image) and not photograph.image._committed
    written: list[str] = []
    try:
        if changed and photograph.image:
            prepare(photograph, written)
        elif not photograph.image:
            clear(photograph)
        elif before is not None:
            # Derived files follow the original, never a form or a reverted revision.
            photograph.thumbnail.name = before.thumbnail
            photograph.derivatives = before.derivatives
        with transaction.atomic(using=photograph._state.db):
            save_row()
    except BaseException:
        discard(photograph, written, new_original)
        raise
    _forget(photograph, before)


def refresh(photograph: "Photograph") -> None:
    """Re-derive everything (fixity, metadata, thumbnail, derivatives) from the stored original
    and write it to the row without a new revision (derived data, e.g. after an upgrade)."""
    before = StoredFiles.of(photograph)
    written: list[str] = []
    fields = ["sha256", "byte_size", "image_metadata", "derivatives", "thumbnail"]
    try:
        if photograph.image:
            prepare(photograph, written)
        else:
            clear(photograph)
        type(photograph).objects.filter(pk=photograph.pk).update(
            **{name: getattr(photograph, name) for name in fields}
        )
        changes.announce(type(photograph))
    except BaseException:
        discard(photograph, written, False)
        raise
    _forget(photograph, before)


def _forget(photograph: "Photograph", before: StoredFiles | None) -> None:
    """Once committed, delete the files the photograph used before and no longer does."""
    after = StoredFiles.of(photograph)
    photograph._stored_files = after
    if before is None:
        return
    unused = [before.thumbnail] if before.thumbnail != after.thumbnail else []
    # A new original, or tiles made again at another size, leave files no longer used.
    still_used = set(derivatives.names(after.derivatives))
    unused += [name for name in derivatives.names(before.derivatives) if name not in still_used]
    if unused:
        storage = photograph.image.storage
        sha256 = before.derivatives.get("sha256", "")
        model, pk = type(photograph), photograph.pk
        transaction.on_commit(
            lambda: _delete_unused(model, storage, unused, sha256, pk), using=photograph._state.db
        )


def _delete_unused(
    model: type["Photograph"], storage, names: list[str], sha256: str, pk: int | None = None
) -> None:
    """Delete files, except derivatives (and tiles) another photograph (than `pk`) of the same
    original still uses."""
    others = model.objects.filter(derivatives__sha256=sha256).exclude(pk=pk)
    if sha256 and others.exists():
        names = [name for name in names if not derivatives.of_original(name, sha256)]
    derivatives.delete(storage, names)


def photograph_deleted(photograph: "Photograph") -> None:
    """After the deletion commits, delete the photograph's original, thumbnail and derivatives."""
    files = StoredFiles.of(photograph)
    storage = photograph.image.storage
    model = type(photograph)

    def delete_files() -> None:
        names = [
            name
            for name, field_name in ((files.thumbnail, "thumbnail"), (files.image, "image"))
            if name and not model.objects.filter(**{field_name: name}).exists()
        ]
        sha256 = files.derivatives.get("sha256", "")
        names += derivatives.names(files.derivatives)
        _delete_unused(model, storage, names, sha256)

    transaction.on_commit(delete_files, using=photograph._state.db)


def on_photograph_deleted(sender, instance, **kwargs) -> None:
    """post_delete of Photograph (connected in ArchiveConfig.ready): however a photograph is
    deleted, its files go once the deletion commits."""
    photograph_deleted(instance)
