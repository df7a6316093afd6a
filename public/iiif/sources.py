"""What an IIIF identifier names: a photograph's original or a document's page image.

A photograph's identifier is its slug; a page's is `<document slug>~<page id>` (slugs never contain
`~`). Only images the viewer may see are found: the public sees published records whose time has
come, staff see everything (archive.visibility). Anything else is "not found", never "forbidden".
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db.models.fields.files import FieldFile
from PIL import ExifTags, Image

from archive import visibility
from archive.models import Document, DocumentPage, Photograph

PAGE_SEPARATOR = "~"
# EXIF orientations that turn the picture a quarter: width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}


@dataclass(frozen=True)
class ImageSource:
    identifier: str
    file: FieldFile
    width: int  # as shown, EXIF orientation applied
    height: int
    public: bool
    version: str  # changes whenever the stored file does (part of every cache key)
    record: Photograph | Document
    page: DocumentPage | None = None


def photograph_identifier(photograph: Photograph) -> str:
    return photograph.slug


def page_identifier(page: DocumentPage) -> str:
    return f"{page.document.slug}{PAGE_SEPARATOR}{page.pk}"


def iiif_cache():
    return caches["iiif"]


def oriented_size(file: FieldFile) -> tuple[int, int]:
    """The pixel size of a stored image as shown (EXIF orientation applied), from its header.

    Kept in the IIIF cache by file name: reading it costs one storage open (an S3 request).
    """
    key = f"iiif:size:{file.storage.__class__.__name__}:{file.name}"
    size = iiif_cache().get(key)
    if size is None:
        with file.storage.open(file.name, "rb") as handle, Image.open(handle) as image:
            width, height = image.size
            if image.getexif().get(ExifTags.Base.Orientation, 1) in QUARTER_TURNS:
                width, height = height, width
        size = (width, height)
        iiif_cache().set(key, size, settings.IIIF_CACHE_TIMEOUT)
    return size


def photograph_source(photograph: Photograph) -> ImageSource | None:
    if not photograph.image:
        return None
    width, height = oriented_size(photograph.image)
    return ImageSource(
        identifier=photograph_identifier(photograph),
        file=photograph.image,
        width=width,
        height=height,
        public=visibility.is_public(photograph),
        version=photograph.sha256 or photograph.image.name,
        record=photograph,
    )


def page_source(page: DocumentPage) -> ImageSource | None:
    if not page.image:
        return None
    width, height = oriented_size(page.image)
    return ImageSource(
        identifier=page_identifier(page),
        file=page.image,
        width=width,
        height=height,
        public=visibility.is_public(page.document),
        # Storage never overwrites a file: a replaced page image gets a new name.
        version=f"{page.pk}:{page.image.name}",
        record=page.document,
        page=page,
    )


def find(identifier: str, user) -> ImageSource | None:
    """The image this identifier names, if this user may see it; otherwise None."""
    if PAGE_SEPARATOR in identifier:
        slug, _, page_id = identifier.rpartition(PAGE_SEPARATOR)
        if not page_id.isdigit():
            return None
        documents = visibility.visible_to(Document.objects.all(), user)
        page = (
            DocumentPage.objects.filter(pk=int(page_id), document__slug=slug)
            .filter(document__in=documents)
            .select_related("document__rights")
            .first()
        )
        return page_source(page) if page else None
    photograph = (
        visibility.visible_to(Photograph.objects.all(), user)
        .select_related("rights")
        .filter(slug=identifier)
        .first()
    )
    return photograph_source(photograph) if photograph else None
