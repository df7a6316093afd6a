"""An exhibit's `updated_at` is when any part of it last changed for a visitor: saving or deleting
one of its sections, blocks or gallery items, or a footnote of one of its blocks (an archive
citation whose cited object is the block), and changing a block's gallery or timeline events
(many-to-many, from either side) touch it, and so does saving a featured search one of its blocks
shows. A section, block or gallery item moved elsewhere touches the exhibit it left as well as the
one it joined. Sitemaps give the exhibit and its sections this time as their lastmod, the Atom
feed as the entry's update. `update()` writes the time alone: no revision of the exhibit is
recorded for it."""

from collections.abc import Callable, Iterable
from operator import attrgetter

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from archive.models import Citation, CitationNeeded
from exhibits.models import Block, Exhibit, FeaturedSearch, GalleryItem, Section


def _block_of(citation: Citation) -> int | None:
    """The block a citation is a footnote of, or None for a record's own citation."""
    if citation.content_type_id == ContentType.objects.get_for_model(Block).pk:
        return citation.object_id
    return None


# How each part reaches its exhibit: an Exhibit lookup, and the part's value for it.
PARTS: dict[type[Model], tuple[str, Callable[[Model], int | None]]] = {
    Section: ("pk", attrgetter("exhibit_id")),
    Block: ("sections", attrgetter("section_id")),
    GalleryItem: ("sections__blocks", attrgetter("block_id")),
    Citation: ("sections__blocks", _block_of),
    CitationNeeded: ("sections__blocks", _block_of),  # the worklist's saves (a proxy)
    FeaturedSearch: ("sections__blocks__featured_search", attrgetter("pk")),  # what blocks show
}
# The parts that can be moved to another parent in the admin: the one they leave is touched too.
MOVABLE: dict[type[Model], str] = {
    Section: "exhibit_id",
    Block: "section_id",
    GalleryItem: "block_id",
}
PREVIOUS = "_exhibits_previous_parent"


def _touch(lookup: str, values: Iterable[int | None]) -> None:
    values = {value for value in values if value is not None}
    if values:
        Exhibit.objects.filter(**{f"{lookup}__in": values}).update(updated_at=timezone.now())


def _part_saving(sender, instance, raw: bool = False, **kwargs) -> None:
    """Remember the parent a movable part had in the database, if it is being moved."""
    if raw or instance._state.adding:
        return
    attname = MOVABLE[sender]
    stored = sender._base_manager.filter(pk=instance.pk).values_list(attname, flat=True).first()
    if stored is not None and stored != getattr(instance, attname):
        setattr(instance, PREVIOUS, stored)


def _part_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: the exhibit's own row says when it changed
        return
    lookup, parent = PARTS[sender]
    _touch(lookup, [parent(instance), instance.__dict__.pop(PREVIOUS, None)])


def _blocks_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """A gallery's photographs or a timeline's events, changed from either side."""
    if action.startswith("post_"):
        _touch("sections__blocks", (pk_set or ()) if reverse else [instance.pk])


def connect() -> None:
    """Connect the handlers (called once from ExhibitsConfig.ready)."""
    for model in MOVABLE:
        pre_save.connect(_part_saving, sender=model, dispatch_uid=f"exhibit-move-{model}")
    for model in PARTS:
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"exhibit-touch-{model}")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"exhibit-untouch-{model}")
    for through in (Block.gallery.through, Block.timeline_events.through):
        m2m_changed.connect(
            _blocks_changed, sender=through, dispatch_uid=f"exhibit-blocks-{through.__name__}"
        )
