"""Deep-zoom tiles of photographs: their geometry, and the tiles themselves, made at ingest.

A deep-zoom viewer (OpenSeadragon over the IIIF image service) shows a large image as a pyramid:
at each scale factor f of `scale_factors` (1, 2, 4, … until one tile covers the whole image) the
image shrunk f times, cut into `size` × `size` tiles. Tile (column, row) at factor f is the region
x = column·size·f, y = row·size·f, w = min(size·f, width − x), h = min(size·f, height − y) of the
full image, scaled to ⌈w / f⌉ × ⌈h / f⌉ pixels — the calculation in the IIIF Image API 3.0
implementation notes (https://iiif.io/api/image/3.0/implementation/), and the request
OpenSeadragon makes. Besides tiles, the image information offers whole reduced
images (`sizes`): the image at each factor above 1 that fits the service's limits.

`make` cuts every tile of every factor, and every level image of `sizes` larger than one tile,
from one decoded image (archive.derivatives calls it at ingest, with the display derivatives), as
JPEG at the image service's quality. A viewer's requests then read a small stored file instead of
decoding the original. Names sit in the directory of the original's derivatives (`base`, keyed by
its SHA-256): `<base>/tiles/<size>/<factor>/<column>,<row>.jpg` and `…/<factor>/full.jpg`. What was
made is recorded in `Photograph.derivatives["tiles"]`: {"size": 512, "width": …, "height": …,
"levels": [factors whose full.jpg exists]}, width and height as shown (EXIF orientation applied).
`find` turns a request's region and output size into the stored name, if there is one. The files
are served only by the IIIF image view, which checks visibility first (archive.visibility), like
every other file of a photograph.
"""

import io
from collections.abc import Callable, Iterator

from django.conf import settings
from PIL import Image

# The image service's JPEG quality (public.iiif draws with it too): a stored tile and a drawn one
# look the same.
JPEG_QUALITY = 85
FORMAT = "jpg"


def scale_factors(width: int, height: int, size: int) -> list[int]:
    """Powers of two from 1 until one tile covers the whole image."""
    factors = [1]
    while size * factors[-1] < max(width, height):
        factors.append(factors[-1] * 2)
    return factors


def level_size(width: int, height: int, factor: int) -> tuple[int, int]:
    """The size of a `width` × `height` region at `factor`: ⌈w / f⌉ × ⌈h / f⌉."""
    return -(-width // factor), -(-height // factor)


def sizes(
    width: int, height: int, size: int, max_width: int, max_height: int, max_area: int
) -> list[tuple[int, int, int]]:
    """The whole reduced images a viewer is offered (info.json `sizes`): (factor, width, height)
    for every factor above 1 whose image fits the limits, smallest first."""
    offered = []
    for factor in reversed(scale_factors(width, height, size)[1:]):
        w, h = level_size(width, height, factor)
        if w <= max_width and h <= max_height and w * h <= max_area:
            offered.append((factor, w, h))
    return offered


def tiles(width: int, height: int, size: int, factor: int) -> Iterator[tuple[str, tuple]]:
    """Every tile at `factor`: its name part ("column,row") and region (x, y, w, h)."""
    span = size * factor
    for row, y in enumerate(range(0, height, span)):
        for column, x in enumerate(range(0, width, span)):
            yield f"{column},{row}", (x, y, min(span, width - x), min(span, height - y))


def name(base: str, size: int, factor: int, part: str) -> str:
    """The storage name of a tile ("column,row") or a whole level ("full") under `base`, the
    directory of the original's derivatives."""
    return f"{base}/tiles/{size}/{factor}/{part}.{FORMAT}"


def _levels(width: int, height: int, size: int) -> list[int]:
    """The factors whose whole image is stored as well: the `sizes` offered (within the limits
    in the settings) that are larger than one tile (a one-tile level is its tile 0,0)."""
    limits = settings.IIIF_MAX_WIDTH, settings.IIIF_MAX_HEIGHT, settings.IIIF_MAX_AREA
    return [factor for factor, w, h in sizes(width, height, size, *limits) if w > size or h > size]


def record(width: int, height: int) -> dict:
    """What `make` stores for an image shown `width` × `height`, at the tile size in settings."""
    size = settings.IIIF_TILE_SIZE
    return {"size": size, "width": width, "height": height, "levels": _levels(width, height, size)}


def last_name(base: str, width: int, height: int) -> str:
    """The name `make` stores last (the full-resolution tile at the bottom right): when it exists,
    every tile does."""
    size = settings.IIIF_TILE_SIZE
    *_, (part, _box) = tiles(width, height, size, 1)
    return name(base, size, 1, part)


def names(base: str, made: dict | None) -> list[str]:
    """Every storage name a tiles record (`record`) refers to."""
    if not made:
        return []
    size, width, height = made["size"], made["width"], made["height"]
    found = [
        name(base, size, factor, part)
        for factor in scale_factors(width, height, size)
        for part, _box in tiles(width, height, size, factor)
    ]
    return found + [name(base, size, factor, "full") for factor in made.get("levels", [])]


def find(
    base: str, made: dict | None, box: tuple[int, int, int, int], out: tuple[int, int]
) -> str | None:
    """The stored name of the tile or level image that is exactly `box` of the image scaled to
    `out`, if the tiles record `made` has one; else None."""
    if not made:
        return None
    size, width, height = made["size"], made["width"], made["height"]
    x, y, w, h = box
    for factor in scale_factors(width, height, size):
        if out != level_size(w, h, factor):
            continue
        span = size * factor
        whole = (min(span, width - x), min(span, height - y))  # the tile at x, y, if aligned
        if x % span == 0 and y % span == 0 and (w, h) == whole:
            return name(base, size, factor, f"{x // span},{y // span}")
        if box == (0, 0, width, height) and factor in made.get("levels", []):
            return name(base, size, factor, "full")
    return None


def make(
    image: Image.Image, base: str, save: Callable[[str, bytes], None]
) -> tuple[dict, list[Image.Image]]:
    """Store every tile and level image of `image` (upright, RGB or L, at its shown size) through
    `save(name, data)`, coarsest factor first, so that `last_name` comes last.

    Returns the record and the level images (factor 1, 2, 4, …), for the caller to derive other
    sizes from the nearest one instead of from the full image.
    """
    made = record(image.width, image.height)
    size = made["size"]
    factors = scale_factors(image.width, image.height, size)
    levels = [image]
    for factor in factors[1:]:
        shrunk = level_size(image.width, image.height, factor)
        levels.append(levels[-1].resize(shrunk, Image.Resampling.LANCZOS))
    for factor, level in reversed(list(zip(factors, levels, strict=True))):
        if factor in made["levels"]:
            save(name(base, size, factor, "full"), _jpeg(level))
        for part, (x, y, w, h) in tiles(image.width, image.height, size, factor):
            left, top = x // factor, y // factor  # whole numbers: x and y are multiples of f
            out_w, out_h = level_size(w, h, factor)
            tile = level.crop((left, top, left + out_w, top + out_h))
            save(name(base, size, factor, part), _jpeg(tile))
    return made, levels


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()
