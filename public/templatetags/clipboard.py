"""The clipboard's template tags: an item's "Add to clipboard" button and the header's link with
the clipboard's count (public.clipboard). Templates reach them through one include each:
clipboard/_control.html beside an item, clipboard/_header.html in the site header."""

from collections.abc import Mapping

from django import template
from django.db.models import Model
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from archive import visibility
from public.clipboard import items
from public.clipboard.views import button_state

register = template.Library()


def _served(request: HttpRequest | None) -> bool:
    """Whether this request has a session and the site serves the clipboard (a URLconf without
    it, as some tests use, shows no buttons)."""
    if request is None or not hasattr(request, "session"):
        return False
    try:
        reverse("clipboard:page")
    except NoReverseMatch:
        return False
    return True


def _keys(request: HttpRequest) -> set[items.Key]:
    """The keys on the visitor's clipboard, read once a request (a search page has twenty
    buttons)."""
    keys = getattr(request, "_vitrine_clipboard_keys", None)
    if keys is None:
        keys = set(items.session_keys(request.session))
        request._vitrine_clipboard_keys = keys
    return keys


@register.inclusion_tag("clipboard/_button.html", takes_context=True)
def clipboard_button(context, item: Model | Mapping) -> dict:
    """The button of a public record or exhibit, or of a search hit (search.presentation's
    hit_data: kind, id, title; the index holds public records only). Nothing for anything else:
    a draft that staff preview cannot be collected."""
    request = context.get("request")
    if not _served(request):
        return {"show": False}
    if isinstance(item, Mapping):
        try:
            key = items.Key.parse(item.get("kind"), str(item.get("id")))
        except items.BadItem:
            return {"show": False}
        title = item.get("title", "")
    elif isinstance(item, Model) and visibility.is_public(item):
        key, title = items.key_of(item), item.title
    else:
        return {"show": False}
    return {
        "show": True,
        "key": key,
        "title": title,
        **button_state(key in _keys(request)),
    }


@register.inclusion_tag("clipboard/_header_link.html", takes_context=True)
def clipboard_header(context) -> dict:
    """The header's link to the clipboard with its count, and the message a button left."""
    request = context.get("request")
    if not _served(request):
        return {"show": False}
    return {
        "show": True,
        "count": len(_keys(request)),
        "message": items.pop_message(request.session),
    }
