"""IIIF Image API 3.0 image requests: the syntax of their parameters, and the pixels they ask for.

An image request is `{region}/{size}/{rotation}/{quality}.{format}`
(https://iiif.io/api/image/3.0/#4-image-requests). `parse()` checks the four path segments and
returns an `ImageRequest`; `Region.box()` turns the region into pixels of an image of a given
size, and `Size.scaled()` gives the output size of that box within the server's `Limits`.
Everything refused is an `ImageRequestError` (400 Bad Request, as the specification asks) whose
reason names the parameter first.

Numbers follow section 4 and 4.7 (https://iiif.io/api/image/3.0/#47-floating-point-values):
pixels are non-negative integers; percentages and the rotation are decimal digits with at most one
"." — no sign, exponent, `nan` or `inf`. Percentages are converted exactly and rounded half up,
so the arithmetic never depends on binary floating point, except `max`'s square root of the area.
"""

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings

# https://iiif.io/api/image/3.0/#44-quality
QUALITIES = ("default", "color", "gray", "bitonal")

_WHOLE = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_WIDTH_HEIGHT = re.compile(r"([0-9]*),([0-9]*)")
# No image needs a number this long; refusing it keeps every later step cheap and printable.
_MAX_DIGITS = 32
_HALF = Fraction(1, 2)


