"""IIIF Presentation API 3.0: a manifest per photograph and per document with page images, and a
collection per exhibit. Plain dictionaries, checked by the tests against the official schema.

A document's manifest has one canvas per page image, in reading order; a page with a
transcription carries it as a "supplementing" annotation on its canvas, and the manifest then
declares the document's IIIF Content Search 2.0 service (public/iiif/content_search.py).

What a manifest names goes through archive.visibility like every public page: a photographer,
author or depicted person is listed only when public. Manifests serve staff previews too, so they
prefetch every depiction and contribution, not the kinds' public relations (archive.kinds), and
name a person only when this viewer may see them (`_shown`). A document without page images has no
manifest (Presentation 3 requires at least one canvas): its manifest URL answers 404.
"""

import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse

from archive import visibility
from archive.models import Contribution, Depiction, Document, DocumentPage, Photograph
from exhibits.models import Block, Exhibit, GalleryItem
from public.iiif import image_api
from public.iiif.sources import ImageSource, page_source, photograph_source

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
THUMBNAIL_WIDTH = 400
# Presentation 3 takes `rights` only from these two vocabularies, written with http://.
RIGHTS_URI = re.compile(
    r"^https?://(creativecommons\.org/(licenses|publicdomain)/|rightsstatements\.org/vocab/)"
)

# Builds an absolute URL from a path (request.build_absolute_uri).
Absolute = Callable[[str], str]


def lang(*values: str) -> dict:
    """A language map in the site's language."""
    return {settings.LANGUAGE_CODE: [str(value) for value in values]}


def pair(label: str, *values: str) -> dict:
    return {"label": lang(label), "value": lang(*values)}


def rights_uri(record) -> str:
    """The record's rights statement as a Presentation `rights` URI, or "" if it is not one."""
    statement = getattr(record, "rights", None)
    if statement is None or not RIGHTS_URI.match(statement.uri):
        return ""
    return "http://" + statement.uri.split("://", 1)[1]


def image_service_id(source: ImageSource, absolute: Absolute) -> str:
    return absolute(reverse("iiif:image-base", kwargs={"identifier": source.identifier}))


def max_size(source: ImageSource, limits: image_api.Limits) -> tuple[int, int]:
    """The size `full/max` returns (the whole image, scaled down into the limits)."""
    request = image_api.parse("full", "max", "0", "default.jpg")
    return image_api.plan(source, request, limits).size


def image_service(source: ImageSource, absolute: Absolute) -> list[dict]:
    return [
        {
            "id": image_service_id(source, absolute),
            "type": "ImageService3",
            "profile": image_api.PROFILE,
        }
    ]


def thumbnail(source: ImageSource, absolute: Absolute) -> list[dict]:
    width = min(source.width, THUMBNAIL_WIDTH)
    height = max(1, int(source.height * width / source.width + 0.5))
    service = image_service(source, absolute)
    return [
        {
            "id": f"{service[0]['id']}/full/{width},/0/default.jpg",
            "type": "Image",
            "format": "image/jpeg",
            "width": width,
            "height": height,
            "service": service,
        }
    ]


def canvas_id_of(manifest_id: str, number: int) -> str:
    """The id of a manifest's canvas `number` (1 for the first, in reading order)."""
    return f"{manifest_id}/canvas/{number}"


def canvas(manifest_id: str, number: int, source: ImageSource, label: str, absolute) -> dict:
    """One canvas painted with one image from the image service."""
    canvas_id = canvas_id_of(manifest_id, number)
    width, height = max_size(source, image_api.limits(source))
    service = image_service(source, absolute)
    return {
        "id": canvas_id,
        "type": "Canvas",
        "label": lang(label),
        "width": source.width,
        "height": source.height,
        "thumbnail": thumbnail(source, absolute),
        "items": [
            {
                "id": f"{canvas_id}/page",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas_id}/page/image",
                        "type": "Annotation",
                        "motivation": "painting",
                        "target": canvas_id,
                        "body": {
                            "id": f"{service[0]['id']}/full/max/0/default.jpg",
                            "type": "Image",
                            "format": "image/jpeg",
                            "width": width,
                            "height": height,
                            "service": service,
                        },
                    }
                ],
            }
        ],
    }


