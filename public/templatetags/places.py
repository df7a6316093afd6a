"""`place_link`: a place a record names, linked to the place's page (public.places)."""

from django import template
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape, format_html

from archive.models import Place

register = template.Library()


@register.filter
def place_link(place: Place | None) -> str:
    """The place's name linked to its page; the bare name (escaped) for a place whose slug its
    page's address cannot hold; "" for no place. Every place has a public page: places have no
    status (their records do)."""
    if place is None:
        return ""
    try:
        url = place.get_absolute_url()
    except NoReverseMatch:
        return conditional_escape(place.name)
    return format_html('<a href="{}">{}</a>', url, place.name)
