"""Preparing an exhibit section for its page: blocks with their records, galleries, timelines and
numbered footnotes, loaded in a fixed number of queries however many blocks there are (timelines
defined by years add one query, two when cut short, for each distinct range of years, and show at
most TIMELINE_SHOWN events).

Visibility is applied here for everything a block points at: a record that is not public is left
out of the public page (the block disappears, or the gallery loses that photograph), never an error.
Staff previews (`preview=True`) show everything, as the public will once it is published.
A featured-search block shows its search's first public results (exhibits.featured): the search
page's answers, cached like them, with the cache read once for all the section's blocks.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from archive import visibility
from archive.models import Citation, Defendant, Event, Person, Photograph
from exhibits import sanitize
from exhibits.featured import Featured, with_results
from exhibits.models import Block, GalleryItem, Section


@dataclass
class Footnote:
    number: int
    citation: Citation


# A timeline block defined by years shows at most this many events, then links the search.
TIMELINE_SHOWN = 50


@dataclass
class TimelineMore:
    total: int
    url: str


@dataclass
class Timeline:
    """A timeline by years: the events shown, and how many there are in all."""

    events: list[Event]
    total: int

    def more_link(self, block: Block) -> TimelineMore | None:
        """Where to find them all ("All 1,234 events of these years in the search →"), when
        not all are shown."""
        if self.total <= len(self.events):
            return None
        query = {"kind": "event", "sort": "date"}
        if block.timeline_start_year:
            query["from"] = block.timeline_start_year
        if block.timeline_end_year:
            query["to"] = block.timeline_end_year
        return TimelineMore(self.total, f"{reverse('search')}?{urlencode(query)}")


@dataclass
class PreparedDefendant:
    defendant: Defendant
    linked: bool  # the person's page is public (or this is a staff preview)


@dataclass
class PreparedBlock:
    block: Block
    record: object | None = None
    photographs: list[tuple[Photograph, str]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    html: SafeString = ""  # text blocks: the body, sanitised again at render
    caption: str = ""  # record embeds: the block's caption, else the record's own
    image: Photograph | None = None  # a visible picture for the card (portrait, photograph)
    defendants: list[PreparedDefendant] = field(default_factory=list)
    search: Featured | None = None  # featured-search blocks: the search and its first results
    more: TimelineMore | None = None  # a timeline cut short: how many in all, and where

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def template_name(self) -> str:
        return f"exhibits/blocks/{self.block.kind}.html"


def _visible(obj, preview: bool) -> bool:
    return obj is not None and (preview or visibility.is_public(obj))


# What a block's card shows beside its record, by kind: joined with the block, so an embed of
# any kind (Block.RECORD_FIELDS, one per kind) costs no query of its own.
EMBED_JOINS = {
    "person": ("portrait", "birth_place", "death_place"),
    "trial": ("prosecutor", "place"),
    "event": ("place",),
}


def _blocks_queryset():
    citations = Citation.objects.select_related("source").order_by("position", "pk")
    joins = [
        f"{name}__{join}" if join else name
        for name in Block.RECORD_FIELDS
        for join in EMBED_JOINS.get(name, ("",))
    ]
    return Block.objects.select_related(*joins, "featured_search").prefetch_related(
        Prefetch(
            "gallery_items",
            queryset=GalleryItem.objects.select_related("photograph").order_by("position", "pk"),
        ),
        Prefetch("timeline_events", queryset=Event.objects.order_by("date_lower", "title")),
        Prefetch("citations", queryset=citations),
        # Every defendant, not the trial's public relation (archive.kinds): a staff preview
        # names them all, so the public ones are picked per viewer in _prepare_record.
        Prefetch(
            "trial__defendants",
            queryset=Defendant.objects.select_related("person").order_by("position", "pk"),
        ),
    )


def _timeline_by_years(blocks: list[Block], preview: bool) -> dict[int, Timeline]:
    """Events for timeline blocks defined by years: the first TIMELINE_SHOWN by date, and how
    many there are when there are more. A query for each distinct range of years (two when it
    is cut short), so that a timeline of busy years costs what a short one does."""
    by_range: dict[tuple[int | None, int | None], Timeline] = {}
    found = {}
    for block in blocks:
        if (
            block.kind != Block.Kind.TIMELINE
            or block.timeline_events.all()
            or not (block.timeline_start_year or block.timeline_end_year)
        ):
            continue
        years = (block.timeline_start_year, block.timeline_end_year)
        if years not in by_range:
            events = Event.objects.filter(_year_range_q(block)).order_by(
                "date_lower", "title", "pk"
            )
            if not preview:
                events = visibility.public(events)
            shown = list(events[: TIMELINE_SHOWN + 1])
            total = events.count() if len(shown) > TIMELINE_SHOWN else len(shown)
            by_range[years] = Timeline(shown[:TIMELINE_SHOWN], total)
        found[block.pk] = by_range[years]
    return found


def _year_range_q(block: Block) -> Q:
    q = Q(date_lower__isnull=False, date_upper__isnull=False)
    if block.timeline_end_year:
        q &= Q(date_lower__year__lte=block.timeline_end_year)
    if block.timeline_start_year:
        q &= Q(date_upper__year__gte=block.timeline_start_year)
    return q


def prepare_section(section: Section, *, preview: bool = False) -> dict:
    """Return the section's blocks ready to render and its footnotes, numbered from 1."""
    blocks = list(_blocks_queryset().filter(section=section).order_by("position", "pk"))
    timelines = _timeline_by_years(blocks, preview)
    searches = _featured_searches(blocks, preview)
    prepared: list[PreparedBlock] = []
    footnotes: list[Footnote] = []
    for block in blocks:
        item = _prepare_block(block, preview, timelines, searches)
        if item is None:
            continue
        for citation in block.citations.all():
            note = Footnote(len(footnotes) + 1, citation)
            footnotes.append(note)
            item.footnotes.append(note)
        prepared.append(item)
    return {"blocks": prepared, "footnotes": footnotes}