def provider(absolute: Absolute) -> list[dict]:
    home = absolute(reverse("archive:home"))
    name = settings.VITRINE_SITE_NAME
    return [
        {
            "id": home,
            "type": "Agent",
            "label": lang(name),
            "homepage": [{"id": home, "type": "Text", "label": lang(name), "format": "text/html"}],
        }
    ]


def homepage(record, absolute: Absolute) -> list[dict]:
    return [
        {
            "id": absolute(record.get_absolute_url()),
            "type": "Text",
            "label": lang(record.title),
            "format": "text/html",
            "language": [settings.LANGUAGE_CODE],
        }
    ]


def _common(record, manifest_id: str, absolute: Absolute, metadata: list[dict], credit: str):
    """The descriptive properties a photograph's and a document's manifest share."""
    rights = rights_uri(record)
    if record.collection:
        metadata.append(pair("Collection", record.collection.title))
    subjects = [subject.name for subject in record.subjects.all()]
    if subjects:
        metadata.append(pair("Subjects", *subjects))
    if record.rights:
        metadata.append(pair("Rights", record.rights.title))
    manifest = {
        "@context": CONTEXT,
        "id": manifest_id,
        "type": "Manifest",
        "label": lang(record.title),
    }
    if record.summary:
        manifest["summary"] = lang(record.summary)
    manifest["metadata"] = metadata
    if rights:
        manifest["rights"] = rights
    attribution = credit or (record.rights.title if record.rights else "")
    attribution = attribution or settings.VITRINE_SITE_NAME
    manifest["requiredStatement"] = pair("Attribution", attribution)
    manifest["provider"] = provider(absolute)
    manifest["homepage"] = homepage(record, absolute)
    return manifest


def photograph_queryset(user):
    return visibility.visible_to(
        Photograph.objects.exclude(image="")
        .select_related("collection", "rights", "photographer", "place")
        .prefetch_related(
            "subjects",
            Prefetch(
                "depiction_set",
                queryset=Depiction.objects.select_related("person").order_by("position", "pk"),
            ),
        ),
        user,
    )


def _shown(person, user) -> bool:
    return person is not None and (visibility.can_preview(user) or visibility.is_public(person))


def photograph_manifest(photograph: Photograph, user, absolute: Absolute) -> dict:
    manifest_id = absolute(reverse("iiif:photograph-manifest", kwargs={"slug": photograph.slug}))
    source = photograph_source(photograph)
    metadata = []
    if photograph.date:
        metadata.append(pair("Date", photograph.date_display()))
    if _shown(photograph.photographer, user):
        metadata.append(pair("Photographer", photograph.photographer.title))
    if photograph.place:
        metadata.append(pair("Place", str(photograph.place)))
    depicted = [d.person.title for d in photograph.depiction_set.all() if _shown(d.person, user)]
    if depicted:
        metadata.append(pair("Depicted", *depicted))
    manifest = _common(photograph, manifest_id, absolute, metadata, photograph.credit_line)
    manifest["thumbnail"] = thumbnail(source, absolute)
    manifest["items"] = [canvas(manifest_id, 1, source, photograph.title, absolute)]
    return manifest


def transcription_annotation(canvas_id: str, text: str, language: str = "") -> dict:
    """A page's transcription as an annotation on its canvas ("supplementing": text derived
    from the page, as Presentation 3 says transcriptions are). Content Search hits point at it
    by this id (public/iiif/content_search.py)."""
    body = {"type": "TextualBody", "value": text, "format": "text/plain"}
    if language:
        body["language"] = language
    return {
        "id": f"{canvas_id}/transcription",
        "type": "Annotation",
        "motivation": "supplementing",
        "body": body,
        "target": canvas_id,
    }


def search_service(document: Document, absolute: Absolute) -> list[dict]:
    """The document's IIIF Content Search 2.0 service (declared when its pages have text)."""
    url = absolute(reverse("iiif:document-search", kwargs={"slug": document.slug}))
    return [{"id": url, "type": "SearchService2"}]


def document_queryset(user):
    return visibility.visible_to(
        Document.objects.filter(page_images__isnull=False)
        .distinct()
        .select_related("collection", "rights", "place")
        .prefetch_related(
            "subjects",
            Prefetch(
                "contribution_set",
                queryset=Contribution.objects.select_related("person").order_by("position", "pk"),
            ),
            Prefetch("page_images", queryset=DocumentPage.objects.order_by("position", "pk")),
        ),
        user,
    )


