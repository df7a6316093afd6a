"""Editing any part of an exhibit moves its updated_at (sitemap lastmod, feed updates)."""

import datetime

import pytest
from django.utils import timezone

from archive.models import CitationNeeded
from exhibits.models import Exhibit
from tests import factories
from tests.exhibits import factories as xf
from tests.public.test_discovery import sitemap_urls

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


def touched(exhibit) -> bool:
    return updated(exhibit) > LONG_AGO + datetime.timedelta(days=399)


def test_a_blocks_footnotes_gallery_and_timeline_touch_the_exhibit():
    """A footnote (a citation of a block), a gallery's photographs and a timeline's chosen events
    show on the section page: adding, editing or removing them moves the exhibit's updated_at."""
    block = xf.BlockFactory(kind="timeline", body="")
    exhibit = block.section.exhibit
    other = xf.ExhibitFactory()
    event, photograph = factories.EventFactory(), factories.PhotographFactory()
    citation = factories.CitationFactory(cited_object=block)
    needed = factories.CitationFactory(cited_object=block, source=None)
    needed = CitationNeeded.objects.get(pk=needed.pk)  # edited on the curators' worklist
    for change in (
        lambda: factories.CitationFactory(cited_object=block),
        lambda: setattr(citation, "locator", "p. 2") or citation.save(),
        lambda: citation.delete(),
        lambda: setattr(needed, "note", "Still missing.") or needed.save(),
        lambda: block.timeline_events.add(event),
        lambda: block.timeline_events.remove(event),
        lambda: block.timeline_events.set([event]),
        lambda: block.timeline_events.clear(),
        lambda: block.gallery.add(photograph, through_defaults={"caption": "At the congress"}),
        lambda: block.gallery.clear(),
    ):
        age(exhibit)
        age(other)
        change()
        assert touched(exhibit)
        assert updated(other) == LONG_AGO
    # A record's own citations belong to no exhibit.
    age(exhibit)
    factories.CitationFactory(cited_object=factories.PersonFactory())
    assert updated(exhibit) == LONG_AGO


def test_moving_a_section_or_block_touches_both_exhibits():
    block = xf.BlockFactory()
    section = block.section
    source, target = section.exhibit, xf.ExhibitFactory()
    age(source)
    age(target)
    section.exhibit = target
    section.save()
    assert touched(source) and touched(target)

    elsewhere = xf.SectionFactory(exhibit=xf.ExhibitFactory())
    age(target)
    age(elsewhere.exhibit)
    block.section = elsewhere
    block.save()
    assert touched(target) and touched(elsewhere.exhibit)


def test_a_new_footnote_moves_the_sections_sitemap_lastmod(client):
    exhibit = xf.ExhibitFactory(slug="show", published_at=LONG_AGO)
    block = xf.BlockFactory(section=xf.SectionFactory(exhibit=exhibit, slug="part"))
    age(exhibit)
    day = datetime.timedelta(days=1)  # lastmod is a date, in the site's time zone
    before = sitemap_urls(client)["/exhibits/show/part/"]
    assert abs(datetime.date.fromisoformat(before[:10]) - LONG_AGO.date()) <= day
    factories.CitationFactory(cited_object=block, source=None)
    after = sitemap_urls(client)
    lastmod = datetime.date.fromisoformat(after["/exhibits/show/part/"][:10])
    assert abs(lastmod - timezone.now().date()) <= day
    assert after["/exhibits/show/"] == after["/exhibits/show/part/"]
