"""IIIF Image API 3.0, compliance level 2, over images read through Django's storage API.

`public/iiif/request.py` parses the region, size, rotation, quality and format and does the size
arithmetic of the specification (no upscaling without `^`, `max` within the limits, a region
outside the image or of zero size refused). This module adds each image's limits from the
settings (IIIF_MAX_WIDTH/HEIGHT/AREA, and IIIF_MAX_UPSCALE times the image's own size) and draws
with Pillow from an open stored file — decoded once, and for JPEG at 1/2, 1/4 or 1/8 scale when
the output is that much smaller (`Image.draft`), then cropped and scaled in one step with
`resize(box=…, reducing_gap=…)`. A photograph's deep-zoom tiles and reduced sizes were made at
ingest (archive.tiles): `stored_name` finds them, so they are read, not drawn. The view keeps
results in the `iiif` cache.
"""

import io
import math
from dataclasses import dataclass

from django.conf import settings
from PIL import ExifTags, Image, ImageOps

from archive import derivatives, tiles
from public.iiif import request as image_request
from public.iiif.request import ImageRequest, Limits
from public.iiif.sources import ImageSource

CONTEXT = "http://iiif.io/api/image/3/context.json"
PROTOCOL = "http://iiif.io/api/image"
PROFILE = "level2"
PROFILE_URI = "http://iiif.io/api/image/3/level2.json"
# Output formats: level 2 requires jpg and png; webp is an extra.
FORMATS = {
    "jpg": ("JPEG", "image/jpeg"),
    "png": ("PNG", "image/png"),
    "webp": ("WEBP", "image/webp"),
}
EXTRA_FORMATS = ["webp"]
EXTRA_QUALITIES = ["color", "gray", "bitonal"]
# Beyond level 2: mirroring, any angle, upscaling with ^, the profile in a Link header.
EXTRA_FEATURES = ["mirroring", "rotationArbitrary", "sizeUpscaling", "profileLinkHeader"]
JPEG_QUALITY = tiles.JPEG_QUALITY
WEBP_QUALITY = 80
# JPEG can be decoded at these fractions of its size (Image.draft).
JPEG_REDUCTIONS = (8, 4, 2)


@dataclass(frozen=True)
class Plan:
    """What to draw: a box of the (oriented) image, its output size, then rotation and quality."""

    box: tuple[int, int, int, int]  # x, y, w, h in the full image
    size: tuple[int, int]
    mirror: bool
    rotation: float
    quality: str
    format: str
    canonical: str  # region/size/rotation/quality.format, for the cache key


def limits(source: ImageSource) -> Limits:
    """The limits of one image (its info.json's maxWidth, maxHeight and maxArea)."""
    return Limits.for_image(source.width, source.height)


def parse(region: str, size: str, rotation: str, quality_format: str) -> ImageRequest:
    """Check the syntax of an image request's four path segments (ImageRequestError if bad)."""
    return image_request.parse(region, size, rotation, quality_format, tuple(FORMATS))


def plan(source: ImageSource, request: ImageRequest, limits: Limits) -> Plan:
    """Work out the pixels to draw, or raise ImageRequestError with the reason."""
    x, y, w, h = request.region.box(source.width, source.height)
    out_w, out_h = request.size.scaled(w, h, limits)
    rotation_text = f"{'!' if request.mirror else ''}{request.rotation:g}"
    quality_format = f"{request.quality}.{request.format}"
    canonical = f"{x},{y},{w},{h}/{out_w},{out_h}/{rotation_text}/{quality_format}"
    return Plan(
        (x, y, w, h),
        (out_w, out_h),
        request.mirror,
        request.rotation,
        request.quality,
        request.format,
        canonical,
    )


def stored_name(source: ImageSource, drawing: Plan) -> str | None:
    """The storage name of the deep-zoom tile or reduced size made at ingest that is exactly this
    drawing (a photograph's, unrotated, unmirrored, default or color quality, JPEG), or None."""
    if source.page is not None or drawing.rotation or drawing.mirror or drawing.format != "jpg":
        return None
    if drawing.quality not in ("default", "color"):
        return None
    record = getattr(source.record, "derivatives", None)
    return derivatives.find_tile(record, drawing.box, drawing.size)