def document_manifest(document: Document, user, absolute: Absolute) -> dict:
    manifest_id = absolute(reverse("iiif:document-manifest", kwargs={"slug": document.slug}))
    metadata = []
    if document.date:
        metadata.append(pair("Date", document.date_display()))
    contributions = [c for c in document.contribution_set.all() if _shown(c.person, user)]
    authors = [c.person.title for c in contributions if c.role == Contribution.Role.AUTHOR]
    if authors:
        metadata.append(pair("Authors" if len(authors) > 1 else "Author", *authors))
    for contribution in contributions:
        if contribution.role != Contribution.Role.AUTHOR:
            metadata.append(pair(contribution.get_role_display(), contribution.person.title))
    if document.publisher:
        metadata.append(pair("Publisher", document.publisher))
    manifest = _common(document, manifest_id, absolute, metadata, "")
    pages = list(document.page_images.all())
    for page in pages:
        page.document = document  # already loaded: no query per page
    sources = [page_source(page) for page in pages]
    manifest["thumbnail"] = thumbnail(sources[0], absolute)
    if any(page.transcription for page in pages):
        manifest["service"] = search_service(document, absolute)
    manifest["items"] = []
    for number, (page, source) in enumerate(zip(pages, sources, strict=True), start=1):
        item = canvas(manifest_id, number, source, str(page), absolute)
        if page.transcription:
            annotation = transcription_annotation(item["id"], page.transcription, document.language)
            item["annotations"] = [
                {"id": f"{item['id']}/annotations", "type": "AnnotationPage", "items": [annotation]}
            ]
        manifest["items"].append(item)
    return manifest


def exhibit_records(exhibit: Exhibit) -> list:
    """The photographs and documents an exhibit shows, in reading order, each once."""
    blocks = (
        Block.objects.filter(section__exhibit=exhibit)
        .select_related("photograph", "document")
        .prefetch_related(
            Prefetch(
                "gallery_items",
                queryset=GalleryItem.objects.select_related("photograph").order_by(
                    "position", "pk"
                ),
            )
        )
        .order_by("section__position", "section__pk", "position", "pk")
    )
    records: dict[tuple, object] = {}
    for block in blocks:
        found: Iterable = [block.photograph, block.document]
        found = [*found, *(item.photograph for item in block.gallery_items.all())]
        for record in found:
            if record is not None:
                records.setdefault((type(record), record.pk), record)
    return list(records.values())


def exhibit_collection(exhibit: Exhibit, user, absolute: Absolute) -> dict:
    """A collection of the manifests of the exhibit's records that this viewer may see."""
    records = exhibit_records(exhibit)
    photograph_ids = [r.pk for r in records if isinstance(r, Photograph)]
    document_ids = [r.pk for r in records if isinstance(r, Document)]
    photographs = photograph_queryset(user).filter(pk__in=photograph_ids).in_bulk()
    documents = document_queryset(user).filter(pk__in=document_ids).in_bulk()
    items = []
    for record in records:
        if isinstance(record, Photograph) and record.pk in photographs:
            photograph = photographs[record.pk]
            name, source = "photograph-manifest", photograph_source(photograph)
        elif isinstance(record, Document) and record.pk in documents:
            document = documents[record.pk]
            page = document.page_images.all()[0]
            page.document = document
            name, source = "document-manifest", page_source(page)
        else:
            continue
        items.append(
            {
                "id": absolute(reverse(f"iiif:{name}", kwargs={"slug": record.slug})),
                "type": "Manifest",
                "label": lang(record.title),
                "thumbnail": thumbnail(source, absolute),
            }
        )
    collection_id = absolute(reverse("iiif:exhibit-collection", kwargs={"slug": exhibit.slug}))
    collection = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "Collection",
        "label": lang(exhibit.title),
    }
    if exhibit.summary or exhibit.subtitle:
        collection["summary"] = lang(exhibit.summary or exhibit.subtitle)
    if exhibit.credits.strip():
        credits = [line.strip() for line in exhibit.credits.splitlines() if line.strip()]
        collection["requiredStatement"] = pair("Credits", *credits)
    collection["provider"] = provider(absolute)
    collection["homepage"] = homepage(exhibit, absolute)
    collection["items"] = items
    return collection
