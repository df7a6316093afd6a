"""An exhibit's `updated_at` is when any part of it last changed for a visitor: saving or deleting
one of its sections, blocks or gallery items touches it (sitemaps give it and its sections as
their lastmod, the Atom feed as the entry's update). `update()` writes the time alone: no
revision of the exhibit is recorded for it."""

from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from exhibits.models import Block, Exhibit, GalleryItem, Section

# How each part reaches its exhibit, as an Exhibit filter given the part's foreign key value.
PARTS: dict[type[Model], tuple[str, str]] = {
    Section: ("exhibit_id", "pk"),
    Block: ("section_id", "sections"),
    GalleryItem: ("block_id", "sections__blocks"),
}


def _part_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: the exhibit's own row says when it changed
        return
    attname, lookup = PARTS[sender]
    value = getattr(instance, attname)
    if value is not None:
        Exhibit.objects.filter(**{lookup: value}).update(updated_at=timezone.now())


def connect() -> None:
    """Connect the handlers (called once from ExhibitsConfig.ready)."""
    for model in PARTS:
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"exhibit-touch-{model}")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"exhibit-untouch-{model}")
