"""CSV injection (OWASP): a CSV export writes every cell a spreadsheet would take for a formula
with a leading apostrophe, and a CSV import takes it off again; XLSX keeps the text as it is."""

import csv
import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.models import Person
from tests import factories
from tests.transfer.conftest import export, upload
from transfer.formats import neutralise_formula, restore_formula

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil","x")',
    "@SUM(1+1)",
    "+1",
    "-1+2",
    "\t=1",
    "\r=1",
]


def csv_rows(data: bytes) -> dict[str, dict[str, str]]:
    """The rows of a CSV export by slug, read as a spreadsheet-independent parser reads them."""
    reader = csv.DictReader(io.StringIO(data.decode(), newline=""))
    return {row["slug"]: row for row in reader}


def xlsx_rows(data: bytes) -> dict[str, dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header, *rows = sheet.iter_rows()
    names = [cell.value for cell in header]
    by_name = [{name: cell for name, cell in zip(names, row, strict=True)} for row in rows]
    return {row["slug"].value: row for row in by_name}


@pytest.fixture
def hostile_records():
    for index, text in enumerate(HOSTILE):
        factories.PersonFactory(slug=f"person-{index}", title=text, summary=text)
        factories.DocumentFactory(slug=f"document-{index}", title=text, summary=text)
    factories.PersonFactory(slug="plain", title="Nikolai Bukharin", summary="A plain summary.")
    factories.DocumentFactory(slug="plain", title="The ABC of Communism", summary="-5")


@pytest.mark.parametrize("model", ["person", "document"])
def test_a_csv_export_neutralises_every_formula_like_cell(curator_client, hostile_records, model):
    rows = csv_rows(export(curator_client, model, "", "csv"))
    for index, text in enumerate(HOSTILE):
        row = rows[f"{model}-{index}"]
        assert row["title"] == "'" + text, row["title"]
        assert row["summary"] == "'" + text
    # A normal title is unchanged, and so is a plain negative number.
    assert rows["plain"]["title"] in ("Nikolai Bukharin", "The ABC of Communism")
    assert not rows["plain"]["title"].startswith("'")
    if model == "document":
        assert rows["plain"]["summary"] == "-5"
    # Nothing else in the file starts like a formula (columns, dates, slugs).
    for row in rows.values():
        for value in row.values():
            assert not re.match(r"[=+\-@\t\r]", value) or value == "-5", value


@pytest.mark.parametrize("model", ["person", "document"])
def test_the_same_export_as_xlsx_keeps_the_text_exactly(curator_client, hostile_records, model):
    rows = xlsx_rows(export(curator_client, model, "", "xlsx"))
    for index, text in enumerate(HOSTILE):
        cell = rows[f"{model}-{index}"]["title"]
        assert (cell.value, cell.data_type) == (text, "s")
        assert rows[f"{model}-{index}"]["summary"].value == text
    assert rows["plain"]["title"].value in ("Nikolai Bukharin", "The ABC of Communism")


def test_a_csv_export_with_formula_like_cells_imports_back_unchanged(curator_client):
    # (Leading tabs and carriage returns are left out: an import strips a cell's surrounding
    # whitespace, whatever the format.)
    titles = ['=HYPERLINK("http://evil","x")', "@SUM(1+1)", "+1", "-1+2", "'=quoted", "-5", "'"]
    for index, title in enumerate(titles):
        factories.PersonFactory(slug=f"person-{index}", title=title, summary=title)
    exported = export(curator_client, "person", "", "csv")
    assert "''=quoted" in exported.decode()  # one apostrophe more, so one comes off on import
    preview = upload(curator_client, "person", exported)
    assert f"0 to create, 0 to update, {len(titles)} unchanged" in preview.content.decode()


def test_an_imported_csv_cell_that_starts_like_a_formula_stays_text(curator_client, do_import):
    """A curator's own file (not an export) may hold "=1+2": it is imported as that text."""
    rows = [["slug", "title", "summary"], ["formula", "=1+2", "@SUM(A1) and -2+3"]]
    data = io.StringIO()
    csv.writer(data).writerows(rows)
    do_import(curator_client, "person", data.getvalue().encode())
    person = Person.objects.get(slug="formula")
    assert (person.title, person.summary) == ("=1+2", "@SUM(A1) and -2+3")


def test_negative_coordinates_are_written_as_numbers(curator_client):
    factories.PlaceFactory(slug="sydney", name="=Sydney", latitude="-33.868800", longitude="151.2")
    rows = csv_rows(export(curator_client, "place", "", "csv"))
    assert rows["sydney"]["latitude"] == "-33.868800"
    assert rows["sydney"]["name"] == "'=Sydney"


def test_reading_undoes_exactly_what_writing_did():
    samples = [
        *HOSTILE,
        "",
        "plain",
        "'",
        "''",
        "'plain",
        "'=x",
        "''=x",
        "'-5",
        "-5",
        "-5.25",
        "-1e5",
        "-",
        "=",
        "1-2",
        "a=b",
        None,
        7,
        -7,
    ]
    for value in samples:
        assert restore_formula(neutralise_formula(value)) == value, value
    assert neutralise_formula("-1e5") == "'-1e5"
    assert neutralise_formula(-7) == -7 and neutralise_formula("-7") == "-7"


def test_the_export_page_says_how_csv_writes_formula_like_cells(curator_client):
    page = curator_client.get(reverse("admin:archive_person_export")).content.decode()
    assert "is written with a leading apostrophe" in page
    assert "<code>=</code>, <code>+</code>" in page


def test_the_demo_archive_exports_and_imports_back_unchanged(curator_client):
    call_command("load_demo", stdout=io.StringIO())
    for model in ("person", "document", "photograph", "event"):
        exported = export(curator_client, model, "", "csv")
        total = len(csv_rows(exported))
        assert total > 0, model
        page = upload(curator_client, model, exported).content.decode()
        assert f"0 to create, 0 to update, {total} unchanged" in page, (model, page[-3000:])
