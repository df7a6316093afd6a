"""Publication states: publish, send to review and withdraw, record by record with history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from archive import publishing
from archive.models import Document, Person, Status
from tests import factories

pytestmark = pytest.mark.django_db


def test_publish_records_publishes_now_and_counts():
    drafts = factories.DocumentFactory.create_batch(2, status=Status.DRAFT)
    before = timezone.now()

    changed = publishing.publish_records(drafts)

    assert changed == 2
    for document in Document.objects.all():
        assert document.status == Status.PUBLISHED
        assert before <= document.published_at <= timezone.now()
        assert document.is_public


def test_publish_records_keeps_a_scheduled_time():
    later = timezone.now() + datetime.timedelta(days=7)
    document = factories.DocumentFactory(status=Status.REVIEW, published_at=later)

    publishing.publish_records([document])

    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.published_at == later
    assert not document.is_public
    assert document not in Document.objects.public()


def test_publish_records_skips_records_already_published():
    published = factories.DocumentFactory()
    first_time = published.published_at
    draft = factories.DocumentFactory(status=Status.DRAFT)

    changed = publishing.publish_records([published, draft])

    assert changed == 1
    published.refresh_from_db()
    assert published.published_at == first_time
    assert published.history.count() == 1


def test_publish_records_accepts_a_queryset():
    factories.PersonFactory.create_batch(3, status=Status.REVIEW)

    changed = publishing.publish_records(Person.objects.filter(status=Status.REVIEW))

    assert changed == 3
    assert Person.objects.public().count() == 3


def test_send_records_to_review():
    document = factories.DocumentFactory(status=Status.DRAFT)

    assert publishing.send_records_to_review([document]) == 1

    document.refresh_from_db()
    assert document.status == Status.REVIEW
    assert document.published_at is None


def test_withdraw_records_hides_them_and_keeps_the_publication_time():
    document = factories.DocumentFactory()
    published_at = document.published_at

    assert publishing.withdraw_records([document]) == 1

    document.refresh_from_db()
    assert document.status == Status.WITHDRAWN
    assert document.published_at == published_at
    assert not document.is_public
    assert not Document.objects.public().exists()


def test_republishing_a_withdrawn_record_keeps_its_first_publication_time():
    document = factories.DocumentFactory(published_at=timezone.now() - datetime.timedelta(days=9))
    first_time = document.published_at
    publishing.withdraw_records([document])

    publishing.publish_records([document])

    document.refresh_from_db()
    assert document.published_at == first_time
    assert document.is_public


@pytest.mark.parametrize(
    ("action", "reason"),
    [
        (publishing.publish_records, "Published"),
        (publishing.send_records_to_review, "Sent to review"),
        (publishing.withdraw_records, "Withdrawn"),
    ],
)
def test_each_change_is_a_revision_with_a_reason(action, reason):
    record = factories.TrialFactory(status=Status.DRAFT)
    if action is publishing.withdraw_records:
        publishing.publish_records([record])

    action([record])

    latest = record.history.latest("history_date")
    assert latest.history_change_reason == reason
    assert latest.status == record.status


def test_a_failing_record_rolls_back_the_whole_batch():
    good = factories.DocumentFactory(status=Status.DRAFT)
    bad = factories.DocumentFactory(status=Status.DRAFT)
    bad.date = "1938-13-45"  # save() refuses invalid EDTF

    with pytest.raises(ValidationError):
        publishing.publish_records([good, bad])

    good.refresh_from_db()
    assert good.status == Status.DRAFT
    assert good.history.count() == 1


def test_publishing_works_for_every_record_model():
    records = [
        factories.PersonFactory(status=Status.DRAFT),
        factories.DocumentFactory(status=Status.DRAFT),
        factories.PhotographFactory(status=Status.DRAFT),
        factories.TrialFactory(status=Status.DRAFT),
        factories.EventFactory(status=Status.DRAFT),
    ]

    assert publishing.publish_records(records) == 5

    for record in records:
        record.refresh_from_db()
        assert record.is_public, record