class ImageRequestError(Exception):
    """A request the server will not answer; `status` is the HTTP status, `reason` says why."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Limits:
    """The largest output one request may ask for (`maxWidth`, `maxHeight`, `maxArea`).

    https://iiif.io/api/image/3.0/#52-technical-properties
    """

    max_width: int
    max_height: int
    max_area: int
    # Set when these are one image's limits, lowered to IIIF_MAX_UPSCALE times its size.
    upscale: int | None = None

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(settings.IIIF_MAX_WIDTH, settings.IIIF_MAX_HEIGHT, settings.IIIF_MAX_AREA)

    @classmethod
    def for_image(cls, width: int, height: int) -> "Limits":
        """One image's limits (its info.json's maxWidth, maxHeight, maxArea): the server's, and
        never more than IIIF_MAX_UPSCALE times the image's own width and height, so that `^` can
        ask for at most IIIF_MAX_UPSCALE² times its pixels (`^max` scales up to these)."""
        server = cls.from_settings()
        factor = settings.IIIF_MAX_UPSCALE
        max_width = min(server.max_width, width * factor)
        max_height = min(server.max_height, height * factor)
        max_area = min(server.max_area, max_width * max_height)
        if (max_width, max_height) == (server.max_width, server.max_height):
            return server  # (then max_area is the server's too)
        return cls(max_width, max_height, max_area, upscale=factor)

    def _whose(self) -> tuple[str, str]:
        if self.upscale is None:
            return "this server's", ""
        times = "its own size" if self.upscale == 1 else f"{self.upscale} times its own size"
        return "this image's", f" (an image is enlarged to {times} at most)"

    def check(self, width: int, height: int) -> None:
        """Refuse an output larger than the limits (https://iiif.io/api/image/3.0/#42-size:
        "the pixel dimensions of the scaled region MUST NOT be ... greater than the
        server-imposed limits")."""
        whose, why = self._whose()
        if width > self.max_width or height > self.max_height:
            raise ImageRequestError(
                f"size: {width} × {height} pixels is larger than {whose} limit of "
                f"{self.max_width} × {self.max_height}{why}."
            )
        if width * height > self.max_area:
            raise ImageRequestError(
                f"size: {width} × {height} pixels is more than {whose} limit of "
                f"{self.max_area:,} pixels{why}."
            )

    def allow(self, width: int, height: int) -> bool:
        return (
            width <= self.max_width
            and height <= self.max_height
            and width * height <= self.max_area
        )


def _half_up(value: Fraction | int) -> int:
    return math.floor(value + _HALF)


def _number(text: str, pattern: re.Pattern, parameter: str, expected: str) -> str:
    """`text` if it is a number of the pattern's form and of a sensible length; else an
    ImageRequestError saying what `parameter` takes (`expected`)."""
    if not pattern.fullmatch(text):
        raise ImageRequestError(f"{parameter}: {expected}, not {text!r}.")
    if len(text) > _MAX_DIGITS:
        raise ImageRequestError(f"{parameter}: {text!r} has more digits than any image needs.")
    return text


# --- Region: https://iiif.io/api/image/3.0/#41-region ---------------------------------------


@dataclass(frozen=True)
class Region:
    """`full`, `square`, `x,y,w,h` (pixels) or `pct:x,y,w,h` (percentages of the full image)."""

    text: str
    kind: str  # "full", "square", "pixels" or "percent"
    values: tuple[int, int, int, int] | tuple[Fraction, Fraction, Fraction, Fraction] = (0,) * 4

    @classmethod
    def parse(cls, text: str) -> "Region":
        if text in ("full", "square"):
            return cls(text, text)
        percent = text.startswith("pct:")
        parts = (text[4:] if percent else text).split(",")
        if len(parts) != 4:
            raise ImageRequestError(
                f"region: expected full, square, x,y,w,h or pct:x,y,w,h, not {text!r}."
            )
        if percent:
            expected = "pct:x,y,w,h take finite decimal numbers from 0 to 100"
            values = tuple(Fraction(_number(p, _DECIMAL, "region", expected)) for p in parts)
            if any(value > 100 for value in values):
                raise ImageRequestError(f"region: percentages go up to 100, not {text!r}.")
        else:
            expected = "x,y,w,h take whole numbers of pixels (0 or more)"
            values = tuple(int(_number(p, _WHOLE, "region", expected)) for p in parts)
        # "If the requested region's height or width is zero ... 400 (Bad Request)".
        if values[2] == 0 or values[3] == 0:
            raise ImageRequestError(f"region: {text} has zero size (a width or height of 0).")
        return cls(text, "percent" if percent else "pixels", values)

    def box(self, width: int, height: int) -> tuple[int, int, int, int]:
        """The region as x, y, w, h pixels of a `width` × `height` image, cropped at its edges
        ("the service SHOULD return an image cropped at the image's edge")."""
        if self.kind == "full":
            return 0, 0, width, height
        if self.kind == "square":
            # The shorter side's square, centred in the longer dimension.
            if width <= height:
                return 0, round((height - width) / 2), width, width
            return round((width - height) / 2), 0, height, height
        if self.kind == "pixels":
            x, y, w, h = self.values
            # "... or if the region is entirely outside the bounds ... 400 (Bad Request)".
            if x >= width or y >= height:
                raise ImageRequestError(
                    f"region: {self.text} lies outside the image ({width} × {height} pixels)."
                )
        else:
            # Percentages of the full image's reported width and height, rounded half up.
            px, py, pw, ph = self.values
            x, y = _half_up(px * width / 100), _half_up(py * height / 100)
            w, h = _half_up(pw * width / 100), _half_up(ph * height / 100)
        w, h = min(w, width - x), min(h, height - y)
        if w <= 0 or h <= 0:
            raise ImageRequestError(
                f"region: {self.text} has zero size in this image ({width} × {height} pixels)."
            )
        return x, y, w, h


# --- Size: https://iiif.io/api/image/3.0/#42-size -------------------------------------------


@dataclass(frozen=True)
class Size:
    """`max`, `w,`, `,h`, `pct:n`, `w,h` or `!w,h`, each of which may start with `^`."""

    text: str
    kind: str  # "max", "percent", "width", "height", "exact" or "confined" (!w,h)
    upscale: bool = False  # the ^ prefix
    width: int | None = None
    height: int | None = None
    percent: Fraction | None = None

    @classmethod
    def parse(cls, text: str) -> "Size":
        upscale = text.startswith("^")
        body = text[1:] if upscale else text
        if body == "max":
            return cls(text, "max", upscale)
        if body == "full":
            raise ImageRequestError("size: full is not a size in version 3.0; max replaces it.")
        if body.startswith("pct:"):
            expected = "pct:n takes a finite decimal number"
            percent = Fraction(_number(body[4:], _DECIMAL, "size", expected))
            return cls(text, "percent", upscale, percent=percent)
        confined = body.startswith("!")
        match = _WIDTH_HEIGHT.fullmatch(body[1:] if confined else body)
        if match is None or match.group(1) == match.group(2) == "":
            raise ImageRequestError(
                "size: expected max, w,, ,h, pct:n, w,h or !w,h, each of which may start "
                f"with ^, not {text!r}."
            )
        expected = "w and h take whole numbers of pixels"
        width, height = (
            int(_number(part, _WHOLE, "size", expected)) if part else None
            for part in match.groups()
        )
        if confined and (width is None or height is None):
            raise ImageRequestError(f"size: !w,h needs both w and h, not {text!r}.")
        if width == 0 or height == 0:
            raise ImageRequestError(f"size: {text} asks for an image of zero size.")
        if confined:
            kind = "confined"
        elif width is None:
            kind = "height"
        elif height is None:
            kind = "width"
        else:
            kind = "exact"
        return cls(text, kind, upscale, width, height)

    def scaled(self, width: int, height: int, limits: Limits) -> tuple[int, int]:
        """The output size for a `width` × `height` region, or ImageRequestError: zero size,
        scaling up without ^, or beyond the limits."""
        if self.kind == "max":
            scale = _max_scale(width, height, limits, self.upscale)
            out = _fit(width, height, scale, limits)
        elif self.kind == "percent":
            out = (_half_up(width * self.percent / 100), _half_up(height * self.percent / 100))
        elif self.kind == "confined":
            # !w,h: the largest size with the region's aspect ratio inside w × h.
            scale = min(Fraction(self.width, width), Fraction(self.height, height))
            out = (_half_up(width * scale), _half_up(height * scale))
        elif self.kind == "width":
            out = (self.width, _half_up(Fraction(height * self.width, width)))
        elif self.kind == "height":
            out = (_half_up(Fraction(width * self.height, height)), self.height)
        else:
            out = (self.width, self.height)
        out_w, out_h = out
        # "the pixel dimensions of the scaled region MUST NOT be less than 1 pixel".
        if out_w == 0 or out_h == 0:
            raise ImageRequestError(
                f"size: {self.text} gives an image of zero size ({out_w} × {out_h} pixels)."
            )
        # "Requests for sizes not prefixed with ^ that result in a scaled region with pixel
        # dimensions greater than the pixel dimensions of the extracted region are errors".
        if not self.upscale and (out_w > width or out_h > height):
            raise ImageRequestError(
                f"size: {self.text} means scaling up the {width} × {height} region to "
                f"{out_w} × {out_h} pixels, which needs ^ (e.g. ^{self.text})."
            )
        limits.check(out_w, out_h)
        return out_w, out_h


def _max_scale(width: int, height: int, limits: Limits, upscale: bool) -> float | Fraction:
    """`max`: the region's size, made smaller by the area limit, then by the width limit, then by
    the height limit. `^max`: as large as all three limits allow, above the region's size too."""
    if upscale:
        return min(
            Fraction(limits.max_width, width),
            Fraction(limits.max_height, height),
            math.sqrt(limits.max_area / (width * height)),
        )
    scale: float | Fraction = 1
    if limits.max_area < width * height:
        scale = math.sqrt(limits.max_area / (width * height))
    if limits.max_width < _half_up(width * scale):
        scale = Fraction(limits.max_width, width)
    if limits.max_height < _half_up(height * scale):
        scale = Fraction(limits.max_height, height)
    return scale


def _fit(width: int, height: int, scale: float | Fraction, limits: Limits) -> tuple[int, int]:
    """`width` × `height` times `scale`, rounded half up; rounded down instead where rounding up
    would step over a limit (`max` must always be an answer, never an error)."""
    out = max(1, _half_up(width * scale)), max(1, _half_up(height * scale))
    if limits.allow(*out):
        return out
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


# --- Rotation, quality, format ---------------------------------------------------------------


def _rotation(text: str) -> tuple[bool, float]:
    """https://iiif.io/api/image/3.0/#43-rotation: `n` or `!n` (mirrored first), 0 ≤ n ≤ 360;
    360 is the same turn as 0."""
    mirror = text.startswith("!")
    body = text[1:] if mirror else text
    reason = f"rotation: expected n or !n, n a finite decimal number from 0 to 360, not {text!r}."
    if not _DECIMAL.fullmatch(body) or len(body) > _MAX_DIGITS:
        raise ImageRequestError(reason)
    degrees = float(body)
    if degrees > 360:
        raise ImageRequestError(reason)
    return mirror, 0.0 if degrees == 360 else degrees


@dataclass(frozen=True)
class ImageRequest:
    region: Region
    size: Size
    mirror: bool
    rotation: float  # degrees clockwise, 0 ≤ rotation < 360
    quality: str
    format: str


def parse(
    region: str, size: str, rotation: str, quality_format: str, formats: tuple[str, ...]
) -> ImageRequest:
    """Check the syntax of an image request's last four path segments; `formats` are the
    extensions this server offers (https://iiif.io/api/image/3.0/#45-format)."""
    quality, dot, fmt = quality_format.rpartition(".")
    if not dot or not quality or not fmt:
        raise ImageRequestError("The request names no format (e.g. default.jpg).")
    parsed_region = Region.parse(region)
    parsed_size = Size.parse(size)
    mirror, degrees = _rotation(rotation)
    if quality not in QUALITIES:
        raise ImageRequestError(
            f"quality: expected {', '.join(QUALITIES[:-1])} or {QUALITIES[-1]}, not {quality!r}."
        )
    if fmt not in formats:
        raise ImageRequestError(
            f"format: {fmt!r} is not offered; use {', '.join(formats[:-1])} or {formats[-1]}."
        )
    return ImageRequest(parsed_region, parsed_size, mirror, degrees, quality, fmt)
