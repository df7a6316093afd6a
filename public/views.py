"""Public record pages, the home page and the archive's timeline.

What a visitor may see comes from archive.visibility, nowhere else: the record itself through
`visible_to` (staff also see unpublished records, under a banner), and everything a page lists
about it through its kind's public relations (archive.kinds), bounded by public.related to a first
few with a count and a link to the search for the rest. Each page therefore issues a fixed number
of queries, and its time and size stay bounded, however many records its record is linked to.
"""

import heapq
import re
from itertools import chain, groupby

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from archive import derivatives, visibility
from archive.kinds import KINDS, record_prefetches
from archive.models import (
    DatedRecord,
    Document,
    DocumentPage,
    Event,
    Person,
    Photograph,
    Trial,
)
from archive.notices import pending_notices
from exhibits import featured
from exhibits.models import Exhibit
from public import files, linked_data
from public.iiif import content_search
from public.related import related_lists

# How many recently published records the home page lists.
RECENT_COUNT = 8
# What a record's card (archive/_record_card.html) shows beside the record: a person's portrait.
CARD_JOINS = {Person: ("portrait",)}
# The archive timeline lists at most this many records of each kind (oldest first); beyond it
# the page says it is shortened. Faceted browsing by date belongs to search.
TIMELINE_LIMIT = 1000
# The kinds with one date of their own (persons have a life span instead).
TIMELINE_MODELS = tuple(kind.model for kind in KINDS if issubclass(kind.model, DatedRecord))


def public_or_none(obj):
    """Return obj if the public may see it, else None (a portrait, a cover, a photographer)."""
    return obj if obj is not None and visibility.is_public(obj) else None


class HomeView(TemplateView):
    template_name = "archive/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["featured"] = list(
            visibility.public(Exhibit.objects.filter(featured=True).select_related("cover"))[:6]
        )
        context["featured_searches"] = featured.for_home_page()
        context["recent"] = self.recent_records()
        context["json_ld"] = linked_data.website_json_ld(self.request)
        return context

    def recent_records(self) -> list:
        """The most recently published records of every kind, newest first (one query a kind)."""
        per_model = []
        for kind in KINDS:
            queryset = kind.model.objects.order_by("-published_at", "-pk")
            if joins := CARD_JOINS.get(kind.model):
                queryset = queryset.select_related(*joins)
            per_model.append(visibility.public(queryset)[:RECENT_COUNT])
        records = sorted(chain(*per_model), key=lambda r: r.published_at, reverse=True)
        return records[:RECENT_COUNT]


