"""What a public page cites: the CSL-JSON item of a record, an exhibit or a section at its public
address, and the sources a record cites (its bibliography). Public pages and downloads both get
their items here."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.utils import timezone

from archive.models import Citation, Source
from exhibits.models import Block
from public.cite import csl
from public.cite.formats import Item


def absolute_url(request: HttpRequest | None, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def page_item(
    request: HttpRequest | None,
    obj,
    section=None,
    accessed: datetime.date | None = None,
) -> Item:
    """The CSL-JSON item of a record, exhibit or exhibit section page, remembered on the object
    for the rest of the request (the page's cite box and its meta tags share it)."""
    target = section if section is not None else obj
    url = absolute_url(request, target.get_absolute_url())
    accessed = accessed or timezone.localdate()
    memo_key = (url, accessed)
    memo = getattr(target, "_vitrine_csl_item", None)
    if memo is not None and memo[0] == memo_key:
        return memo[1]
    if obj._meta.app_label == "exhibits":
        item = csl.exhibit_item(obj, url, section=section, accessed=accessed)
    else:
        item = csl.record_item(obj, url, accessed=accessed)
    target._vitrine_csl_item = (memo_key, item)
    return item


def exhibit_sources(exhibit) -> list[Source]:
    """The sources an exhibit's blocks cite (its footnotes), in reading order, each once."""
    blocks = list(
        Block.objects.filter(section__exhibit=exhibit)
        .order_by("section__position", "section__pk", "position", "pk")
        .values_list("pk", flat=True)
    )
    order = {pk: index for index, pk in enumerate(blocks)}
    citations = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(Block),
        object_id__in=blocks,
        source__isnull=False,
    ).select_related("source")
    citations = sorted(citations, key=lambda c: (order[c.object_id], c.position, c.pk))
    return _unique_sources(citations)


def _unique_sources(citations) -> list[Source]:
    seen: dict[int, Source] = {}
    for citation in citations:
        seen.setdefault(citation.source_id, citation.source)
    return list(seen.values())


def cited_sources(obj) -> list[Source]:
    """The sources a record cites, in citation order, each once ("citation needed" flags are
    not sources). Uses the page's prefetched citations when there are any."""
    if hasattr(obj, "_prefetched_objects_cache") and "citations" in obj._prefetched_objects_cache:
        citations = [c for c in obj.citations.all() if c.source_id is not None]
    else:
        citations = list(
            Citation.objects.filter(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                source__isnull=False,
            ).select_related("source")
        )
    return _unique_sources(citations)
