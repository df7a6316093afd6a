"""factory_boy factories for exhibits, sections, blocks and gallery items."""

import factory

from archive.models import Status
from exhibits import models
from tests import factories


class ExhibitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Exhibit

    title = factory.Sequence(lambda n: f"Exhibit {n}")
    slug = factory.Sequence(lambda n: f"exhibit-{n}")
    summary = "An exhibit about the archive."
    status = Status.PUBLISHED


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Section

    exhibit = factory.SubFactory(ExhibitFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    position = factory.Sequence(lambda n: n)


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Block

    section = factory.SubFactory(SectionFactory)
    kind = models.Block.Kind.TEXT
    body = factory.Sequence(lambda n: f"<p>Paragraph {n}.</p>")
    position = factory.Sequence(lambda n: n)


class GalleryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.GalleryItem

    block = factory.SubFactory(BlockFactory, kind=models.Block.Kind.GALLERY, body="")
    photograph = factory.SubFactory(factories.PhotographFactory)
    position = factory.Sequence(lambda n: n)
