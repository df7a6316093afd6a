"""Every exhibits admin page renders for a curator, with the links curators navigate by."""

import pytest
from django.contrib import admin
from django.urls import reverse

from archive.models import Status
from exhibits.models import Block, Exhibit, GalleryItem, Section
from tests import factories
from tests.exhibits import factories as exhibit_factories

pytestmark = pytest.mark.django_db


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:exhibits_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def tree():
    """A draft exhibit with a cover, one section and one block of every kind that needs data."""
    photo = factories.PhotographFactory()
    exhibit = exhibit_factories.ExhibitFactory(status=Status.DRAFT, cover=photo)
    section = exhibit_factories.SectionFactory(exhibit=exhibit)
    text = exhibit_factories.BlockFactory(section=section)
    factories.CitationFactory(cited_object=text)
    gallery = exhibit_factories.GalleryItemFactory(block__section=section, photograph=photo).block
    person = exhibit_factories.BlockFactory(
        section=section, kind=Block.Kind.PERSON, person=factories.PersonFactory(), body=""
    )
    embed = exhibit_factories.BlockFactory(
        section=section, kind=Block.Kind.RECORD, photograph=photo, body=""
    )
    return {
        "exhibit": exhibit,
        "section": section,
        "blocks": [text, gallery, person, embed],
        "photo": photo,
    }


def test_exhibit_section_and_block_are_in_the_admin():
    assert {Exhibit, Section, Block} <= set(admin.site._registry)
    assert GalleryItem not in admin.site._registry  # edited on the block's page


@pytest.mark.parametrize("model", [Exhibit, Section, Block], ids=lambda m: m._meta.model_name)
def test_changelist_add_change_and_history_render_for_a_curator(curator_client, tree, model):
    obj = {Exhibit: tree["exhibit"], Section: tree["section"], Block: tree["blocks"][1]}[model]
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "changelist") + "?q=e",
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
        admin_url(model, "delete", obj.pk),
    ):
        response = curator_client.get(url)
        assert response.status_code == 200, url
    changelist = curator_client.get(admin_url(model, "changelist")).content.decode()
    assert admin_url(model, "change", obj.pk) in changelist


def test_exhibit_changelist_columns(curator_client, tree):
    exhibit = tree["exhibit"]
    response = curator_client.get(admin_url(Exhibit, "changelist"))
    html = response.content.decode()
    for header in ("Title", "Status", "Publish at", "Featured", "Sections", "Cover image"):
        assert f">{header}<" in html or f">{header}</a>" in html, header
    assert tree["photo"].thumbnail_url in html
    assert f'href="{exhibit.get_absolute_url()}"' in html
    assert "Preview" in html  # a draft: the link is a staff preview, not "View on site"
    row = response.context["cl"].result_list[0]
    assert row.section_total == 1


def test_exhibit_changelist_filters_by_status_and_featured(curator_client, tree):
    featured = exhibit_factories.ExhibitFactory(featured=True)
    response = curator_client.get(admin_url(Exhibit, "changelist") + "?featured__exact=1")
    assert list(response.context["cl"].result_list) == [featured]
    response = curator_client.get(admin_url(Exhibit, "changelist") + "?status__exact=draft")
    assert list(response.context["cl"].result_list) == [tree["exhibit"]]


def test_exhibit_change_form_links_to_preview_and_sections(curator_client, tree):
    exhibit, section = tree["exhibit"], tree["section"]
    html = curator_client.get(admin_url(Exhibit, "change", exhibit.pk)).content.decode()
    assert f'href="{exhibit.get_absolute_url()}"' in html
    assert ">Preview<" in html
    assert admin_url(Section, "change", section.pk) in html  # each section's own page
    assert section.get_absolute_url() in html
    assert 'class="js-inline-admin-formset inline-group"' in html
    assert "sortable" in html  # adminsortable2 drag and drop on the sections inline
    assert "adminsortable2/js/adminsortable2" in html
    assert "scheduled" in html.lower() or "schedules" in html  # the publish-at help text


def test_published_exhibit_links_say_view_on_site(curator_client):
    exhibit = exhibit_factories.ExhibitFactory(status=Status.PUBLISHED)
    html = curator_client.get(admin_url(Exhibit, "change", exhibit.pk)).content.decode()
    assert ">View on site<" in html


def test_section_page_has_sortable_blocks_with_links_and_thumbnails(curator_client, tree):
    section, photo = tree["section"], tree["photo"]
    html = curator_client.get(admin_url(Section, "change", section.pk)).content.decode()
    for block in tree["blocks"]:
        assert admin_url(Block, "change", block.pk) in html
    assert photo.thumbnail_url in html  # beside the record embed's photograph
    assert "Preview this section" in html
    assert section.get_absolute_url() in html
    assert "admin-exhibits/block-kinds.js" in html
    # Every record field is an autocomplete.
    for field in ("person", "document", "photograph", "trial", "event", "timeline_events"):
        assert f'name="blocks-0-{field}"' in html
    assert html.count("admin-autocomplete") >= 6


def test_block_page_has_gallery_and_citation_inlines(curator_client, tree):
    gallery = tree["blocks"][1]
    response = curator_client.get(admin_url(Block, "change", gallery.pk))
    html = response.content.decode()
    assert 'id="gallery_items-group"' in html
    assert 'id="archive-citation-content_type-object_id-group"' in html
    assert tree["photo"].thumbnail_url in html
    text = tree["blocks"][0]
    html = curator_client.get(admin_url(Block, "change", text.pk)).content.decode()
    assert 'name="archive-citation-content_type-object_id-0-source"' in html


def test_autocomplete_for_exhibits_and_sections(curator_client, tree):
    field_url = reverse("admin:autocomplete")
    response = curator_client.get(
        field_url,
        {"app_label": "exhibits", "model_name": "section", "field_name": "exhibit", "term": "Ex"},
    )
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(tree["exhibit"].pk)]
    response = curator_client.get(
        field_url,
        {"app_label": "exhibits", "model_name": "exhibit", "field_name": "cover", "term": "Photo"},
    )
    assert response.status_code == 200
    assert str(tree["photo"].pk) in [r["id"] for r in response.json()["results"]]


def test_sortable_static_files_exist(curator_client, tree):
    """adminsortable2 ships nothing for Django 6.1; the exhibits admin must not ask for it."""
    from django.contrib.staticfiles import finders

    media = admin.site._registry[Exhibit].media
    for script in media._js:
        path = getattr(script, "_path", script)  # Django wraps some paths in Script objects
        assert finders.find(path), path
    for sheets in media._css.values():
        for sheet in sheets:
            path = getattr(sheet, "_path", sheet)
            assert finders.find(path), path
