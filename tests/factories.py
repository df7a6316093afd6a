"""factory_boy factories for the archive, with an image factory that draws a real test image."""

import io

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from archive import models
from archive.kinds import RecordKind


def image_bytes(width: int = 64, height: int = 48, fmt: str = "JPEG", color="#8a6d3b") -> bytes:
    """Draw a small real image and return its encoded bytes."""
    image = Image.new("RGB", (width, height), color)
    ImageDraw.Draw(image).rectangle((4, 4, width - 5, height - 5), outline="white")
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def image_file(name: str = "test.jpg", **kwargs) -> ContentFile:
    return ContentFile(image_bytes(**kwargs), name=name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(extracted)


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Collection

    title = factory.Sequence(lambda n: f"Collection {n}")
    slug = factory.Sequence(lambda n: f"collection-{n}")


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Subject

    name = factory.Sequence(lambda n: f"Subject {n}")
    slug = factory.Sequence(lambda n: f"subject-{n}")


class RightsStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RightsStatement

    title = factory.Sequence(lambda n: f"Rights {n}")
    slug = factory.Sequence(lambda n: f"rights-{n}")
    uri = factory.Sequence(lambda n: f"https://rightsstatements.org/vocab/test/{n}/")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Place

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    key = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Source {n}")
    author = "Cohen, Stephen F."
    issued = "1973"


class RecordFactory(factory.django.DjangoModelFactory):
    status = models.Status.PUBLISHED
    collection = factory.SubFactory(CollectionFactory)


class PersonFactory(RecordFactory):
    class Meta:
        model = models.Person

    title = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    birth = "1888-10-09"
    death = "1938-03-15"


class PersonNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PersonName

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Alternate {n}")


class PersonRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PersonRelation

    person = factory.SubFactory(PersonFactory)
    related = factory.SubFactory(PersonFactory)
    kind = models.PersonRelation.Kind.FRIEND


class DocumentFactory(RecordFactory):
    class Meta:
        model = models.Document

    title = factory.Sequence(lambda n: f"Document {n}")
    slug = factory.Sequence(lambda n: f"document-{n}")
    date = "1920"
    kind = models.Document.Kind.BOOK


class DocumentPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DocumentPage

    document = factory.SubFactory(DocumentFactory)
    image = factory.LazyFunction(lambda: image_file("page.jpg", width=48, height=64))
    label = factory.Sequence(lambda n: f"f. {n}")
    position = factory.Sequence(int)


class PhotographFactory(RecordFactory):
    class Meta:
        model = models.Photograph

    title = factory.Sequence(lambda n: f"Photograph {n}")
    slug = factory.Sequence(lambda n: f"photograph-{n}")
    date = "1926-06"
    alt_text = "A group of people standing in a hall."
    image = factory.LazyFunction(lambda: image_file("photo.jpg"))


class TrialFactory(RecordFactory):
    class Meta:
        model = models.Trial

    title = factory.Sequence(lambda n: f"Trial {n}")
    slug = factory.Sequence(lambda n: f"trial-{n}")
    date = "1938-03-02/1938-03-13"
    court = "Military Collegium of the Supreme Court of the USSR"


class DefendantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Defendant

    trial = factory.SubFactory(TrialFactory)
    person = factory.SubFactory(PersonFactory)


class EventFactory(RecordFactory):
    class Meta:
        model = models.Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    date = "1929"


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Citation

    source = factory.SubFactory(SourceFactory)
    cited_object = factory.SubFactory(PersonFactory)
    locator = "p. 1"


def factory_for(kind: RecordKind) -> type[factory.django.DjangoModelFactory]:
    """The factory of this module that makes records of this kind (for tests that go through
    every registered kind without listing them)."""
    found = [
        value
        for value in globals().values()
        if isinstance(value, type)
        and issubclass(value, factory.django.DjangoModelFactory)
        and value._meta.model is kind.model
    ]
    assert len(found) == 1, f"tests/factories.py needs one factory for {kind.name}, has {found}"
    return found[0]
