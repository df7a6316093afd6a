"""Dragging sections and blocks in the admin (their position values) orders the public pages."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.exhibits import factories as exhibit_factories

pytestmark = pytest.mark.django_db


def positions(data: dict, prefix: str) -> dict[str, str]:
    """Map each saved row's id to the name of its position input."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    return {data[f"{prefix}-{i}-id"]: f"{prefix}-{i}-position" for i in range(total)}


def test_reordering_blocks_changes_the_public_section_page(curator_client, admin_form_data):
    section = exhibit_factories.SectionFactory()
    first, second, third = (
        exhibit_factories.BlockFactory(section=section, position=n) for n in (1, 2, 3)
    )
    url = reverse("admin:exhibits_section_change", args=[section.pk])
    data = admin_form_data(curator_client.get(url))
    fields = positions(data, "blocks")
    # What the drag and drop script does: renumber the rows in their new order.
    for block, position in ((third, 1), (first, 2), (second, 3)):
        data[fields[str(block.pk)]] = str(position)
    data["_save"] = "Save"

    response = curator_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    public = Client().get(section.get_absolute_url())
    assert public.status_code == 200
    assert [item.block.pk for item in public.context["blocks"]] == [third.pk, first.pk, second.pk]


def test_reordering_sections_changes_the_public_exhibit_page(curator_client, admin_form_data):
    exhibit = exhibit_factories.ExhibitFactory()
    intro, trial, legacy = (
        exhibit_factories.SectionFactory(exhibit=exhibit, position=n) for n in (1, 2, 3)
    )
    url = reverse("admin:exhibits_exhibit_change", args=[exhibit.pk])
    data = admin_form_data(curator_client.get(url))
    fields = positions(data, "sections")
    for section, position in ((legacy, 1), (intro, 2), (trial, 3)):
        data[fields[str(section.pk)]] = str(position)
    data["_save"] = "Save"

    response = curator_client.post(url, data)

    assert response.status_code == 302
    visitor = Client()
    page = visitor.get(exhibit.get_absolute_url())
    assert [s.pk for s in page.context["sections"]] == [legacy.pk, intro.pk, trial.pk]
    # The section pages follow the same order: the first one has no "previous".
    first = visitor.get(legacy.get_absolute_url())
    assert first.context["previous"] is None
    assert first.context["next"] == intro


def test_reordering_gallery_photographs_on_the_block_page(curator_client, admin_form_data):
    one = exhibit_factories.GalleryItemFactory(position=1)
    block = one.block
    two = exhibit_factories.GalleryItemFactory(block=block, position=2)
    url = reverse("admin:exhibits_block_change", args=[block.pk])
    data = admin_form_data(curator_client.get(url))
    fields = positions(data, "gallery_items")
    data[fields[str(one.pk)]], data[fields[str(two.pk)]] = "2", "1"
    data["_save"] = "Save"

    assert curator_client.post(url, data).status_code == 302

    public = Client().get(block.section.get_absolute_url())
    (gallery,) = public.context["blocks"]
    assert [photo.pk for photo, _caption in gallery.photographs] == [
        two.photograph_id,
        one.photograph_id,
    ]


def test_a_block_added_in_the_inline_goes_last(curator_client, admin_submit):
    section = exhibit_factories.SectionFactory()
    existing = exhibit_factories.BlockFactory(section=section, position=5)
    url = reverse("admin:exhibits_section_change", args=[section.pk])

    response = admin_submit(
        curator_client, url, rows={"blocks": [{"kind": "text", "body": "The newest words."}]}
    )

    assert response.status_code == 302
    newest = section.blocks.exclude(pk=existing.pk).get()
    assert list(section.blocks.all()) == [existing, newest]
