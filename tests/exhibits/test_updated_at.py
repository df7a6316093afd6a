"""Editing any part of an exhibit moves its updated_at (sitemap lastmod, feed updates)."""

import datetime

import pytest
from django.utils import timezone

from exhibits.models import Exhibit
from tests.exhibits import factories as xf

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=400)


def age(exhibit) -> None:
    Exhibit.objects.filter(pk=exhibit.pk).update(updated_at=LONG_AGO)


def updated(exhibit) -> datetime.datetime:
    return Exhibit.objects.get(pk=exhibit.pk).updated_at


def test_saving_or_deleting_a_section_block_or_gallery_item_touches_the_exhibit():
    item = xf.GalleryItemFactory()
    block = item.block
    section = block.section
    exhibit = section.exhibit
    other = xf.ExhibitFactory()
    for change in (
        lambda: section.save(),
        lambda: block.save(),
        lambda: item.save(),
        lambda: item.delete(),
        lambda: xf.BlockFactory(section=section),
        lambda: block.delete(),
        lambda: section.delete(),
    ):
        age(exhibit)
        age(other)
        change()
        assert updated(exhibit) > LONG_AGO + datetime.timedelta(days=399)
        assert updated(other) == LONG_AGO  # only its own exhibit


def test_deleting_an_exhibit_with_its_parts_works():
    item = xf.GalleryItemFactory()
    exhibit = item.block.section.exhibit
    exhibit.delete()
    assert not Exhibit.objects.filter(pk=exhibit.pk).exists()
