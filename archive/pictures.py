"""What a <picture> of a photograph needs: WebP and JPEG srcsets of its display derivatives and
its displayed pixel size, all known from the stored record without opening a file. The public
template tag `photo_img`, the search results and the curator admin's preview all use it."""

from django.urls import reverse

from archive.images import THUMBNAIL_SIZE


def thumbnail_size(width: int | None, height: int | None) -> tuple[int, int] | None:
    """Return the pixel size of the thumbnail derivative of a width × height original.

    Derived from the stored original size (as archive.images makes thumbnails: fit within
    THUMBNAIL_SIZE, never enlarged) so that no image file is opened to render a page.
    """
    if not width or not height:
        return None
    box_w, box_h = THUMBNAIL_SIZE
    scale = min(box_w / width, box_h / height, 1)
    return max(1, round(width * scale)), max(1, round(height * scale))


def picture_context(
    photo, sizes: str = "100vw", css_class: str = "", large: bool = False, alt=None
):
    """A <picture> of a photograph: WebP and JPEG srcsets of its display derivatives, the
    displayed pixel size as width/height (no layout shift), all known without opening a file.

    `large` makes a large derivative the default `src` (detail pages); lists default to the
    smallest. `alt` overrides the photograph's alt text ("" for a decorative repeat).
    Photographs ingested before derivatives existed get their thumbnail and original.
    """
    if photo is None or not photo.thumbnail:
        return {"photo": None}
    context = {
        "photo": photo,
        "sizes": sizes,
        "css_class": css_class,
        "alt": photo.alt_text if alt is None else alt,
        "lazy": not large,
    }
    record = photo.derivatives or {}
    if record.get("sizes"):
        return {**context, **derivative_sources(photo.slug, record, large=large)}
    return {**context, **_thumbnail_sources(photo, large=large)}


LARGE_DEFAULT_WIDTH = 1600


def derivative_sources(slug: str, record: dict, *, large: bool = False) -> dict:
    """src, srcset (JPEG), webp_srcset, width and height of a derivatives record."""

    def url(nominal: int, fmt: str) -> str:
        variant = f"w{nominal}.{fmt}"
        return reverse("archive:photograph-file", kwargs={"slug": slug, "variant": variant})

    sizes = record["sizes"]
    default = sizes[0][0]
    if large:
        default = max(n for n, _w, _h in sizes if n <= LARGE_DEFAULT_WIDTH)
    srcsets = {
        fmt: ", ".join(f"{url(nominal, fmt)} {width}w" for nominal, width, _h in sizes)
        for fmt in record.get("formats", [])
    }
    _nominal, width, height = sizes[-1]
    return {
        "src": url(default, "jpg"),
        "srcset": srcsets.get("jpg", ""),
        "webp_srcset": srcsets.get("webp", ""),
        "width": width,
        "height": height,
    }


def _thumbnail_sources(photo, *, large: bool) -> dict:
    slug = photo.slug
    thumb_url = reverse("archive:photograph-file", kwargs={"slug": slug, "variant": "thumbnail"})
    original_url = reverse("archive:photograph-file", kwargs={"slug": slug, "variant": "original"})
    thumb = thumbnail_size(photo.width, photo.height)
    srcset = ""
    if thumb and photo.width > thumb[0]:
        srcset = f"{thumb_url} {thumb[0]}w, {original_url} {photo.width}w"
    return {
        "src": original_url if large and photo.image else thumb_url,
        "srcset": srcset,
        "width": photo.width or (thumb and thumb[0]),
        "height": photo.height or (thumb and thumb[1]),
    }