def _featured_searches(blocks: list[Block], preview: bool) -> dict[int, Featured]:
    """The visible featured searches of the section's blocks, with their first results."""
    chosen = {
        block.featured_search_id: block.featured_search
        for block in blocks
        if block.kind == Block.Kind.SEARCH and _visible(block.featured_search, preview)
    }
    return with_results(chosen.values()) if chosen else {}


def _prepare_block(
    block: Block,
    preview: bool,
    timelines: dict[int, Timeline],
    searches: dict[int, Featured],
) -> PreparedBlock | None:
    kind = block.kind
    if kind == Block.Kind.SEARCH:
        # Left out when the search is not public, cannot be read, or finds no public record.
        search = searches.get(block.featured_search_id)
        return PreparedBlock(block, search=search) if search and search.results else None
    if kind in (Block.Kind.RECORD, Block.Kind.PERSON, Block.Kind.TRIAL):
        record = block.record
        if not _visible(record, preview):
            return None
        return _prepare_record(block, record, preview)
    if kind == Block.Kind.GALLERY:
        photographs = [
            (item.photograph, item.caption or item.photograph.caption)
            for item in block.gallery_items.all()
            if _visible(item.photograph, preview)
        ]
        return PreparedBlock(block, photographs=photographs) if photographs else None
    if kind == Block.Kind.TIMELINE:
        chosen = block.timeline_events.all()
        if chosen:
            events = [e for e in chosen if _visible(e, preview)]
            return PreparedBlock(block, events=events) if events else None
        timeline = timelines.get(block.pk)
        if timeline is None or not timeline.events:
            return None
        return PreparedBlock(block, events=timeline.events, more=timeline.more_link(block))
    if kind == Block.Kind.TEXT:
        # Sanitised on save already; cleaned again here because rows can arrive by other roads
        # (bulk_create, update(), a database restore) and this is the one place it becomes HTML.
        return PreparedBlock(block, html=mark_safe(sanitize.clean_html(block.body)))  # noqa: S308
    return PreparedBlock(block)


def _prepare_record(block: Block, record, preview: bool) -> PreparedBlock:
    item = PreparedBlock(block, record=record)
    if isinstance(record, Photograph):
        item.image = record if record.thumbnail else None
        item.caption = block.caption or record.caption
    elif isinstance(record, Person):
        portrait = record.portrait
        item.image = portrait if _visible(portrait, preview) and portrait.thumbnail else None
        item.caption = block.caption or record.summary
    else:
        item.caption = block.caption or record.summary
    if block.kind == Block.Kind.TRIAL:
        # Only defendants whose person records are public are named (all of them in a preview).
        item.defendants = [
            PreparedDefendant(d, True)
            for d in record.defendants.all()
            if _visible(d.person, preview)
        ]
    return item
