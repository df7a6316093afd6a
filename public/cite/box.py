"""What the "Cite this" box and the page's citation meta tags show, from the page's CSL item."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from archive import visibility
from archive.kinds import kind_of
from archive.site import site_name
from public.cite import formats, pages, stored


def _downloads(name: str, **kwargs) -> list[dict]:
    return [
        {
            "url": reverse(f"cite:{name}", kwargs={**kwargs, "ext": ext}),
            "label": kind.label,
            "content_type": kind.content_type.split(";")[0],
            "extension": ext,
        }
        for ext, kind in formats.FORMATS.items()
    ]


def _downloads_of_page(obj, section=None) -> list[dict]:
    """The page's own citation downloads (no bibliography lookup), for its <link> tags."""
    if not visibility.is_public(obj):
        return []
    if obj._meta.app_label == "exhibits":
        if section is not None:
            return _downloads("section", exhibit_slug=obj.slug, slug=section.slug)
        return _downloads("exhibit", slug=obj.slug)
    return _downloads("record", kind=kind_of(obj).url_prefix, slug=obj.slug)


def download_links(obj, section=None) -> tuple[list[dict], list[dict]]:
    """(the page's citation downloads, its bibliography downloads) — empty unless public; the
    bibliography only when the page cites a source."""
    cite = _downloads_of_page(obj, section)
    if not cite or section is not None:
        return cite, []
    if obj._meta.app_label == "exhibits":
        has_sources = bool(pages.exhibit_sources(obj))
        sources = _downloads("exhibit-sources", slug=obj.slug)
    else:
        has_sources = bool(pages.cited_sources(obj))
        sources = _downloads("record-sources", kind=kind_of(obj).url_prefix, slug=obj.slug)
    return cite, sources if has_sources else []


def box_context(request: HttpRequest | None, obj, section=None) -> dict:
    """Context of archive/_cite.html: the stored formatted citations with today's access date
    (or, while they are not stored and queued, the plain citation it always had) and the
    download links."""
    accessed = timezone.localdate()
    item = pages.page_item(request, obj, section=section, accessed=accessed)
    formatted = stored.page_citation(item, accessed)
    cite_links, source_links = download_links(obj, section)
    return {
        "site": site_name(),
        "title": item["title"],
        "url": item["URL"],
        "accessed": accessed,
        "formatted": formatted,
        "downloads": cite_links,
        "source_downloads": source_links,
    }


def _meta_date(date: dict | None) -> str:
    parts = (date or {}).get("date-parts") or []
    return (
        "/".join(f"{value:02d}" if i else str(value) for i, value in enumerate(parts[0]))
        if parts
        else ""
    )


def _meta_name(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    return f"{family}, {given}" if given else family


def meta_tags(request: HttpRequest | None, obj, section=None) -> list[tuple[str, str]]:
    """Highwire Press tags (read by Zotero and Google Scholar) as (name, content) pairs."""
    item = pages.page_item(request, obj, section=section)
    tags = [("citation_title", item["title"])]
    for variable in ("author", "editor"):
        tag = "citation_author" if variable == "author" else "citation_editor"
        tags += [(tag, _meta_name(name)) for name in item.get(variable, [])]
    issued = _meta_date(item.get("issued"))
    if issued:
        tags.append(("citation_publication_date", issued))
        tags.append(("citation_date", issued))
    elif (item.get("issued") or {}).get("literal"):
        tags.append(("citation_date", item["issued"]["literal"]))
    tags.append(("citation_publisher", item.get("publisher") or site_name()))
    if item.get("language"):
        tags.append(("citation_language", item["language"]))
    if item.get("archive"):
        tags.append(("citation_archive", item["archive"]))
    tags.append(("citation_public_url", item["URL"]))
    tags.append(("citation_abstract_html_url", item["URL"]))
    return tags


def meta_context(request: HttpRequest | None, obj, section=None) -> dict:
    cite_links = _downloads_of_page(obj, section)
    return {"tags": meta_tags(request, obj, section), "alternates": cite_links}
