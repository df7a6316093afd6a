"""The file formats curators import and export: CSV (any Unicode encoding with a BOM, or UTF-8)
and XLSX. Reading failures become FileReadError with a message a curator can act on."""

import codecs
import csv
import io
import zipfile
from collections.abc import Callable

import openpyxl
import tablib
from import_export.formats import base_formats
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from archive.csv_cells import neutralise_formula, restore_formula

# A byte order mark names its encoding; without one, a CSV must be UTF-8.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# The most columns an import file may have. The widest kind of record has a few dozen; a file of
# thousands is not a file of records, and is refused before its rows are read.
MAX_COLUMNS = 1_000


class FileReadError(ValueError):
    """The file cannot be read as the chosen format; the message says why and what to do."""


def decode_text(data: bytes) -> str:
    """Decode CSV bytes: the encoding its BOM names, else UTF-8; raise FileReadError if neither."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise FileReadError(
                    f"The file starts like {encoding.upper()} text but is not valid "
                    f"{encoding.upper()} (byte {exc.start})."
                ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        raise FileReadError(
            f"The file is not UTF-8 text: byte 0x{byte} on line {line} is not UTF-8. It was "
            "probably saved as Latin-1 or Windows-1252. Save it as “CSV UTF-8” (or UTF-16) "
            "and import it again."
        ) from None


# CSV injection: formula-like cells are written with a leading apostrophe (archive.csv_cells).


def _map_cells(dataset: tablib.Dataset, change: Callable[[object], object]) -> tablib.Dataset:
    """A copy of dataset with change() applied to every cell (not to the column names)."""
    return tablib.Dataset(
        *(tuple(change(value) for value in row) for row in dataset),
        headers=dataset.headers,
        title=dataset.title,
    )


class CSV(base_formats.CSV):
    """CSV read from bytes, so the encoding is found here and a wrong one is said clearly; written
    with formula-like cells neutralised (CSV injection, see neutralise_formula)."""

    def is_binary(self) -> bool:
        return True

    def get_read_mode(self) -> str:
        return "rb"

    def export_data(self, dataset: tablib.Dataset, **kwargs) -> str:
        """The rows as CSV, each formula-like cell with a leading apostrophe (neutralise_formula);
        reading the file back (create_dataset) takes the apostrophe off again."""
        return super().export_data(_map_cells(dataset, neutralise_formula), **kwargs)

    def create_dataset(self, in_stream: bytes | str, **kwargs) -> tablib.Dataset:
        text = decode_text(in_stream) if isinstance(in_stream, bytes) else in_stream
        if "\x00" in text:
            raise FileReadError("The file contains NUL bytes: it is not a CSV text file.")
        return _map_cells(read_csv(text, **kwargs), restore_formula)


def read_csv(text: str, **kwargs) -> tablib.Dataset:
    """CSV text as a dataset, read as tablib reads it (the first row names the columns, blank
    lines are skipped, short rows are padded), but row by row here, so that a problem is named
    with its line: too many columns, a row wider than the header, a cell the csv module refuses.
    `kwargs` are csv.reader's (delimiter, quotechar…)."""
    dataset = tablib.Dataset()
    reader = csv.reader(io.StringIO(text), **kwargs)
    try:
        for index, row in enumerate(reader):
            if len(row) > MAX_COLUMNS:
                raise FileReadError(
                    f"Line {reader.line_num} has {len(row):,} columns; an import file may have "
                    f"at most {MAX_COLUMNS:,}. This is not a file of records: check that it is "
                    "the file you meant to import."
                )
            if index == 0:
                dataset.headers = row
            elif row:
                if dataset.width and len(row) > dataset.width:
                    above = "the header row names" if dataset.headers else "the first row has"
                    raise FileReadError(
                        f"Line {reader.line_num} has {len(row)} cells, but {above} "
                        f"{dataset.width}. A cell holding a comma must be in double quotes; an "
                        "extra column needs a name in the header row."
                    )
                dataset.append(row + [""] * (dataset.width - len(row)))
    except csv.Error as exc:
        raise FileReadError(csv_error_message(exc, reader.line_num)) from None
    return dataset


def csv_error_message(exc: csv.Error, line: int) -> str:
    """The csv module's complaint about `line`, in words a curator can act on."""
    reason = str(exc)
    if reason.startswith("field larger than field limit"):
        return (
            f"A cell on line {line} is longer than {csv.field_size_limit():,} characters, the "
            "longest a CSV cell may be. Check that its quotes are paired (a missing closing "
            "quote runs the cell on to the end of the file)."
        )
    if reason.startswith("new-line character seen in unquoted field"):
        return (
            f"Line {line} has a line break (a carriage return) inside a cell that is not in "
            "double quotes. Put the cell in quotes, or save the file again as “CSV UTF-8”."
        )
    detail = f" ({reason})" if reason else ""
    return f"The file cannot be read as CSV: line {line} is not valid CSV{detail}."


class XLSX(base_formats.XLSX):
    """The first sheet of an Excel workbook; its first row holds the column names.

    Exports write every text as a text cell. openpyxl (through tablib) writes a text that starts
    with "=" as a formula: a spreadsheet would run it, and an import reads a formula back as its
    (never computed) value, so the field came back empty. The characters a workbook cannot hold
    (control characters other than tab and newlines) are written as U+FFFD; before, one such
    character anywhere made the whole export fail.
    """

    def export_data(self, dataset: tablib.Dataset, **kwargs) -> bytes:
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet(title=(dataset.title or "Export")[:31])
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        sheet.append([_cell(sheet, header, font=bold) for header in dataset.headers or ()])
        for row in dataset:
            sheet.append([_cell(sheet, value) for value in row])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def create_dataset(self, in_stream: bytes) -> tablib.Dataset:
        try:
            dataset = super().create_dataset(in_stream)
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise FileReadError(
                f"The file is not an Excel (.xlsx) workbook ({exc}). Choose the format that "
                "matches the file."
            ) from None
        except StopIteration:
            raise FileReadError("The workbook's first sheet is empty.") from None
        if dataset.width > MAX_COLUMNS:
            raise FileReadError(
                f"The workbook's first sheet has {dataset.width:,} columns; an import file may "
                f"have at most {MAX_COLUMNS:,}. This is not a sheet of records: check that it "
                "is the file you meant to import."
            )
        return dataset


def _cell(sheet, value: object, font: Font | None = None) -> object:
    """A value as an export cell: text always a text cell, with what XLSX cannot hold replaced."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    cell.data_type = "s"  # openpyxl took a leading "=" for a formula
    if font is not None:
        cell.font = font
    return cell


# django-import-export exports numbers and dates as themselves (not text) only for the formats in
# this list, compared by exact type: this XLSX is one of them.
base_formats.BINARY_FORMATS.append(XLSX)

IMPORT_FORMATS = [CSV, XLSX]
EXPORT_FORMATS = [CSV, XLSX]
FORMATS_BY_NAME = {"csv": CSV, "xlsx": XLSX}


def format_name(format_class: type[base_formats.Format]) -> str:
    return next(name for name, cls in FORMATS_BY_NAME.items() if cls is format_class)
