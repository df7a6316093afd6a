"""Bounds on the image work the IIIF image service does for its clients.

Drawing an image that is in no cache costs CPU seconds; a page costs milliseconds. Two bounds keep
image requests from starving the pages:

- **Render slots** (`render_slot`): at most IIIF_RENDER_SLOTS drawings at once on the machine,
  whatever process or thread asks. Each slot is a lock file in IIIF_RENDER_LOCK_DIR held with
  `flock`, which every process of the site sees and the kernel releases when its holder dies, so no
  slot is ever lost. With gunicorn's 2 sync workers and 1 slot, one worker at most draws while the
  other answers pages. A request that finds no free slot waits for one at most IIIF_RENDER_WAIT_MS
  — and not at all while every slot is drawing a large image (seconds of work): a waiting request
  holds its worker too. Then the view answers 503 with Retry-After. So concurrent tiles queue
  briefly, while a flood of large drawings is refused at once and leaves the pages a worker.
- **A rate limit per client address** (`retry_after`): a client that is not staff may ask for
  IIIF_RATE_LIMIT_RENDERS drawings per IIIF_RATE_LIMIT_PERIOD seconds; beyond that the view
  answers 429 with Retry-After. Counted in the `iiif` cache, so the count is shared by every
  process that shares that cache. The address is the one the login throttling uses (axes:
  REMOTE_ADDR, or the trusted proxy's X-Forwarded-For entry with BEHIND_PROXY); an IPv6 client
  counts by its /64 network, which one household or machine usually has to itself.

Images already drawn (in the cache) and tiles made at ingest need neither a slot nor a count.
"""

import fcntl
import ipaddress
import math
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest

from archive import visibility
from public.iiif.sources import iiif_cache

# Seconds a client told "busy" (503) is asked to wait: a drawing takes about that long.
BUSY_RETRY_AFTER = 2
# A request waits for a slot only while the drawings holding the slots are at most this large (a
# tile is 512 × 512): a large one takes seconds, and the waiting request would hold its worker.
SMALL_DRAWING = 1_000_000  # pixels
_POLL = 0.02  # seconds between tries for a slot
_pause = time.sleep  # (the tests replace it)


def client_address(request: HttpRequest) -> str:
    """The address a client is counted by: its IP address, or its /64 network for IPv6."""
    address = get_client_ip_address(request) or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def retry_after(request: HttpRequest) -> int | None:
    """Count one drawing for this request's client; None if it is within the rate limit (or is
    staff, or there is no limit), else the seconds until its count starts again."""
    renders, period = settings.IIIF_RATE_LIMIT_RENDERS, settings.IIIF_RATE_LIMIT_PERIOD
    if renders <= 0 or visibility.can_preview(request.user):
        return None
    now = time.time()
    window = int(now // period)  # fixed windows: every client's count restarts together
    key = f"iiif:rate:{client_address(request)}:{window}"
    cache = iiif_cache()
    cache.add(key, 0, period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period + 1)
        count = 1
    if count <= renders:
        return None
    return max(1, math.ceil((window + 1) * period - now))


def slot_directory() -> Path:
    return Path(settings.IIIF_RENDER_LOCK_DIR)


def _acquire(directory: Path, slots: int, wait: float, pixels: int) -> int | None:
    """A file descriptor holding one of the slots' locks (with `pixels` written in it), or None
    if none came free within `wait` seconds, or at once if every slot is drawing a large image."""
    directory.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        drawing = []  # the size each holder is drawing
        for number in range(slots):
            descriptor = os.open(directory / f"slot-{number}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                drawing.append(_pixels(os.pread(descriptor, 24, 0)))
                os.close(descriptor)
                continue
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, str(pixels).encode(), 0)
            return descriptor
        if all(held > SMALL_DRAWING for held in drawing) or time.monotonic() >= deadline:
            return None
        _pause(_POLL)


def _pixels(text: bytes) -> int:
    """What a slot's holder wrote: the pixels it draws (0 while it has not written yet)."""
    return int(text) if text.isdigit() else 0


@contextmanager
def render_slot(pixels: int = 0) -> Iterator[bool]:
    """Hold one render slot for the block, to draw an image of `pixels` pixels; yields False (and
    holds nothing) if none came free within IIIF_RENDER_WAIT_MS — at once if every slot is
    drawing a large image (more than SMALL_DRAWING pixels), which will not end soon.
    IIIF_RENDER_SLOTS = 0 means no cap: always True."""
    slots = settings.IIIF_RENDER_SLOTS
    if slots <= 0:
        yield True
        return
    wait = settings.IIIF_RENDER_WAIT_MS / 1000
    descriptor = _acquire(slot_directory(), slots, wait, pixels)
    if descriptor is None:
        yield False
        return
    try:
        yield True
    finally:
        os.close(descriptor)  # releases the lock
