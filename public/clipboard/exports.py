"""The clipboard's downloads: BibTeX, RIS and CSL-JSON made by public.cite from each item's
CSL-JSON (the same items the record and exhibit pages cite), and a CSV list.

The CSV's cells pass through archive.csv_cells.neutralise_formula, as the curators' exports do:
a title a spreadsheet would take for a formula is written as text.
"""

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse

from archive.csv_cells import neutralise_formula
from public.cite import formats, pages
from public.cite.formats import Item
from public.clipboard.items import Entry

CSV_COLUMNS = ("kind", "title", "date", "url", "summary")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# The download formats, by extension, with their labels, in the order the pages list them.
EXTENSIONS: dict[str, str] = {"csv": "CSV"} | {
    extension: kind.label for extension, kind in formats.FORMATS.items()
}


def csl_items(request: HttpRequest, entries: list[Entry]) -> list[Item]:
    """The CSL-JSON item of each entry at its public address."""
    return [pages.page_item(request, entry.obj) for entry in entries]


def to_csv(request: HttpRequest, entries: list[Entry]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        row = (
            entry.label,
            entry.obj.title,
            entry.date,
            pages.absolute_url(request, entry.obj.get_absolute_url()),
            getattr(entry.obj, "summary", ""),
        )
        writer.writerow([neutralise_formula(value) for value in row])
    return buffer.getvalue()


def download(
    request: HttpRequest, entries: list[Entry], extension: str, filename: str
) -> HttpResponse:
    """The entries as an attachment named filename.<extension>; 404 for an unknown format."""
    if extension == "csv":
        response = HttpResponse(to_csv(request, entries), content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    if extension not in formats.FORMATS:
        raise Http404("No such download format.")
    return formats.download_response(csl_items(request, entries), extension, filename)
