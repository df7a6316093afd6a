"""Real CSV and XLSX files, and the admin's upload → preview → confirm steps."""

import csv
import io
from collections.abc import Callable

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import reverse

from tests.admin_forms import _FormParser

FORMAT_INDEX = {"csv": "0", "xlsx": "1"}


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_url(model: str) -> str:
    return reverse(f"admin:archive_{model}_import")


def upload(client, model: str, data: bytes, name: str = "records.csv", fmt: str = "csv"):
    """Post a file to the import page: the dry-run preview (or the errors)."""
    return client.post(
        import_url(model),
        {
            "resource": "0",
            "format": FORMAT_INDEX[fmt],
            "import_file": SimpleUploadedFile(name, data),
        },
    )


def confirm(client, preview: HttpResponse) -> HttpResponse:
    """Press "Confirm import" on a preview page."""
    action, data = content_form(preview, 'name="import_file_name"')
    return client.post(action, data)


def content_form(page: HttpResponse, marker: str) -> tuple[str, dict]:
    """The action and the data a browser would submit from the form holding `marker`."""
    html = page.content.decode()
    form_start = html.rindex("<form", 0, html.index(marker))
    parser = _FormParser(lambda _id: True)
    parser.feed(html[form_start:])
    data: dict = {}
    for name, value in parser.pairs:
        data.setdefault(name, []).append(value)
    action = html[form_start:].split('action="', 1)[1].split('"', 1)[0]
    return action.replace("&amp;", "&"), {k: v[0] if len(v) == 1 else v for k, v in data.items()}


def export(client, model: str, query: str, fmt: str, app: str = "archive") -> bytes:
    """Open the export page from a filtered change list and submit its form as a browser would."""
    url = reverse(f"admin:{app}_{model}_export") + query
    action, data = content_form(client.get(url), 'name="format"')
    data["format"] = FORMAT_INDEX[fmt]
    response = client.post(action or url, data)  # an empty action posts to the page
    assert response.status_code == 200, response.content[:2000]
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def do_import() -> Callable[..., HttpResponse]:
    """Upload, check a preview (with a confirm form) came back, confirm; return the response."""

    def run(client, model: str, data: bytes, name: str = "records.csv", fmt: str = "csv"):
        preview = upload(client, model, data, name, fmt)
        assert preview.status_code == 200
        assert b'name="import_file_name"' in preview.content, preview.content.decode()[-3000:]
        return confirm(client, preview)

    return run