def render(source: ImageSource, drawing: Plan) -> bytes:
    """Draw the planned image from the stored file and return it encoded."""
    storage = source.file.storage
    with storage.open(source.file.name, "rb") as handle, Image.open(handle) as opened:
        image = _region_and_size(opened, source, drawing)
    if drawing.mirror:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    if drawing.rotation:
        if drawing.rotation % 90 and drawing.format != "jpg" and image.mode != "RGBA":
            image = image.convert("RGBA")  # corners outside the picture are transparent
        image = image.rotate(-drawing.rotation, expand=True, resample=Image.Resampling.BICUBIC)
    if drawing.quality == "gray":
        image = image.convert("LA" if image.mode == "RGBA" else "L")
    elif drawing.quality == "bitonal":
        image = image.convert("1")
    return _encode(image, drawing.format)


def _region_and_size(image: Image.Image, source: ImageSource, drawing: Plan) -> Image.Image:
    """Crop the box and scale it to the output size, decoding no more pixels than needed."""
    x, y, w, h = drawing.box
    out_w, out_h = drawing.size
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    factor = min(w / out_w, h / out_h)
    if image.format == "JPEG" and factor >= 2:
        reduction = next(r for r in JPEG_REDUCTIONS if r <= factor)
        raw_w, raw_h = image.size
        image.draft(image.mode, (math.ceil(raw_w / reduction), math.ceil(raw_h / reduction)))
    if orientation != 1:
        image = ImageOps.exif_transpose(image)
    image = _drawable(image)
    scale_x, scale_y = image.width / source.width, image.height / source.height
    box = (x * scale_x, y * scale_y, (x + w) * scale_x, (y + h) * scale_y)
    if (out_w, out_h) == (round(box[2] - box[0]), round(box[3] - box[1])):
        return image.crop(tuple(round(v) for v in box))
    return image.resize((out_w, out_h), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def _drawable(image: Image.Image) -> Image.Image:
    """The image in a mode Pillow can scale and the output formats can hold."""
    if image.mode in ("RGB", "L", "RGBA"):
        return image
    if image.mode.startswith("I;16") or image.mode == "I":
        return image.point(lambda value: value * (1 / 256)).convert("L")
    has_alpha = image.mode in ("LA", "PA", "RGBa", "La") or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def _encode(image: Image.Image, fmt: str) -> bytes:
    pillow_format, _ = FORMATS[fmt]
    buffer = io.BytesIO()
    if fmt == "jpg":
        if image.mode in ("RGBA", "LA"):
            background = Image.new("RGB", image.size, "white")
            background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
            image = background
        elif image.mode == "1":
            image = image.convert("L")
        image.save(buffer, pillow_format, quality=JPEG_QUALITY)
    elif fmt == "webp":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if image.mode == "LA" else "RGB")
        image.save(buffer, pillow_format, quality=WEBP_QUALITY)
    else:
        image.save(buffer, pillow_format, compress_level=3)
    return buffer.getvalue()


def content_type(fmt: str) -> str:
    return FORMATS[fmt][1]


def info(source: ImageSource, service_id: str, limits: Limits, rights: str = "") -> dict:
    """The image information document (info.json) for one image."""
    tile = settings.IIIF_TILE_SIZE
    factors = tiles.scale_factors(source.width, source.height, tile)
    sizes = [
        {"width": w, "height": h}
        for _factor, w, h in tiles.sizes(
            source.width, source.height, tile, limits.max_width, limits.max_height, limits.max_area
        )
    ]
    document = {
        "@context": CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": PROTOCOL,
        "profile": PROFILE,
        "width": source.width,
        "height": source.height,
        "maxWidth": limits.max_width,
        "maxHeight": limits.max_height,
        "maxArea": limits.max_area,
        "sizes": sizes,
        "tiles": [{"width": tile, "height": tile, "scaleFactors": factors}],
        "extraFormats": EXTRA_FORMATS,
        "extraQualities": EXTRA_QUALITIES,
        "extraFeatures": EXTRA_FEATURES,
    }
    if rights:
        document["rights"] = rights
    return document
