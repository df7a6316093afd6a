"""Template helpers of the public site: the site name, archival dates, responsive images and
citations. Presentation only: what a visitor may see is decided before a template runs."""

from django import template
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from archive import dates
from archive.images import THUMBNAIL_SIZE

register = template.Library()


@register.simple_tag
def site_name() -> str:
    """Return the site's name (VITRINE_SITE_NAME), read at render time."""
    return getattr(settings, "VITRINE_SITE_NAME", "Vitrine")


@register.simple_tag
def optional_url(*names: str) -> str:
    """Return the URL of the first of `names` that resolves, or "" (for pages still to come)."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


@register.filter
def edtf(value: str) -> str:
    """Display EDTF text ("1938-03-15" -> "15 March 1938"); text that does not parse as is."""
    try:
        return dates.parse(value or "").display
    except ValidationError:
        return value


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


@register.inclusion_tag("archive/_image.html")
def photo_img(photo, sizes: str = "100vw", css_class: str = "", large: bool = False, alt=None):
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


@register.inclusion_tag("archive/_cite.html", takes_context=True)
def cite_box(context, obj, section=None):
    """The "Cite this page" box of a record, an exhibit or an exhibit's section: the page in
    Chicago styles (public.cite) and its citation downloads."""
    from public.cite.box import box_context

    return box_context(context.get("request"), obj, section)


@register.inclusion_tag("archive/_citation_meta.html", takes_context=True)
def citation_meta(context, obj, section=None):
    """The page's citation meta tags (Highwire Press, for Zotero and Google Scholar)."""
    from public.cite.box import meta_context

    return meta_context(context.get("request"), obj, section)


@register.simple_tag
def admin_change_url(obj) -> str:
    """Return the admin page editing obj, or "" while its admin is not registered."""
    meta = obj._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


@register.simple_tag
def text_with_marks(item) -> str:
    """A text block's HTML with its footnote marks inside the last paragraph, where they read."""
    html = str(item.html)
    if not item.footnotes:
        return mark_safe(html)  # noqa: S308 (sanitised by exhibits.rendering)
    marks = render_to_string("exhibits/blocks/_marks.html", {"item": item}).strip()
    if html.rstrip().endswith("</p>"):
        cut = html.rstrip()
        return mark_safe(f"{cut[:-4]}{marks}</p>")  # noqa: S308
    return mark_safe(f'{html}<p class="block-marks">{marks}</p>')  # noqa: S308
