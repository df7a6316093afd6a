"""Template helpers of the public site: the site name, archival dates, responsive images and
citations. Presentation only: what a visitor may see is decided before a template runs."""

from django import template
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from archive import dates
from archive.pictures import picture_context
from archive.site import site_name
from public.cite.box import box_context, meta_context
from public.cite.notes import chicago_notes

register = template.Library()


register.simple_tag(site_name)


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


# A <picture> of a photograph (archive/_image.html), as archive.pictures describes it.
photo_img = register.inclusion_tag("archive/_image.html", name="photo_img")(picture_context)


@register.inclusion_tag("archive/_cite.html", takes_context=True)
def cite_box(context, obj, section=None):
    """The "Cite this page" box of a record, an exhibit or an exhibit's section: the page in
    Chicago styles (public.cite) and its citation downloads."""
    return box_context(context.get("request"), obj, section)


@register.inclusion_tag("archive/_citation_meta.html", takes_context=True)
def citation_meta(context, obj, section=None):
    """The page's citation meta tags (Highwire Press, for Zotero and Google Scholar)."""
    return meta_context(context.get("request"), obj, section)


# A page's numbered notes (a record's sources, a section's footnotes) as (entry, Chicago note)
# pairs, later notes to a source shortened (public.cite.notes); archive/_citation.html prints them.
register.filter("chicago_notes", chicago_notes)


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
