"""What the public may see: archive.visibility, the record QuerySet and the public pages."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from archive import visibility
from archive.models import Defendant, Document, Event, Person, Photograph, Status, Trial
from tests import factories

pytestmark = pytest.mark.django_db

RECORD_FACTORIES = {
    "person": factories.PersonFactory,
    "document": factories.DocumentFactory,
    "photograph": factories.PhotographFactory,
    "trial": factories.TrialFactory,
    "event": factories.EventFactory,
}


def in_days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


# Each hidden state: the status and publication time that make a record not (yet) public.
HIDDEN_STATES = {
    "draft": {"status": Status.DRAFT},
    "review": {"status": Status.REVIEW},
    "withdrawn": {"status": Status.WITHDRAWN},
    "withdrawn-once-published": {"status": Status.WITHDRAWN, "published_at": in_days(-30)},
    "draft-with-past-time": {"status": Status.DRAFT, "published_at": in_days(-30)},
    "scheduled": {"status": Status.PUBLISHED, "published_at": in_days(3)},
}


@pytest.fixture
def records() -> dict[str, Document]:
    """One document per state, by name."""
    made = {
        name: factories.DocumentFactory(slug=name, **state) for name, state in HIDDEN_STATES.items()
    }
    made["published"] = factories.DocumentFactory(slug="published")
    made["published-long-ago"] = factories.DocumentFactory(
        slug="published-long-ago", published_at=in_days(-3650)
    )
    return made


def test_public_returns_only_published_records_whose_time_has_come(records):
    public = Document.objects.public()

    assert {d.slug for d in public} == {"published", "published-long-ago"}


def test_public_function_and_queryset_method_agree(records):
    assert set(visibility.public(Document.objects.all())) == set(Document.objects.public())


@pytest.mark.parametrize("name", HIDDEN_STATES)
def test_is_public_is_false_for_each_hidden_state(records, name):
    assert not records[name].is_public
    assert not visibility.is_public(records[name])


def test_is_public_agrees_with_public(records):
    public = set(Document.objects.public())

    for record in Document.objects.all():
        assert record.is_public == (record in public), record.slug


def test_a_scheduled_record_becomes_public_when_its_time_comes(records):
    record = records["scheduled"]
    record.published_at = timezone.now() - datetime.timedelta(seconds=1)
    record.save()

    assert record.is_public
    assert record in Document.objects.public()


def test_public_q_reaches_through_a_relation():
    hidden = factories.DefendantFactory(person__status=Status.DRAFT)
    shown = factories.DefendantFactory()

    visible = Defendant.objects.filter(visibility.public_q("person__"))

    assert list(visible) == [shown]
    assert hidden not in visible


def test_is_public_is_false_for_an_object_without_status():
    assert not visibility.is_public(object())


def test_staff_see_every_record(records):
    staff = factories.UserFactory(is_staff=True)

    assert set(Document.objects.visible_to(staff)) == set(Document.objects.all())


@pytest.mark.parametrize(
    "user",
    [
        pytest.param(lambda: AnonymousUser(), id="anonymous"),
        pytest.param(lambda: factories.UserFactory(is_staff=False), id="not-staff"),
        pytest.param(lambda: factories.UserFactory(is_staff=True, is_active=False), id="inactive"),
        pytest.param(lambda: None, id="none"),
    ],
)
def test_everyone_else_sees_only_public_records(records, user):
    visible = Document.objects.visible_to(user())

    assert {d.slug for d in visible} == {"published", "published-long-ago"}


@pytest.mark.parametrize("model", [Person, Document, Photograph, Trial, Event])
def test_every_record_model_has_public(model):
    published = RECORD_FACTORIES[model._meta.model_name]()
    RECORD_FACTORIES[model._meta.model_name](status=Status.DRAFT)

    assert list(model.objects.public()) == [published]


# Public pages ------------------------------------------------------------------------------


def detail_url(record) -> str:
    return reverse(f"archive:{record._meta.model_name}-detail", kwargs={"slug": record.slug})


@pytest.mark.parametrize("kind", RECORD_FACTORIES)
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_detail_page_is_404_to_the_public_unless_published(client, kind, state):
    record = RECORD_FACTORIES[kind](**HIDDEN_STATES[state])

    response = client.get(detail_url(record))

    assert response.status_code == 404


@pytest.mark.parametrize("kind", RECORD_FACTORIES)
def test_detail_page_of_a_published_record_is_shown(client, kind):
    record = RECORD_FACTORIES[kind](title="Bukharin and the Bolshevik Revolution")

    response = client.get(detail_url(record))

    assert response.status_code == 200
    assert response.context["record"] == record
    assert "Bukharin and the Bolshevik Revolution" in response.text


@pytest.mark.parametrize("kind", RECORD_FACTORIES)
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_staff_see_unpublished_detail_pages(curator_client, kind, state):
    record = RECORD_FACTORIES[kind](**HIDDEN_STATES[state])

    response = curator_client.get(detail_url(record))

    assert response.status_code == 200
    assert response.context["record"] == record


def test_detail_page_of_an_unknown_slug_is_404(client):
    assert (
        client.get(reverse("archive:person-detail", kwargs={"slug": "nobody"})).status_code == 404
    )


def test_home_page_lists_only_public_records(client):
    shown = factories.DocumentFactory(title="Published pamphlet")
    factories.DocumentFactory(title="Draft pamphlet", status=Status.DRAFT)
    factories.DocumentFactory(title="Scheduled pamphlet", published_at=in_days(1))

    response = client.get(reverse("archive:home"))

    assert response.status_code == 200
    assert response.context["recent"] == [shown]
    assert "Published pamphlet" in response.text
    assert "Draft pamphlet" not in response.text
    assert "Scheduled pamphlet" not in response.text


# Photograph files --------------------------------------------------------------------------


def file_url(photograph, variant: str) -> str:
    return reverse("archive:photograph-file", kwargs={"slug": photograph.slug, "variant": variant})


def read(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("variant", ["original", "thumbnail"])
def test_a_published_photographs_file_is_served_to_anyone(client, variant):
    photograph = factories.PhotographFactory()
    field = photograph.image if variant == "original" else photograph.thumbnail

    response = client.get(file_url(photograph, variant))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    with field.open("rb") as handle:
        assert read(response) == handle.read()
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_original_is_served_byte_for_byte():
    photograph = factories.PhotographFactory(
        image=factories.image_file("scan.png", fmt="PNG", width=300, height=200)
    )
    response = Client().get(file_url(photograph, "original"))

    assert response["Content-Type"] == "image/png"
    assert read(response) == factories.image_bytes(width=300, height=200, fmt="PNG")


@pytest.mark.parametrize("variant", ["original", "thumbnail"])
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_an_unpublished_photographs_file_is_404_to_the_public(client, variant, state):
    photograph = factories.PhotographFactory(**HIDDEN_STATES[state])

    response = client.get(file_url(photograph, variant))

    assert response.status_code == 404


@pytest.mark.parametrize("variant", ["original", "thumbnail"])
def test_an_unpublished_photographs_file_is_served_privately_to_staff(curator_client, variant):
    photograph = factories.PhotographFactory(status=Status.DRAFT)

    response = curator_client.get(file_url(photograph, variant))

    assert response.status_code == 200
    assert read(response)[:2] == b"\xff\xd8"  # a JPEG
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("variant", ["large", "full", "", "Thumbnail", "image"])
def test_an_unknown_variant_is_404(client, curator_client, variant):
    photograph = factories.PhotographFactory()
    url = f"/photographs/{photograph.slug}/{variant}.img"

    assert client.get(url).status_code == 404
    assert curator_client.get(url).status_code == 404


def test_a_photograph_without_an_image_is_404(client):
    photograph = factories.PhotographFactory(image=None)

    assert client.get(file_url(photograph, "original")).status_code == 404
    assert client.get(file_url(photograph, "thumbnail")).status_code == 404


def test_a_missing_file_in_storage_is_404_not_500(client):
    photograph = factories.PhotographFactory()
    photograph.image.storage.delete(photograph.image.name)

    assert client.get(file_url(photograph, "original")).status_code == 404


def test_thumbnail_url_points_to_the_file_view():
    photograph = factories.PhotographFactory(slug="hall")

    assert photograph.thumbnail_url == "/photographs/hall/thumbnail.img"
    assert factories.PhotographFactory(image=None).thumbnail_url == ""


def test_a_person_page_does_not_mention_unpublished_records(client):
    person = factories.PersonFactory(title="Nikolai Bukharin")
    hidden_friend = factories.PersonFactory(title="Hidden Friend", status=Status.DRAFT)
    factories.PersonRelationFactory(person=person, related=hidden_friend)
    factories.PersonRelationFactory(
        person=factories.PersonFactory(title="Hidden Mentor", status=Status.REVIEW),
        related=person,
        kind="mentor",
    )
    document = factories.DocumentFactory(title="Hidden Pamphlet", status=Status.DRAFT)
    document.contributors.add(person)
    photograph = factories.PhotographFactory(
        title="Hidden Photograph", published_at=in_days(2), photographer=person
    )
    photograph.depicted.add(person)
    factories.DefendantFactory(
        person=person, trial__title="Hidden Trial", trial__status=Status.WITHDRAWN
    )
    event = factories.EventFactory(title="Hidden Event", status=Status.DRAFT)
    event.persons.add(person)
    person.portrait = factories.PhotographFactory(title="Hidden Portrait", status=Status.DRAFT)
    person.save()

    response = client.get(detail_url(person))

    assert response.status_code == 200
    assert "Nikolai Bukharin" in response.text
    for title in (
        "Hidden Friend",
        "Hidden Mentor",
        "Hidden Pamphlet",
        "Hidden Photograph",
        "Hidden Trial",
        "Hidden Event",
        "Hidden Portrait",
    ):
        assert title not in response.text, title


def test_a_person_page_mentions_published_related_records(client):
    person = factories.PersonFactory(title="Nikolai Bukharin")
    factories.PersonRelationFactory(person=person, related__title="Published Friend")
    document = factories.DocumentFactory(title="Published Pamphlet")
    document.contributors.add(person)

    response = client.get(detail_url(person))

    assert "Published Friend" in response.text
    assert "Published Pamphlet" in response.text
