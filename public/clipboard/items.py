"""What a clipboard holds, and the public records and exhibits behind it.

A clipboard is a list of keys in the order they were added: a kind (a record kind's name from
archive.kinds, or "exhibit") and the row's id. A visitor's clipboard is kept in their session
(at most MAX_ITEMS keys); a shared one in public.models.SharedClipboard. Only keys are kept:
whether an item may be shown is asked of archive.visibility each time the list is read, so an
item unpublished since it was added is left out of every page and download.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Model, QuerySet

from archive import visibility
from archive.kinds import BY_MODEL, KINDS, kind_of
from archive.models import DatedRecord, Document, Person, Photograph
from exhibits.models import Exhibit
from public.cite.views import CITATION_JOINS

SESSION_KEY = "vitrine_clipboard"
MESSAGE_KEY = "vitrine_clipboard_message"
# How many items one clipboard may hold; adding more is refused with a message.
MAX_ITEMS = 500
EXHIBIT = "exhibit"

MODELS: dict[str, type[Model]] = {kind.name: kind.model for kind in KINDS} | {EXHIBIT: Exhibit}
LABELS: dict[str, str] = {kind.name: kind.label for kind in KINDS} | {EXHIBIT: "Exhibit"}
# What the list shows beside an item (its picture), on top of what its citation reads.
PICTURE_JOINS: dict[type[Model], tuple[str, ...]] = {Person: ("portrait",), Exhibit: ("cover",)}
# The public relations (archive.kinds) a citation lists: a document's contributors.
CITATION_PREFETCHES: dict[type[Model], tuple[str, ...]] = {Document: ("public_contributions",)}

# A positive integer that fits every database's integer keys (at most 18 digits).
_ID = re.compile(r"[1-9][0-9]{0,17}")


class BadItem(ValueError):
    """A kind or an id that cannot name anything a clipboard holds."""


class ClipboardFull(Exception):
    """The clipboard holds MAX_ITEMS already."""


@dataclass(frozen=True)
class Key:
    kind: str
    id: int

    @classmethod
    def parse(cls, kind: object, id_text: object) -> "Key":
        """The key named by a form's `kind` and `id`; BadItem for an unknown kind or an id that
        is not a positive whole number."""
        if not isinstance(kind, str) or kind not in MODELS:
            raise BadItem("Unknown kind of item.")
        if not isinstance(id_text, str) or not _ID.fullmatch(id_text):
            raise BadItem("The item's id must be a positive whole number.")
        return cls(kind, int(id_text))

    def stored(self) -> list:
        """The key as stored in a session or a shared clipboard (JSON)."""
        return [self.kind, self.id]


def key_of(obj: Model) -> Key:
    """The key of a record or an exhibit."""
    kind = EXHIBIT if isinstance(obj, Exhibit) else kind_of(obj).name
    return Key(kind, obj.pk)


def keys_from(data: object) -> list[Key]:
    """Keys stored as [[kind, id], …], each once, in order; anything malformed is skipped (a
    session is the visitor's to keep, and a stored list may name a kind no longer served)."""
    keys: dict[Key, None] = {}
    for row in data if isinstance(data, list) else []:
        if (
            isinstance(row, list)
            and len(row) == 2
            and row[0] in MODELS
            and type(row[1]) is int
            and row[1] > 0
        ):
            keys.setdefault(Key(row[0], row[1]), None)
    return list(keys)


# The visitor's clipboard, in their session ------------------------------------------------------


def session_keys(session: SessionBase) -> list[Key]:
    return keys_from(session.get(SESSION_KEY))


def store(session: SessionBase, keys: Iterable[Key]) -> None:
    session[SESSION_KEY] = [key.stored() for key in keys]


def add(session: SessionBase, key: Key) -> bool:
    """Add key at the end; False if it was there already, ClipboardFull if there is no room."""
    keys = session_keys(session)
    if key in keys:
        return False
    if len(keys) >= MAX_ITEMS:
        raise ClipboardFull
    store(session, [*keys, key])
    return True


def remove(session: SessionBase, key: Key) -> bool:
    """Take key off; False if it was not there."""
    keys = session_keys(session)
    if key not in keys:
        return False
    store(session, [other for other in keys if other != key])
    return True


def clear(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


def set_message(session: SessionBase, text: str) -> None:
    """A message for the next page (the buttons without JavaScript redirect back)."""
    session[MESSAGE_KEY] = text


def pop_message(session: SessionBase) -> str:
    """The waiting message, once; "" if there is none (the session is not changed then)."""
    return session.pop(MESSAGE_KEY, "") if MESSAGE_KEY in session else ""


# The public objects behind the keys --------------------------------------------------------------


@dataclass
class Entry:
    """One item of a clipboard as a page or a download shows it: a public record or exhibit."""

    key: Key
    obj: Model

    @property
    def label(self) -> str:
        return LABELS[self.key.kind]

    @property
    def date(self) -> str:
        if isinstance(self.obj, Person):
            return self.obj.life_dates
        if isinstance(self.obj, DatedRecord):
            return self.obj.date_text
        return ""

    @property
    def picture(self) -> Photograph | None:
        """The photograph shown beside the item: a photograph itself, a person's portrait, an
        exhibit's cover — only if public, and none for an item behind a content notice."""
        if self.obj.content_notice:
            return None
        photo = {Person: "portrait", Exhibit: "cover"}.get(type(self.obj))
        picture = getattr(self.obj, photo) if photo else self.obj
        if not isinstance(picture, Photograph) or not picture.thumbnail:
            return None
        return picture if visibility.is_public(picture) else None


def public_queryset(kind: str) -> QuerySet:
    """The public rows of a kind, with what the list and the citations read beside them."""
    model = MODELS[kind]
    joins = (*CITATION_JOINS.get(model, ()), *PICTURE_JOINS.get(model, ()))
    queryset = model.objects.select_related(*joins) if joins else model.objects.all()
    if prefetches := CITATION_PREFETCHES.get(model):
        queryset = queryset.prefetch_related(*BY_MODEL[model].public_prefetches(prefetches))
    return visibility.public(queryset)


def public_object(key: Key) -> Model | None:
    """The public record or exhibit a key names, or None (unknown, or not public)."""
    return MODELS[key.kind].objects.filter(visibility.public_q(), pk=key.id).first()


def load(keys: Sequence[Key]) -> tuple[list[Entry], int]:
    """The entries of the keys that name a public item now, in the keys' order, and how many
    keys do not (no longer available). One query a kind, and one for documents' contributors,
    however many items there are."""
    ids: dict[str, list[int]] = defaultdict(list)
    for key in keys:
        ids[key.kind].append(key.id)
    found: dict[Key, Model] = {}
    for kind in MODELS:  # a fixed order of queries
        if ids[kind]:
            for obj in public_queryset(kind).filter(pk__in=ids[kind]):
                found[Key(kind, obj.pk)] = obj
    entries = [Entry(key, found[key]) for key in keys if key in found]
    return entries, len(keys) - len(entries)
