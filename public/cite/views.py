"""Citation downloads: a page's citation and a record's bibliography as BibTeX, RIS or CSL-JSON.

Only what the public may see (archive.visibility): an unpublished record, exhibit or section
answers 404, to staff too, since a download is a public, shareable address.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from archive import visibility
from archive.kinds import BY_URL_PREFIX
from archive.models import Document, Photograph
from exhibits.models import Exhibit
from public.cite import csl, formats, pages

# What a record's citation reads beside the record (public.cite.csl), by model; other kinds
# need nothing more.
CITATION_JOINS = {
    Document: ("place", "collection"),
    Photograph: ("photographer", "place", "collection"),
}


def _download(items: list[dict], extension: str, filename: str) -> HttpResponse:
    if extension not in formats.FORMATS:
        raise Http404("No such citation format.")
    return formats.download_response(items, extension, filename)


def _public_record(url_prefix: str, slug: str):
    """The public record at /<url_prefix>/<slug>/ (archive.kinds), with what its citation reads."""
    try:
        model = BY_URL_PREFIX[url_prefix].model
    except KeyError:
        raise Http404("No such kind of record.") from None
    joins = CITATION_JOINS.get(model, ())
    queryset = model.objects.select_related(*joins) if joins else model.objects.all()
    return get_object_or_404(visibility.public(queryset), slug=slug)


def record_citation(request: HttpRequest, kind: str, slug: str, ext: str) -> HttpResponse:
    record = _public_record(kind, slug)
    return _download([pages.page_item(request, record)], ext, record.slug)


def record_sources(request: HttpRequest, kind: str, slug: str, ext: str) -> HttpResponse:
    """The record's bibliography: the sources its citations name."""
    record = _public_record(kind, slug)
    items = [csl.source_item(source) for source in pages.cited_sources(record)]
    return _download(items, ext, f"{record.slug}-sources")


def exhibit_citation(request: HttpRequest, slug: str, ext: str) -> HttpResponse:
    exhibit = get_object_or_404(visibility.public(Exhibit.objects.all()), slug=slug)
    return _download([pages.page_item(request, exhibit)], ext, exhibit.slug)


def exhibit_sources(request: HttpRequest, slug: str, ext: str) -> HttpResponse:
    """The exhibit's bibliography: the sources its footnotes cite."""
    exhibit = get_object_or_404(visibility.public(Exhibit.objects.all()), slug=slug)
    items = [csl.source_item(source) for source in pages.exhibit_sources(exhibit)]
    return _download(items, ext, f"{exhibit.slug}-sources")


def section_citation(request: HttpRequest, exhibit_slug: str, slug: str, ext: str) -> HttpResponse:
    exhibit = get_object_or_404(visibility.public(Exhibit.objects.all()), slug=exhibit_slug)
    section = get_object_or_404(exhibit.sections.all(), slug=slug)
    section.exhibit = exhibit
    item = pages.page_item(request, exhibit, section=section)
    return _download([item], ext, f"{exhibit.slug}-{section.slug}")
