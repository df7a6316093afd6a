"""Display derivatives of photograph originals: WebP and JPEG at a few widths, for srcset.

Made once at ingest from the original (EXIF orientation applied, colour profile kept, metadata
dropped), stored under names keyed by the original's SHA-256 —
`derivatives/<sha[:2]>/<sha>/<width>.<fmt>` — so identical originals share them and a name always
means the same bytes. What exists is recorded on the photograph (`Photograph.derivatives`), so a
page knows the sizes without asking storage. Files are served only by the visibility-checked
archive:photograph-file view (variants `w960.webp`, `w960.jpg`).

The record: {"sha256": …, "formats": ["webp", "jpg"], "sizes": [[960, 960, 640], …]}, each size
[nominal width, actual width, actual height]. A nominal width is one of WIDTHS; the actual width is
never above the original's (a 1000 px original has 480, 960 and a 1000 px "1600"). The same
decoding makes the photograph's deep-zoom tiles (archive.tiles), recorded under "tiles"; the
derivatives are then scaled from the nearest tile level instead of from the full image.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from PIL import Image, ImageOps

from archive import images, tiles

WIDTHS = (480, 960, 1600, 2400)
# Preferred first: <picture> offers WebP, <img> falls back to JPEG.
FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
CONTENT_TYPES = {"webp": "image/webp", "jpg": "image/jpeg"}
PREFIX = "derivatives"


def plan(width: int) -> list[tuple[int, int]]:
    """(nominal, actual) widths for an image `width` pixels wide as displayed: every nominal
    width up to the first that reaches the full width, none enlarged."""
    sizes = []
    for nominal in WIDTHS:
        sizes.append((nominal, min(nominal, width)))
        if nominal >= width:
            break
    return sizes


def directory(sha256: str) -> str:
    return f"{PREFIX}/{sha256[:2]}/{sha256}"


def name(sha256: str, nominal: int, fmt: str) -> str:
    """The storage name of one derivative (deterministic: the same original, the same name)."""
    return f"{directory(sha256)}/{nominal}.{fmt}"


def names(record: dict | None) -> list[str]:
    """Every storage name a derivatives record refers to (its deep-zoom tiles too)."""
    if not record or not record.get("sha256"):
        return []
    return [
        name(record["sha256"], nominal, fmt)
        for nominal, _w, _h in record.get("sizes", [])
        for fmt in record.get("formats", [])
    ] + tiles.names(directory(record["sha256"]), record.get("tiles"))


def find_tile(
    record: dict | None, box: tuple[int, int, int, int], out: tuple[int, int]
) -> str | None:
    """The storage name of the deep-zoom tile (or whole level image) that is exactly `box` of the
    original scaled to `out`, if the derivatives record has it; else None (archive.tiles)."""
    if not record or not record.get("sha256"):
        return None
    return tiles.find(directory(record["sha256"]), record.get("tiles"), box, out)


def of_original(file_name: str, sha256: str) -> bool:
    """Whether a storage name is a derivative (or tile) of the original with this SHA-256."""
    return file_name.startswith(directory(sha256) + "/")


def find(record: dict | None, nominal: int, fmt: str) -> str | None:
    """The storage name of the derivative `nominal`/`fmt` if the record has it, else None."""
    if not record or fmt not in record.get("formats", []):
        return None
    if any(size[0] == nominal for size in record.get("sizes", [])):
        return name(record["sha256"], nominal, fmt)
    return None


def _displayable(image: Image.Image) -> Image.Image:
    """RGB (or L) pixels a WebP and a JPEG can both hold: 16-bit scaled, transparency on white."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif image.mode == "F":
        image = image.convert("L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode not in ("RGB", "L"):
        return image.convert("RGB")
    return image


def generate(handle, sha256: str, storage: Storage, written: list[str] | None = None) -> dict:
    """Make (or find already made) every derivative of the original open in `handle`.

    Returns the record to keep on the photograph. Each name stored is appended to `written` as
    soon as it exists, so a caller can remove them if the ingest fails half-way.
    """
    return derive(handle, sha256, storage, written).record


@dataclass
class Derived:
    record: dict
    thumbnail: ContentFile


def derive(handle, sha256: str, storage: Storage, written: list[str] | None = None) -> Derived:
    """The derivatives (as `generate`) and the JPEG thumbnail, from one decoding of the original."""
    written = [] if written is None else written
    thumbnail = None
    handle.seek(0)
    with Image.open(handle) as image:
        exif = image.getexif()  # (a PNG is decoded here: its EXIF may follow the pixels)
        orientation = exif.get(0x0112)
        shown_w, shown_h = images.display_size(image.width, image.height, orientation)
        sizes = plan(shown_w)
        wanted = [
            (nominal, fmt)
            for nominal, _ in sizes
            for fmt in FORMATS
            if not storage.exists(name(sha256, nominal, fmt))
        ]
        largest = sizes[-1][1]
        record_sizes = [
            [nominal, actual, max(1, round(shown_h * actual / shown_w))]
            for nominal, actual in sizes
        ]
        tiles_wanted = not storage.exists(tiles.last_name(directory(sha256), shown_w, shown_h))
        if wanted or tiles_wanted:
            if not tiles_wanted:
                # JPEG: decode at the smallest DCT scale still at least the largest size needed.
                raw_w, raw_h = images.display_size(largest, record_sizes[-1][2], orientation)
                image.draft("RGB", (raw_w, raw_h))
            icc_profile = image.info.get("icc_profile")
            current = _displayable(ImageOps.exif_transpose(image))
            if tiles_wanted:
                # Deep-zoom tiles need every pixel; the derivatives then start from the smallest
                # tile level still as wide as the largest of them.
                _made, levels = tiles.make(
                    current,
                    directory(sha256),
                    lambda target, data: _store(storage, target, data, written),
                )
                current = min((lv for lv in levels if lv.width >= largest), key=lambda lv: lv.width)
            thumbnail = images.thumbnail_of(current)
            for nominal, actual, height in reversed(record_sizes):
                if current.width != actual:
                    current = current.resize((actual, height), Image.Resampling.LANCZOS)
                for fmt, (pil_format, options) in FORMATS.items():
                    if (nominal, fmt) not in wanted:
                        continue
                    buffer = io.BytesIO()
                    current.save(buffer, pil_format, icc_profile=icc_profile, **options)
                    _store(storage, name(sha256, nominal, fmt), buffer.getvalue(), written)
    if thumbnail is None:  # every file existed: decode just enough for the thumbnail
        thumbnail = images.thumbnail_from(handle)
    handle.seek(0)
    record = {
        "sha256": sha256,
        "formats": list(FORMATS),
        "sizes": record_sizes,
        "tiles": tiles.record(shown_w, shown_h),
    }
    return Derived(record, thumbnail)


def _store(storage: Storage, target: str, data: bytes, written: list[str]) -> None:
    """Store `data` as `target` (appended to `written`), unless another ingest of the same original
    stored it at the same moment."""
    stored = storage.save(target, ContentFile(data))
    written.append(stored)
    if stored != target:  # made at the same moment by another ingest
        storage.delete(stored)
        written.remove(stored)


def delete(storage: Storage, file_names: Iterable[str]) -> None:
    """Delete stored files, ignoring those already gone."""
    for file_name in file_names:
        if file_name:
            storage.delete(file_name)
