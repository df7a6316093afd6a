"""Bad input in the exhibit builder: clear form errors, sanitised HTML, nothing saved half-way."""

import pytest
from django.test import Client
from django.urls import reverse

from exhibits.models import Block, Exhibit, Section
from tests import factories
from tests.exhibits import factories as exhibit_factories

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Hello <strong>world</strong></p>'
    "<script>alert('x')</script>"
    '<a href="javascript:alert(1)">bad link</a> <a href="https://example.org/">good link</a>'
    '<img src="x" onerror="alert(1)"><iframe src="https://evil.example/"></iframe>'
    "<style>body{display:none}</style>"
)


def assert_harmless(html: str) -> None:
    lowered = html.lower()
    for bad in (
        "<script",
        "alert(",
        "onclick",
        "onerror",
        "javascript:",
        "<iframe",
        "<style",
        "<img",
    ):
        assert bad not in lowered, bad
    assert "<strong>world</strong>" in html
    assert 'href="https://example.org/"' in html


def section_url(section: Section) -> str:
    return reverse("admin:exhibits_section_change", args=[section.pk])


def inline_errors(response, prefix: str = "blocks") -> list:
    """The errors of each form of the inline formset with this prefix."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return inline.formset.errors
    raise AssertionError(f"no inline {prefix}")


# Sanitising -------------------------------------------------------------------------------


def test_hostile_html_in_a_text_block_is_sanitised_through_the_section_inline(
    curator_client, admin_submit
):
    section = exhibit_factories.SectionFactory()
    response = admin_submit(
        curator_client, section_url(section), rows={"blocks": [{"kind": "text", "body": HOSTILE}]}
    )
    assert response.status_code == 302
    assert_harmless(Block.objects.get(section=section).body)


def test_hostile_html_is_sanitised_on_the_block_page(curator_client, admin_submit):
    block = exhibit_factories.BlockFactory()
    url = reverse("admin:exhibits_block_change", args=[block.pk])
    response = admin_submit(curator_client, url, {"body": HOSTILE})
    assert response.status_code == 302
    block.refresh_from_db()
    assert_harmless(block.body)


def test_hostile_html_in_an_exhibit_introduction_is_sanitised(curator_client, admin_submit):
    exhibit = exhibit_factories.ExhibitFactory()
    url = reverse("admin:exhibits_exhibit_change", args=[exhibit.pk])
    response = admin_submit(curator_client, url, {"introduction": HOSTILE})
    assert response.status_code == 302
    exhibit.refresh_from_db()
    assert_harmless(exhibit.introduction)


def test_sanitised_text_is_what_the_public_page_shows(curator_client, admin_submit):
    section = exhibit_factories.SectionFactory()
    admin_submit(
        curator_client, section_url(section), rows={"blocks": [{"kind": "text", "body": HOSTILE}]}
    )
    page = Client().get(section.get_absolute_url()).content.decode()
    assert "<strong>world</strong>" in page
    assert "javascript:" not in page and "onclick" not in page


# Block kinds without what they need ------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"kind": "person"}, "person", "A person card needs one."),
        ({"kind": "trial"}, "trial", "A trial summary needs one."),
        ({"kind": "text", "body": " ", "caption": "x"}, "body", "This block needs some text."),
        ({"kind": "quote"}, "body", "This block needs some text."),
        ({"kind": "record"}, "__all__", "A record embed points at exactly one record"),
        (
            {"kind": "timeline", "timeline_start_year": "1938", "timeline_end_year": "1917"},
            "__all__",
            "The timeline ends before it starts.",
        ),
    ],
    ids=["person", "trial", "text", "quote", "record", "timeline"],
)
def test_a_block_kind_without_what_it_needs_is_a_form_error(
    curator_client, admin_submit, row, field, message
):
    section = exhibit_factories.SectionFactory()
    response = admin_submit(curator_client, section_url(section), rows={"blocks": [row]})

    assert response.status_code == 200
    (errors,) = inline_errors(response)
    assert any(message in text for text in errors[field]), errors
    assert message in response.content.decode()
    assert "Please correct the error" in response.content.decode()
    assert not section.blocks.exists()


def test_a_record_embed_with_two_records_is_refused(curator_client, admin_submit):
    section = exhibit_factories.SectionFactory()
    row = {
        "kind": "record",
        "person": str(factories.PersonFactory().pk),
        "event": str(factories.EventFactory().pk),
    }
    response = admin_submit(curator_client, section_url(section), rows={"blocks": [row]})
    assert response.status_code == 200
    assert "exactly one record" in response.content.decode()


def test_a_block_kind_error_on_the_block_page(curator_client, admin_submit):
    block = exhibit_factories.BlockFactory()
    url = reverse("admin:exhibits_block_change", args=[block.pk])
    response = admin_submit(curator_client, url, {"kind": "person", "body": ""})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["person"] == ["A person card needs one."]
    block.refresh_from_db()
    assert block.kind == Block.Kind.TEXT


def test_valid_blocks_of_every_kind_save(curator_client, admin_submit):
    section = exhibit_factories.SectionFactory()
    rows = [
        {"kind": "text", "body": "Plain words."},
        {"kind": "quote", "body": "Quoted.", "attribution": "N. Bukharin"},
        {"kind": "record", "document": str(factories.DocumentFactory().pk)},
        {"kind": "person", "person": str(factories.PersonFactory().pk)},
        {"kind": "trial", "trial": str(factories.TrialFactory().pk)},
        {"kind": "timeline", "timeline_start_year": "1917", "timeline_end_year": "1938"},
        {"kind": "gallery"},
    ]
    response = admin_submit(curator_client, section_url(section), rows={"blocks": rows})
    assert response.status_code == 302
    assert [b.kind for b in section.blocks.all()] == [r["kind"] for r in rows]
    assert section.blocks.get(kind="text").body == "<p>Plain words.</p>"


# All or nothing ---------------------------------------------------------------------------


def test_nothing_is_saved_when_one_inline_row_fails(curator_client, admin_submit):
    section = exhibit_factories.SectionFactory(title="Before")
    kept = exhibit_factories.BlockFactory(section=section, body="<p>Kept</p>")
    url = section_url(section)

    response = admin_submit(
        curator_client,
        url,
        {"title": "After", "blocks-0-body": "<p>Edited</p>"},
        rows={"blocks": [{"kind": "text", "body": "A new block."}, {"kind": "person"}]},
    )

    assert response.status_code == 200
    section.refresh_from_db()
    kept.refresh_from_db()
    assert section.title == "Before"
    assert kept.body == "<p>Kept</p>"
    assert list(section.blocks.all()) == [kept]


def test_nothing_is_saved_when_a_section_row_fails(curator_client, admin_submit):
    exhibit = exhibit_factories.ExhibitFactory(title="Before")
    exhibit_factories.SectionFactory(exhibit=exhibit, slug="taken")
    url = reverse("admin:exhibits_exhibit_change", args=[exhibit.pk])

    response = admin_submit(
        curator_client,
        url,
        {"title": "After"},
        rows={
            "sections": [
                {"title": "New", "slug": "new"},
                {"title": "Duplicate", "slug": "taken"},
            ]
        },
    )

    assert response.status_code == 200
    assert inline_errors(response, "sections")
    exhibit.refresh_from_db()
    assert exhibit.title == "Before"
    assert list(Section.objects.filter(exhibit=exhibit).values_list("slug", flat=True)) == ["taken"]
    assert Exhibit.objects.count() == 1
