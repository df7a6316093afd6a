"""The clipboard's pages and the endpoints of its buttons.

The buttons are forms (POST) that work without JavaScript: the answer redirects back to the page
the visitor was on, with a message. The add and remove buttons carry no CSRF token, so that the
pages they sit on are the same for every anonymous visitor and can be cached whole
(public.page_cache); `from_this_site` guards them instead (see there). The clipboard page's own
forms keep Django's CSRF token. static/js/clipboard.js sends the same forms with
`Accept: application/json` and gets the new state as JSON instead, to change the button and the
header's count in place.

What the public may see comes from archive.visibility (through public.clipboard.items): only a
public record or exhibit can be added (anything else is refused with 400, as is a malformed
kind or id), and the lists and downloads leave out whatever is not public when they are read.
"""

import functools
import hashlib
import json
import secrets
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from public.clipboard import coins, exports, items
from public.models import SharedClipboard

ADD_LABEL = "Add to clipboard"
REMOVE_LABEL = "Remove from clipboard"
# Random bytes of a shared clipboard's token: 11 characters in the address, 64 bits.
TOKEN_BYTES = 8


def button_state(in_clipboard: bool) -> dict:
    """What an item's button shows and where it posts, for an item on the clipboard or not."""
    if in_clipboard:
        return {"in_clipboard": True, "action": reverse("clipboard:remove"), "label": REMOVE_LABEL}
    return {"in_clipboard": False, "action": reverse("clipboard:add"), "label": ADD_LABEL}


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _back(request: HttpRequest) -> str:
    """The page to go back to: the form's `next`, else the page the form was on (Referer, sent
    for the site's own pages: SECURE_REFERRER_POLICY is same-origin), if it is on this site;
    else the clipboard page. The buttons carry no `next`: a page's address may hold parameters
    the page itself does not repeat."""
    hosts = {request.get_host()}
    for candidate in (request.POST.get("next", ""), request.headers.get("Referer", "")):
        if not url_has_allowed_host_and_scheme(
            candidate, allowed_hosts=hosts, require_https=request.is_secure()
        ):
            continue
        parts = urlsplit(candidate)
        # The path and query alone, checked again (a path such as //elsewhere/ is a host).
        target = urlunsplit(("", "", parts.path, parts.query, ""))
        if target.startswith("/") and url_has_allowed_host_and_scheme(target, hosts):
            return target
    return reverse("clipboard:page")


def _answer(request: HttpRequest, key: items.Key, message: str, status: int = 200) -> HttpResponse:
    """The button's answer: JSON for the script, else a redirect back with the message."""
    if _wants_json(request):
        keys = items.session_keys(request.session)
        data = {"count": len(keys), "message": message, **button_state(key in keys)}
        return JsonResponse(data, status=status)
    items.set_message(request.session, message)
    return redirect(_back(request))


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"message": message}, status=400)
    return render(request, "clipboard/bad_request.html", {"message": message}, status=400)


