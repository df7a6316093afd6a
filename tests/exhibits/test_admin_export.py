"""Exporting the exhibits admin's lists (filters respected), beside their drag-and-drop ordering."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.models import Status
from exhibits.models import Block
from tests import factories
from tests.exhibits import factories as exhibit_factories
from tests.transfer.conftest import content_form, export

pytestmark = pytest.mark.django_db


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode())))


def xlsx_rows(data: bytes) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture
def exhibits():
    draft = exhibit_factories.ExhibitFactory(slug="draft-one", status=Status.DRAFT)
    for _ in range(2):
        exhibit_factories.SectionFactory(exhibit=draft)
    other_draft = exhibit_factories.ExhibitFactory(slug="draft-two", status=Status.DRAFT)
    exhibit_factories.ExhibitFactory(slug="live", status=Status.PUBLISHED)
    exhibit_factories.ExhibitFactory(slug="checking", status=Status.REVIEW)
    return draft, other_draft


def test_a_status_filtered_exhibit_list_exports_exactly_its_rows(curator_client, exhibits):
    query = "?status__exact=draft"
    listed = curator_client.get(reverse("admin:exhibits_exhibit_changelist") + query)
    assert {exhibit.slug for exhibit in listed.context["cl"].result_list} == {
        "draft-one",
        "draft-two",
    }

    rows = csv_rows(export(curator_client, "exhibit", query, "csv", "exhibits"))
    assert list(rows[0]) == [
        "title",
        "slug",
        "subtitle",
        "status",
        "published_at",
        "featured",
        "sections",
        "cover",
        "summary",
        "updated_at",
    ]
    assert {row["slug"]: (row["status"], row["sections"]) for row in rows} == {
        "draft-one": ("draft", "2"),
        "draft-two": ("draft", "0"),
    }

    rows = xlsx_rows(export(curator_client, "exhibit", query, "xlsx", "exhibits"))
    assert {row["slug"]: (row["status"], row["sections"]) for row in rows} == {
        "draft-one": ("draft", 2),
        "draft-two": ("draft", 0),
    }


def test_search_and_filters_combine_in_the_export(curator_client, exhibits):
    query = "?status__exact=draft&q=draft-two"
    assert [
        row["slug"] for row in csv_rows(export(curator_client, "exhibit", query, "csv", "exhibits"))
    ] == ["draft-two"]


def test_sections_and_blocks_export_with_their_exhibit_and_position(curator_client, exhibits):
    draft, other = exhibits
    first, second = draft.sections.order_by("position")
    quote = exhibit_factories.BlockFactory(
        section=second, kind=Block.Kind.QUOTE, body="Words.", attribution="Bukharin", position=4
    )
    exhibit_factories.BlockFactory(section=first, position=1)
    exhibit_factories.BlockFactory(section=exhibit_factories.SectionFactory(exhibit=other))

    query = f"?exhibit__id__exact={draft.pk}"
    rows = csv_rows(export(curator_client, "section", query, "csv", "exhibits"))
    assert [(row["exhibit"], row["slug"], row["blocks"]) for row in rows] == [
        ("draft-one", first.slug, "1"),
        ("draft-one", second.slug, "1"),
    ]

    query = f"?kind__exact=quote&section__exhibit__id__exact={draft.pk}"
    rows = xlsx_rows(export(curator_client, "block", query, "xlsx", "exhibits"))
    assert [
        (row["id"], row["exhibit"], row["section"], row["position"], row["kind"]) for row in rows
    ] == [(quote.pk, "draft-one", second.slug, 4, "quote")]  # numbers stay numbers in XLSX
    assert rows[0]["attribution"] == "Bukharin"


def test_the_block_export_names_each_blocks_record_without_a_query_per_row(
    curator_client, exhibits
):
    section = exhibits[0].sections.first()
    url = reverse("admin:exhibits_block_export")
    _action, data = content_form(curator_client.get(url), 'name="format"')

    def export_blocks(count: int) -> tuple[list[dict], int]:
        for _ in range(count):
            person = factories.PersonFactory()
            exhibit_factories.BlockFactory(section=section, kind=Block.Kind.PERSON, person=person)
        with CaptureQueriesContext(connection) as queries:
            response = curator_client.post(url, {**data, "format": "0"})
        return csv_rows(response.content), len(queries)

    rows, one_block = export_blocks(1)
    assert [row["record"] for row in rows] == [section.blocks.get().person.title]
    rows, five_blocks = export_blocks(4)
    assert len(rows) == 5 and all(row["record"].startswith("Person") for row in rows)
    assert five_blocks == one_block


def test_the_lists_link_to_export_and_the_ordering_inlines_still_render(curator_client, exhibits):
    draft, _other = exhibits
    section = draft.sections.first()
    exhibit_factories.BlockFactory(section=section)
    for model in ("exhibit", "section", "block"):
        html = curator_client.get(reverse(f"admin:exhibits_{model}_changelist")).content.decode()
        assert reverse(f"admin:exhibits_{model}_export") in html
    for url in (
        reverse("admin:exhibits_exhibit_change", args=[draft.pk]),
        reverse("admin:exhibits_section_change", args=[section.pk]),
    ):
        html = curator_client.get(url).content.decode()
        assert "sortable" in html and "adminsortable2/js/adminsortable2" in html
