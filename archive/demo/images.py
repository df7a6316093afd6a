"""Placeholder images for the demo photographs, drawn with Pillow.

The demo ships no historical photographs. Each record gets a muted card that says plainly that it
is a placeholder, with the caption, the date and one silhouette per depicted person, so that
thumbnails, IIIF and galleries have real pixels to work with. Drawing is deterministic: the same
record always gets the same picture.
"""

import functools
import hashlib
import io

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 900)
HEADLINE = "PLACEHOLDER — no real photograph"
FOOTER = "Vitrine demo archive · placeholder image, CC BY 4.0"

# Muted, photograph-like tones (background, ink); chosen per record from its key.
PALETTE = [
    ("#8a7a66", "#f3ece0"),  # sepia
    ("#6b7a80", "#eef2f3"),  # slate
    ("#7a8570", "#f0f2ea"),  # sage
    ("#8c7272", "#f5ecec"),  # dusty rose
    ("#9a8a5e", "#f6f1e2"),  # ochre
    ("#5f6670", "#eceef1"),  # graphite
]


@functools.lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's bundled font (10.1+) needs no system fonts.
    return ImageFont.load_default(size=size)


# The bundled font covers Latin-1 only; typographic punctuation falls back to ASCII.
_ASCII_PUNCTUATION = str.maketrans({"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'"})


def _tone(key: str) -> tuple[str, str]:
    index = int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(PALETTE)
    return PALETTE[index]


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    """Break text into lines no wider than width pixels."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _centred(draw: ImageDraw.ImageDraw, y: int, text: str, font, fill: str, width: int) -> None:
    draw.text((width // 2, y), text, font=font, fill=fill, anchor="ma")


def _silhouettes(draw: ImageDraw.ImageDraw, count: int, box: tuple[int, int, int, int], ink):
    """Head-and-shoulders outlines, one per depicted person (at most six)."""
    left, top, right, bottom = box
    count = max(1, min(count, 6))
    step = (right - left) // count
    height = bottom - top
    head = min(step, height) // 5
    for index in range(count):
        cx = left + step * index + step // 2
        head_top = top + height // 6
        draw.ellipse((cx - head, head_top, cx + head, head_top + 2 * head), outline=ink, width=4)
        shoulders_top = head_top + 2 * head + 12
        draw.rounded_rectangle(
            (cx - int(head * 2.2), shoulders_top, cx + int(head * 2.2), bottom),
            radius=head,
            outline=ink,
            width=4,
        )


def draw_placeholder(
    *, caption: str, date_text: str, figures: int = 1, key: str = "", size=SIZE
) -> bytes:
    """Return JPEG bytes of a placeholder card for one photograph record."""
    width, height = size
    caption, date_text = (text.translate(_ASCII_PUNCTUATION) for text in (caption, date_text))
    background, ink = _tone(key or caption)
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)

    # A double frame, like a mount around a print.
    draw.rectangle((20, 20, width - 21, height - 21), outline=ink, width=6)
    draw.rectangle((40, 40, width - 41, height - 41), outline=ink, width=2)

    _centred(draw, 70, HEADLINE.translate(_ASCII_PUNCTUATION), _font(54), ink, width)
    _silhouettes(draw, figures, (width // 2 - 420, 170, width // 2 + 420, 500), ink)

    caption_font = _font(32)
    y = 540
    for line in _wrap(draw, caption, caption_font, width - 180)[:5]:
        _centred(draw, y, line, caption_font, ink, width)
        y += 42
    _centred(draw, height - 150, date_text, _font(44), ink, width)
    _centred(draw, height - 85, FOOTER, _font(20), ink, width)

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


PAGE_SIZE = (1000, 1400)
PAGE_HEADLINE = "PLACEHOLDER - no real page image"


def draw_page(
    *, title: str, label: str, number: int, count: int, key: str = "", size=PAGE_SIZE
) -> bytes:
    """Return JPEG bytes of a placeholder page for a document's page images."""
    width, height = size
    background, ink = _tone(key or title)
    image = Image.new("RGB", size, ink)  # light paper, dark print
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, width - 31, height - 31), outline=background, width=3)
    _centred(draw, 80, PAGE_HEADLINE, _font(40), background, width)
    y = 260
    title = title.translate(_ASCII_PUNCTUATION)
    for line in _wrap(draw, title, _font(48), width - 200)[:4]:
        _centred(draw, y, line, _font(48), background, width)
        y += 60
    # Ruled lines standing for text, so deep zoom has detail to show.
    for row in range(y + 80, height - 260, 34):
        draw.line((120, row, width - 120, row), fill=background, width=2)
    _centred(draw, height - 200, label.translate(_ASCII_PUNCTUATION), _font(44), background, width)
    _centred(draw, height - 130, f"{number} / {count}", _font(28), background, width)
    _centred(draw, height - 85, FOOTER, _font(20), background, width)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