def from_this_site(view: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Refuse (403) a POST a browser says came from another site, instead of a CSRF token.

    Browsers name where a request comes from: `Sec-Fetch-Site` (every current browser) or else
    `Origin`. Either naming another site is refused. A request with neither (an old browser, a
    script) cannot carry a visitor's session from another site's form anyway: the session cookie
    is SameSite=Lax, so it would act on a new, empty clipboard of its own. The worst a forged
    request could do is add a public record to a clipboard.
    """

    @functools.wraps(view)
    def guarded(request: HttpRequest) -> HttpResponse:
        fetch_site = request.headers.get("Sec-Fetch-Site")
        origin = request.headers.get("Origin")
        if fetch_site is not None:
            allowed = fetch_site in ("same-origin", "none")
        elif origin is not None:
            allowed = origin == f"{request.scheme}://{request.get_host()}" or (
                origin in settings.CSRF_TRUSTED_ORIGINS
            )
        else:
            allowed = True
        if not allowed:
            return HttpResponseForbidden("This form can only be sent from this site's own pages.")
        return view(request)

    return csrf_exempt(guarded)


def _posted_key(request: HttpRequest) -> items.Key:
    return items.Key.parse(request.POST.get("kind"), request.POST.get("id"))


@from_this_site
@require_POST
def add(request: HttpRequest) -> HttpResponse:
    try:
        key = _posted_key(request)
    except items.BadItem as error:
        return _bad_request(request, str(error))
    obj = items.public_object(key)
    if obj is None:
        return _bad_request(
            request, "This cannot be added to the clipboard: there is no public item with this id."
        )
    try:
        added = items.add(request.session, key)
    except items.ClipboardFull:
        message = (
            f"The clipboard is full: it holds at most {items.MAX_ITEMS} items. "
            "Remove some to add more."
        )
        return _answer(request, key, message, status=409)
    if added:
        return _answer(request, key, f"Added “{obj.title}” to the clipboard.")
    return _answer(request, key, f"“{obj.title}” is on the clipboard already.")


@from_this_site
@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    try:
        key = _posted_key(request)
    except items.BadItem as error:
        return _bad_request(request, str(error))
    items.remove(request.session, key)
    obj = items.public_object(key)
    what = f"“{obj.title}”" if obj is not None else "The item"
    return _answer(request, key, f"{what} is off the clipboard.")


@require_POST
def clear(request: HttpRequest) -> HttpResponse:
    items.clear(request.session)
    items.set_message(request.session, "The clipboard is empty now.")
    return redirect("clipboard:page")


def _freeze(keys: list[items.Key]) -> SharedClipboard:
    """The shared clipboard of these keys: the one made before for the same list, or a new one
    with a random token."""
    stored = [key.stored() for key in keys]
    digest = hashlib.sha256(json.dumps(stored, separators=(",", ":")).encode()).hexdigest()
    for _attempt in range(3):
        existing = SharedClipboard.objects.filter(digest=digest).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                return SharedClipboard.objects.create(
                    token=secrets.token_urlsafe(TOKEN_BYTES), items=stored, digest=digest
                )
        except IntegrityError:
            continue  # the same list shared at the same moment, or a token drawn twice
    raise RuntimeError("Could not store the shared clipboard.")


@require_POST
def share(request: HttpRequest) -> HttpResponse:
    """Freeze the public items of the visitor's clipboard into a short public link."""
    entries, _missing = items.load(items.session_keys(request.session))
    if not entries:
        items.set_message(request.session, "There is nothing to share: the clipboard is empty.")
        return redirect("clipboard:page")
    shared = _freeze([entry.key for entry in entries])
    items.set_message(request.session, "Anyone with the address of this page sees this list.")
    return redirect("clipboard:shared", token=shared.token)


def _downloads(name: str, **kwargs) -> list[dict]:
    return [
        {"url": reverse(name, kwargs={**kwargs, "ext": ext}), "label": label, "extension": ext}
        for ext, label in exports.EXTENSIONS.items()
    ]


def _render_list(
    request: HttpRequest, entries: list[items.Entry], missing: int, **context
) -> HttpResponse:
    cited = exports.csl_items(request, entries)
    rows = [
        {"entry": entry, "picture": entry.picture, "coins": coins.context_object(item)}
        for entry, item in zip(entries, cited, strict=True)
    ]
    context.update(rows=rows, missing=missing)
    return render(request, "clipboard/clipboard.html", context)


@never_cache
@require_safe
def page(request: HttpRequest) -> HttpResponse:
    """The visitor's clipboard. Items no longer public are left out, said so once, and taken
    off the clipboard."""
    keys = items.session_keys(request.session)
    entries, missing = items.load(keys)
    if missing:
        items.store(request.session, [entry.key for entry in entries])
    return _render_list(
        request, entries, missing, shared=None, downloads=_downloads("clipboard:export")
    )


@never_cache
@require_safe
def export(request: HttpRequest, ext: str) -> HttpResponse:
    entries, _missing = items.load(items.session_keys(request.session))
    return exports.download(request, entries, ext, "clipboard")


def _shared_entries(token: str) -> tuple[SharedClipboard, list[items.Entry], int]:
    shared = get_object_or_404(SharedClipboard, token=token)
    entries, missing = items.load(items.keys_from(shared.items))
    return shared, entries, missing


@require_safe
def shared_page(request: HttpRequest, token: str) -> HttpResponse:
    """A shared clipboard, read-only: its items that are public now."""
    shared, entries, missing = _shared_entries(token)
    return _render_list(
        request,
        entries,
        missing,
        shared=shared,
        share_url=request.build_absolute_uri(reverse("clipboard:shared", args=[shared.token])),
        downloads=_downloads("clipboard:shared-export", token=token),
    )


@require_safe
def shared_export(request: HttpRequest, token: str, ext: str) -> HttpResponse:
    shared, entries, _missing = _shared_entries(token)
    return exports.download(request, entries, ext, f"clipboard-{shared.token}")
