"""The file formats curators import and export: CSV (any Unicode encoding with a BOM, or UTF-8)
and XLSX. Reading failures become FileReadError with a message a curator can act on."""

import codecs
import io
import zipfile

import openpyxl
import tablib
from import_export.formats import base_formats
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

# A byte order mark names its encoding; without one, a CSV must be UTF-8.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


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


class CSV(base_formats.CSV):
    """CSV read from bytes, so the encoding is found here and a wrong one is said clearly."""

    def is_binary(self) -> bool:
        return True

    def get_read_mode(self) -> str:
        return "rb"

    def create_dataset(self, in_stream: bytes | str, **kwargs) -> tablib.Dataset:
        text = decode_text(in_stream) if isinstance(in_stream, bytes) else in_stream
        if "\x00" in text:
            raise FileReadError("The file contains NUL bytes: it is not a CSV text file.")
        try:
            return tablib.import_set(text, format="csv", **kwargs)
        except Exception as exc:
            raise FileReadError(f"The file cannot be read as CSV: {exc}") from None


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
            return super().create_dataset(in_stream)
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise FileReadError(
                f"The file is not an Excel (.xlsx) workbook ({exc}). Choose the format that "
                "matches the file."
            ) from None
        except StopIteration:
            raise FileReadError("The workbook's first sheet is empty.") from None


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
EXPORT_FORMATS = [base_formats.CSV, XLSX]
FORMATS_BY_NAME = {"csv": CSV, "xlsx": XLSX}


def format_name(format_class: type[base_formats.Format]) -> str:
    return next(name for name, cls in FORMATS_BY_NAME.items() if cls is format_class)