class TimelineView(TemplateView):
    """Public events and dated records, oldest first, grouped by decade."""

    template_name = "archive/timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lists = []
        shortened = False
        for model in TIMELINE_MODELS:
            queryset = visibility.public(model.objects.filter(date_lower__isnull=False))
            rows = list(queryset.order_by("date_lower", "title", "pk")[: TIMELINE_LIMIT + 1])
            shortened = shortened or len(rows) > TIMELINE_LIMIT
            lists.append(rows[:TIMELINE_LIMIT])
        merged = heapq.merge(*lists, key=lambda r: (r.date_lower, r.title))
        context["decades"] = [
            (decade, list(records))
            for decade, records in groupby(merged, key=lambda r: r.date_lower.year // 10 * 10)
        ]
        context["shortened"] = shortened
        return context


class RecordDetailView(DetailView):
    """A record page: 404 to the public unless published; staff see it with a banner."""

    context_object_name = "record"
    select_related: tuple[str, ...] = ()

    def get_prefetches(self) -> list:
        """Prefetches of what the page lists about the record: what every record lists; override
        to add the record's own rows. Its related lists (the kind's public relations) are read
        bounded, by public.related."""
        return record_prefetches()

    def get_queryset(self):
        queryset = self.model.objects.select_related(
            "collection", "rights", *self.select_related
        ).prefetch_related(*self.get_prefetches())
        return visibility.visible_to(queryset, self.request.user)

    def get_template_names(self) -> list[str]:
        return [f"archive/{self.model._meta.model_name}_detail.html", "archive/record_detail.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # First: it sets the first rows of each relation on the record, which JSON-LD reads.
        context["related"] = related_lists(self.object)
        context["notices"] = pending_notices(self.request, self.object)
        context["json_ld"] = linked_data.record_json_ld(
            self.object, self.request, withheld=bool(context["notices"])
        )
        return context


class PersonDetailView(RecordDetailView):
    model = Person
    select_related = ("birth_place", "death_place", "portrait")

    def get_prefetches(self) -> list:
        return [*super().get_prefetches(), "alternate_names"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context["portrait"] = public_or_none(person.portrait)
        context["relations"] = [
            (relation.get_kind_display(), relation.related, relation)
            if relation.person_id == person.pk
            else (relation.inverse_label, relation.person, relation)
            for relation in context["related"]["relations"].rows
        ]
        context["photographs"] = person.public_depicted_in
        context["photographs_taken"] = person.public_photographs_taken
        context["trials"] = context["related"]["trials"].rows
        return context


class DocumentDetailView(RecordDetailView):
    """A document, with its page images in a page viewer beside their transcription, and a
    search within the pages' transcriptions (`?q=`, public.iiif.content_search)."""

    model = Document
    select_related = ("place",)

    def get_prefetches(self) -> list:
        return [
            *super().get_prefetches(),
            Prefetch("page_images", queryset=DocumentPage.objects.order_by("position", "pk")),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = list(self.object.page_images.all())
        context["pages"] = pages
        context["pages_have_text"] = any(page.transcription for page in pages)
        if context["pages_have_text"]:
            context["within"] = self.search_within(pages)
        return context

    def search_within(self, pages: list[DocumentPage]) -> dict:
        """The search within the pages' text: the query, a message if it cannot be searched,
        the matching pages with a snippet of each match; each page's text, matches marked."""
        query = self.request.GET.get("q", "")
        within: dict = {"query": query[: content_search.MAX_QUERY_LENGTH], "hits": None}
        matches: dict[int, list] = {}
        try:
            query_words = content_search.words(query)
        except content_search.QueryError as error:
            within["error"] = str(error)
        else:
            if query_words:  # nothing to look for (an empty query) lists no hits here
                hits = content_search.search(pages, query_words)
                for hit in hits:
                    text = hit.page.transcription
                    hit.snippets = [content_search.snippet(text, m) for m in hit.matches[:3]]
                    matches[hit.page.pk] = hit.matches
                within["hits"] = hits
        for page in pages:
            page.text_html = content_search.marked(page.transcription, matches.get(page.pk, []))
        return within


class PhotographDetailView(RecordDetailView):
    model = Photograph
    select_related = ("photographer", "place")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["photographer"] = public_or_none(self.object.photographer)
        return context


class TrialDetailView(RecordDetailView):
    """A trial lists the defendants, judges and prosecutor whose person records are public; the
    number of defendants says how many there were in all."""

    model = Trial
    select_related = ("place", "prosecutor")


class EventDetailView(RecordDetailView):
    model = Event
    select_related = ("place",)


DERIVATIVE_VARIANT = re.compile(r"w(?P<width>[1-9][0-9]{0,4})\.(?P<fmt>webp|jpg)")


def photograph_file(request: HttpRequest, slug: str, variant: str) -> HttpResponseBase:
    """Send a photograph's thumbnail, original or a display derivative (`w960.webp`,
    `w960.jpg`) from storage, only if the viewer may see the photograph.

    Media never has a public URL of its own (on S3 neither: objects are private); published
    images too are sent through here, so the visibility check is the one gate.
    """
    photograph = get_object_or_404(
        visibility.visible_to(Photograph.objects.all(), request.user), slug=slug
    )
    storage = photograph.image.storage
    name = {"thumbnail": photograph.thumbnail.name, "original": photograph.image.name}.get(variant)
    if name is None and (match := DERIVATIVE_VARIANT.fullmatch(variant)):
        name = derivatives.find(photograph.derivatives, int(match["width"]), match["fmt"])
    if not name:
        raise Http404("No such image.")
    return _stream(storage, name, record=photograph)


def document_page_file(request: HttpRequest, slug: str, page: int) -> HttpResponseBase:
    """Send a document's page image from storage, only if the viewer may see the document."""
    documents = visibility.visible_to(Document.objects.all(), request.user)
    page_image = get_object_or_404(
        DocumentPage.objects.select_related("document").filter(document__in=documents),
        pk=page,
        document__slug=slug,
    )
    return _stream(page_image.image.storage, page_image.image.name, record=page_image.document)


def _stream(storage, name: str, *, record) -> HttpResponseBase:
    """A stored file as a response (sent by nginx when it can be: public.files); not cacheable
    by others unless its record is public."""
    try:
        response = files.file_response(storage, name)
    except FileNotFoundError:
        raise Http404("The image file is missing.") from None
    if not visibility.is_public(record):
        response["Cache-Control"] = "private, no-store"
    return response
