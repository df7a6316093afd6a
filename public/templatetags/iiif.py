"""Template tags for IIIF addresses of photographs and document page images."""

from django import template
from django.urls import reverse

from archive.models import DocumentPage, Photograph
from public.iiif.sources import page_identifier, photograph_identifier

register = template.Library()


def _identifier(obj: Photograph | DocumentPage) -> str:
    if isinstance(obj, DocumentPage):
        return page_identifier(obj)
    return photograph_identifier(obj)


@register.simple_tag
def iiif_info_url(obj: Photograph | DocumentPage) -> str:
    """The image information (info.json) address a deep-zoom viewer opens."""
    return reverse("iiif:image-info", kwargs={"identifier": _identifier(obj)})


@register.simple_tag
def iiif_image_url(obj: Photograph | DocumentPage, request: str) -> str:
    """An image request, e.g. `full/!400,400/0/default.jpg`."""
    base = reverse("iiif:image-base", kwargs={"identifier": _identifier(obj)})
    return f"{base}/{request}"
