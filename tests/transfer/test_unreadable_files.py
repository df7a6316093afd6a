"""Files the import cannot read are refused with a reason that names the problem.

Each file is a real upload through the admin's import page; the reason is the upload field's
error on the page the curator sees. Before, a CSV of 100,000 columns was refused with
"The file cannot be read as CSV: " and nothing after it.
"""

import csv
import time

import pytest
from django.utils.html import escape

from archive.models import Person
from tests.transfer.conftest import csv_bytes, upload, xlsx_bytes
from transfer.formats import MAX_COLUMNS

pytestmark = pytest.mark.django_db


def file_error(response) -> str:
    """The reason given for refusing the file, checked to be on the page as well."""
    assert response.status_code == 200
    errors = response.context["form"].errors.get("import_file")
    assert errors, "the file was not refused"
    assert len(errors) == 1, errors
    message = errors[0]
    assert escape(message) in response.content.decode()
    return message


def test_a_csv_of_100000_columns_is_refused_for_its_columns(curator_client):
    width = 100_000
    data = csv_bytes([[f"column {i}" for i in range(width)], ["x"] * width])

    started = time.monotonic()
    message = file_error(upload(curator_client, "person", data))

    assert message.startswith(
        f"Line 1 has 100,000 columns; an import file may have at most {MAX_COLUMNS:,}."
    )
    assert not Person.objects.exists()
    # The width is refused before 100,000 column names are compared with the known ones.
    assert time.monotonic() - started < 10


def test_a_row_of_100000_cells_under_a_short_header_is_refused_for_its_columns(curator_client):
    data = csv_bytes([["slug", "title"], ["bukharin", "Bukharin", *[""] * 99_998]])

    message = file_error(upload(curator_client, "person", data))

    assert message.startswith("Line 2 has 100,000 columns; an import file may have at most")


def test_a_row_wider_than_its_header_names_its_line(curator_client):
    data = b"slug,title\nrykov,Rykov\nbukharin,Bukharin, Nikolai\n"

    message = file_error(upload(curator_client, "person", data))

    assert message.startswith("Line 3 has 3 cells, but the header row names 2.")
    assert "must be in double quotes" in message


def test_a_cell_longer_than_the_csv_field_limit_is_named(curator_client):
    # An opening quote never closed: the cell runs on to the end of the file.
    data = b'slug,title\nbukharin,"Bukharin\n' + b"x" * (csv.field_size_limit() + 10) + b"\n"

    message = file_error(upload(curator_client, "person", data))

    assert message.startswith(
        f"A cell on line 3 is longer than {csv.field_size_limit():,} characters"
    )
    assert "quotes are paired" in message


def test_a_carriage_return_in_an_unquoted_cell_is_named(curator_client):
    data = b"slug,title\nbukharin,Nikolai\rBukharin\n"

    message = file_error(upload(curator_client, "person", data))

    assert message.startswith("Line 2 has a line break (a carriage return) inside a cell")


def test_a_workbook_of_too_many_columns_is_refused_for_its_columns(curator_client):
    width = MAX_COLUMNS + 1
    data = xlsx_bytes([["slug", "title", *[f"c{i}" for i in range(width - 2)]], ["x"] * width])

    message = file_error(upload(curator_client, "person", data, name="wide.xlsx", fmt="xlsx"))

    assert message.startswith(f"The workbook's first sheet has {width:,} columns;")


def test_many_unknown_columns_are_counted_not_all_named(curator_client):
    data = csv_bytes([["slug", "title", *[f"extra {i}" for i in range(500)]], ["x", "X"]])

    page = upload(curator_client, "person", data).content.decode()

    assert "Unknown columns: “extra 0”, “extra 1”," in page
    assert "“extra 19” and 480 more." in page
    assert "“extra 20”" not in page


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(csv_bytes([["c"] * 100_000]), id="100000 columns"),
        pytest.param(b"slug,title\na,b,c\n", id="wider row"),
        pytest.param(b'slug,title\n"' + b"x" * 200_000 + b"\n", id="huge cell"),
        pytest.param(b"slug,title\na,b\rc\n", id="bare carriage return"),
        pytest.param(b"slug,title\n\x00\n", id="NUL byte"),
        pytest.param("slug,title\nJaurès,x\n".encode("latin-1"), id="not UTF-8"),
        pytest.param(b"\xff\xfeA", id="broken UTF-16"),
    ],
)
def test_every_unreadable_csv_gets_a_specific_reason(curator_client, data):
    message = file_error(upload(curator_client, "person", data))

    assert message.strip().rstrip(".:") not in {"", "The file cannot be read as CSV"}
    assert len(message) > 40
