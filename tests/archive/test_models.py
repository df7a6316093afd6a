"""Archive models: derived date bounds, validation messages, database constraints, history."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from archive import models
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def bounds(obj, name: str) -> tuple:
    obj.refresh_from_db()
    return getattr(obj, f"{name}_lower"), getattr(obj, f"{name}_upper")


# Derived bounds ------------------------------------------------------------------------------


def test_person_birth_and_death_bounds_are_derived_on_save():
    person = factories.PersonFactory(birth="1888-10~", death="1938-03-15")

    assert bounds(person, "birth") == (D(1888, 10, 1), D(1888, 10, 31))
    assert bounds(person, "death") == (D(1938, 3, 15), D(1938, 3, 15))


@pytest.mark.parametrize(
    "factory",
    [
        factories.DocumentFactory,
        factories.PhotographFactory,
        factories.TrialFactory,
        factories.EventFactory,
        factories.PersonRelationFactory,
    ],
)
def test_date_bounds_are_derived_on_save(factory):
    obj = factory(date="1909~/1911~")

    assert bounds(obj, "date") == (D(1909, 1, 1), D(1911, 12, 31))


def test_defendant_bounds_are_derived_on_save():
    defendant = factories.DefendantFactory(carried_out="1938-03-15", rehabilitated="1988-02")

    assert bounds(defendant, "carried_out") == (D(1938, 3, 15), D(1938, 3, 15))
    assert bounds(defendant, "rehabilitated") == (D(1988, 2, 1), D(1988, 2, 29))


def test_source_issued_bounds_are_derived_on_save():
    source = factories.SourceFactory(issued="1973")

    assert bounds(source, "issued") == (D(1973, 1, 1), D(1973, 12, 31))


def test_changing_or_clearing_a_date_updates_its_bounds():
    document = factories.DocumentFactory(date="1920")

    document.date = "1926-06"
    document.save()
    assert bounds(document, "date") == (D(1926, 6, 1), D(1926, 6, 30))

    document.date = ""
    document.save()
    assert bounds(document, "date") == (None, None)


def test_open_interval_stores_one_bound():
    event = factories.EventFactory(date="1931/..")

    assert bounds(event, "date") == (D(1931, 1, 1), None)


def test_saving_an_invalid_date_raises_for_that_field_and_writes_nothing():
    document = factories.DocumentFactory.build(date="1938-13-45")

    with pytest.raises(ValidationError) as caught:
        document.save()

    assert list(caught.value.message_dict) == ["date"]
    assert not models.Document.objects.filter(slug=document.slug).exists()


def test_ordering_by_date_uses_the_lower_bound():
    late = factories.DocumentFactory(date="1938")
    early = factories.DocumentFactory(date="192X")
    middle = factories.DocumentFactory(date="1926-06")

    assert list(models.Document.objects.all()) == [early, middle, late]


def test_filtering_by_bounds_finds_overlapping_records():
    inside = factories.EventFactory(date="1938-03-02/1938-03-13")
    factories.EventFactory(date="1926")

    found = models.Event.objects.filter(
        date_lower__lte=D(1938, 3, 5), date_upper__gte=D(1938, 3, 5)
    )

    assert list(found) == [inside]


# full_clean messages -------------------------------------------------------------------------


def test_full_clean_gives_one_message_per_invalid_date_field():
    person = factories.PersonFactory.build(birth="garbage", death="1938-13-45")

    with pytest.raises(ValidationError) as caught:
        person.full_clean()

    errors = caught.value.message_dict
    assert set(errors) == {"birth", "death"}
    assert len(errors["birth"]) == 1
    assert len(errors["death"]) == 1
    assert "“garbage” is not a valid EDTF date" in errors["birth"][0]


def test_full_clean_reports_a_reversed_range_once_on_its_field():
    document = factories.DocumentFactory.build(date="1938-03-13/1938-03-02")

    with pytest.raises(ValidationError) as caught:
        document.full_clean()

    assert caught.value.message_dict == {
        "date": ["The date range “1938-03-13/1938-03-02” ends before it starts."]
    }


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (factories.DefendantFactory, "carried_out"),
        (factories.DefendantFactory, "rehabilitated"),
        (factories.SourceFactory, "issued"),
        (factories.PersonRelationFactory, "date"),
    ],
)
def test_full_clean_reports_invalid_dates_on_linked_rows(factory, field):
    obj = factory()
    setattr(obj, field, "Y170000002")

    with pytest.raises(ValidationError) as caught:
        obj.full_clean()

    assert list(caught.value.message_dict) == [field]
    assert "outside the years 1–9999" in caught.value.message_dict[field][0]


def test_full_clean_accepts_a_valid_record_and_derives_its_bounds():
    person = factories.PersonFactory.build(birth="1888", death="1938")

    person.full_clean()

    assert (person.birth_lower, person.death_upper) == (D(1888, 1, 1), D(1938, 12, 31))


def test_full_clean_shows_the_death_before_birth_message():
    person = factories.PersonFactory.build(birth="1938", death="1888")

    with pytest.raises(ValidationError) as caught:
        person.full_clean()

    assert caught.value.message_dict == {"__all__": ["A person cannot die before being born."]}


def test_full_clean_shows_the_self_relation_message():
    person = factories.PersonFactory()
    relation = models.PersonRelation(person=person, related=person, kind="friend")

    with pytest.raises(ValidationError) as caught:
        relation.full_clean()

    assert "A person cannot be related to themselves." in caught.value.messages


def test_full_clean_shows_the_duplicate_defendant_message():
    defendant = factories.DefendantFactory()
    again = models.Defendant(trial=defendant.trial, person=defendant.person)

    with pytest.raises(ValidationError) as caught:
        again.full_clean()

    assert "This person is already a defendant in this trial." in caught.value.messages


def test_full_clean_shows_the_acquitted_with_sentence_message():
    defendant = models.Defendant(
        trial=factories.TrialFactory(),
        person=factories.PersonFactory(),
        verdict=models.Defendant.Verdict.ACQUITTED,
        carried_out="1938-03-15",
    )

    with pytest.raises(ValidationError) as caught:
        defendant.full_clean()

    assert "An acquitted defendant has no sentence carried out." in caught.value.messages


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latitude", Decimal("91"), "Latitude lies between -90 and 90."),
        ("latitude", Decimal("-90.5"), "Latitude lies between -90 and 90."),
        ("longitude", Decimal("180.000001"), "Longitude lies between -180 and 180."),
    ],
)
def test_full_clean_shows_the_coordinate_range_message(field, value, message):
    place = factories.PlaceFactory.build(**{field: value})

    with pytest.raises(ValidationError) as caught:
        place.full_clean()

    assert message in caught.value.messages


def test_full_clean_refuses_a_duplicate_slug():
    factories.PersonFactory(slug="bukharin")
    person = factories.PersonFactory.build(slug="bukharin")

    with pytest.raises(ValidationError) as caught:
        person.full_clean()

    assert list(caught.value.message_dict) == ["slug"]


def test_a_model_form_refuses_a_death_before_birth():
    person_form = forms.modelform_factory(models.Person, fields=["title", "slug", "birth", "death"])
    form = person_form(data={"title": "X", "slug": "x", "birth": "1938", "death": "1888"})

    # A form holds no *_lower/*_upper fields; the constraints on them must still be checked.
    assert not form.is_valid()
    assert form.non_field_errors() == ["A person cannot die before being born."]


def test_a_model_form_accepts_a_valid_person_and_saves_the_bounds():
    person_form = forms.modelform_factory(models.Person, fields=["title", "slug", "birth", "death"])
    form = person_form(data={"title": "X", "slug": "x", "birth": "1888", "death": "1938"})

    assert form.is_valid(), form.errors
    person = form.save()
    assert bounds(person, "birth") == (D(1888, 1, 1), D(1888, 12, 31))


# Database constraints (bypassing save and full_clean) -----------------------------------------


def assert_integrity_error(operation) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        operation()


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (factories.PersonFactory, "slug"),
        (factories.DocumentFactory, "slug"),
        (factories.PhotographFactory, "slug"),
        (factories.TrialFactory, "slug"),
        (factories.EventFactory, "slug"),
        (factories.PlaceFactory, "slug"),
        (factories.CollectionFactory, "slug"),
        (factories.SubjectFactory, "slug"),
        (factories.RightsStatementFactory, "slug"),
        (factories.RightsStatementFactory, "uri"),
        (factories.SourceFactory, "key"),
    ],
)
def test_database_refuses_a_duplicate_slug(factory, field):
    existing = factory()
    model = type(existing)
    extra = {"collection": existing.collection} if hasattr(model, "collection") else {}
    duplicate = factory.build(**{field: getattr(existing, field)}, **extra)

    assert_integrity_error(lambda: model.objects.bulk_create([duplicate]))


def test_the_same_slug_may_be_used_by_different_models():
    person = factories.PersonFactory(slug="bukharin")

    document = factories.DocumentFactory(slug=person.slug)

    assert document.slug == "bukharin"


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (factories.PersonFactory, "birth"),
        (factories.PersonFactory, "death"),
        (factories.DocumentFactory, "date"),
        (factories.PhotographFactory, "date"),
        (factories.TrialFactory, "date"),
        (factories.EventFactory, "date"),
        (factories.PersonRelationFactory, "date"),
        (factories.DefendantFactory, "carried_out"),
        (factories.DefendantFactory, "rehabilitated"),
        (factories.SourceFactory, "issued"),
    ],
)
def test_database_refuses_a_lower_bound_after_the_upper(factory, field):
    obj = factory()
    rows = type(obj).objects.filter(pk=obj.pk)
    # Person also checks birth against death: keep the other date out of the way.
    other = {"death_upper": None} if field == "birth" else {}
    other |= {"birth_lower": None} if field == "death" else {}

    assert_integrity_error(
        lambda: rows.update(
            **{f"{field}_lower": D(1938, 3, 13), f"{field}_upper": D(1938, 3, 2)}, **other
        )
    )
    rows.update(**{f"{field}_lower": D(1938, 3, 2), f"{field}_upper": D(1938, 3, 2)}, **other)
    assert bounds(obj, field) == (D(1938, 3, 2), D(1938, 3, 2))


def test_database_refuses_two_defendant_rows_for_one_person_in_one_trial():
    defendant = factories.DefendantFactory()

    assert_integrity_error(
        lambda: models.Defendant.objects.bulk_create(
            [models.Defendant(trial=defendant.trial, person=defendant.person)]
        )
    )


def test_one_person_may_be_a_defendant_in_two_trials():
    defendant = factories.DefendantFactory()

    factories.DefendantFactory(person=defendant.person)

    assert defendant.person.trials.count() == 2


def test_database_refuses_a_relation_from_a_person_to_themselves():
    person = factories.PersonFactory()

    assert_integrity_error(
        lambda: models.PersonRelation.objects.bulk_create(
            [models.PersonRelation(person=person, related=person, kind="friend")]
        )
    )


def test_database_refuses_a_duplicate_relation():
    relation = factories.PersonRelationFactory()

    assert_integrity_error(
        lambda: models.PersonRelation.objects.bulk_create(
            [
                models.PersonRelation(
                    person=relation.person, related=relation.related, kind=relation.kind
                )
            ]
        )
    )


@pytest.mark.parametrize(
    "factory",
    [
        factories.PersonFactory,
        factories.DocumentFactory,
        factories.PhotographFactory,
        factories.TrialFactory,
        factories.EventFactory,
    ],
)
def test_database_refuses_published_without_a_publication_time(factory):
    record = factory(status=models.Status.DRAFT)
    rows = type(record).objects.filter(pk=record.pk)

    assert_integrity_error(lambda: rows.update(status=models.Status.PUBLISHED, published_at=None))
    assert rows.get().status == models.Status.DRAFT


def test_database_allows_a_draft_without_a_publication_time():
    person = factories.PersonFactory(status=models.Status.DRAFT)

    models.Person.objects.filter(pk=person.pk).update(published_at=None)

    person.refresh_from_db()
    assert person.published_at is None


def test_database_refuses_a_person_dying_before_being_born():
    person = factories.PersonFactory(birth="1888", death="1938")
    rows = models.Person.objects.filter(pk=person.pk)

    assert_integrity_error(
        lambda: rows.update(
            birth_lower=D(1938, 1, 1),
            birth_upper=D(1938, 12, 31),
            death_lower=D(1888, 1, 1),
            death_upper=D(1888, 12, 31),
        )
    )


def test_dying_in_the_year_of_birth_is_allowed():
    person = factories.PersonFactory(birth="1900-05", death="1900")

    assert person.life_dates == "May 1900–1900"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("latitude", Decimal("90.000001")),
        ("latitude", Decimal("-91")),
        ("longitude", Decimal("180.5")),
        ("longitude", Decimal("-181")),
    ],
)
def test_database_refuses_coordinates_out_of_range(field, value):
    place = factories.PlaceFactory()

    assert_integrity_error(
        lambda: models.Place.objects.filter(pk=place.pk).update(**{field: value})
    )


def test_database_accepts_coordinates_at_the_limits():
    place = factories.PlaceFactory(latitude=Decimal("-90"), longitude=Decimal("180"))

    place.refresh_from_db()
    assert (place.latitude, place.longitude) == (Decimal("-90"), Decimal("180"))


def test_database_refuses_an_acquitted_defendant_with_a_sentence_carried_out():
    defendant = factories.DefendantFactory(carried_out="1938-03-15")

    assert_integrity_error(
        lambda: models.Defendant.objects.filter(pk=defendant.pk).update(verdict="acquitted")
    )


# Behaviour of one record --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "death", "expected"),
    [
        ("1888-10-09", "1938-03-15", "9 October 1888–15 March 1938"),
        ("1888", "1938", "1888–1938"),
        ("1909~/1911~", "", "born c. 1909–1911"),
        ("1931", "", "born 1931"),
        ("", "1925~", "died c. 1925"),
        ("", "", ""),
    ],
)
def test_life_dates(birth, death, expected):
    person = factories.PersonFactory(birth=birth, death=death)

    assert person.life_dates == expected


def test_date_text_is_the_human_display():
    trial = factories.TrialFactory(date="1938-03-02/1938-03-13")

    assert trial.date_text == "2–13 March 1938"


def test_saving_as_published_sets_the_publication_time():
    before = timezone.now()
    document = factories.DocumentFactory(status=models.Status.PUBLISHED, published_at=None)

    document.refresh_from_db()
    assert before <= document.published_at <= timezone.now()


def test_saving_as_published_keeps_a_chosen_publication_time():
    later = timezone.now() + datetime.timedelta(days=3)

    document = factories.DocumentFactory(status=models.Status.PUBLISHED, published_at=later)

    document.refresh_from_db()
    assert document.published_at == later


def test_a_draft_gets_no_publication_time():
    document = factories.DocumentFactory(status=models.Status.DRAFT)

    assert document.published_at is None


def test_full_clean_on_a_published_record_fills_the_publication_time():
    document = factories.DocumentFactory.build(status=models.Status.PUBLISHED, published_at=None)
    document.collection.save()

    document.full_clean()

    assert document.published_at is not None


def test_get_absolute_url_is_the_namespaced_detail_page():
    person = factories.PersonFactory(slug="bukharin")
    photograph = factories.PhotographFactory(slug="hall")

    assert person.get_absolute_url() == "/persons/bukharin/"
    assert photograph.get_absolute_url() == "/photographs/hall/"


def test_document_authors_lists_authors_in_order():
    document = factories.DocumentFactory()
    first, second, editor = factories.PersonFactory.create_batch(3)
    models.Contribution.objects.create(document=document, person=second, position=2)
    models.Contribution.objects.create(document=document, person=first, position=1)
    models.Contribution.objects.create(
        document=document, person=editor, role=models.Contribution.Role.EDITOR, position=0
    )

    assert document.authors() == [first, second]


def test_relation_inverse_label():
    parent = factories.PersonRelationFactory(kind=models.PersonRelation.Kind.PARENT)
    friend = factories.PersonRelationFactory(kind=models.PersonRelation.Kind.FRIEND)

    assert parent.inverse_label == "child of"
    assert friend.inverse_label == "friend of"


def test_citation_without_a_source_needs_one():
    citation = factories.CitationFactory(source=None)
    cited = factories.CitationFactory()

    assert citation.needs_source
    assert str(citation) == "Citation needed"
    assert list(models.Citation.objects.needing_source()) == [citation]
    assert list(models.Citation.objects.for_object(cited.cited_object)) == [cited]


# History ------------------------------------------------------------------------------------


def test_history_records_a_revision_per_save():
    person = factories.PersonFactory(title="Nikolai Bukharin")
    person.title = "Nikolai Ivanovich Bukharin"
    person.save()
    person.death = "1938-03-15"
    person.save()

    revisions = list(person.history.order_by("history_date"))
    assert [r.history_type for r in revisions] == ["+", "~", "~"]
    assert [r.title for r in revisions] == [
        "Nikolai Bukharin",
        "Nikolai Ivanovich Bukharin",
        "Nikolai Ivanovich Bukharin",
    ]
    assert revisions[0].birth_lower == D(1888, 10, 9)


@pytest.mark.parametrize(
    "factory",
    [
        factories.DocumentFactory,
        factories.TrialFactory,
        factories.EventFactory,
        factories.PlaceFactory,
        factories.SourceFactory,
        factories.DefendantFactory,
        factories.PersonRelationFactory,
        factories.CitationFactory,
    ],
)
def test_every_model_keeps_history(factory):
    obj = factory()
    obj.save()

    assert obj.history.count() == 2


def test_deleting_a_record_keeps_its_history():
    event = factories.EventFactory()
    pk = event.pk

    event.delete()

    assert [
        r.history_type for r in models.Event.history.filter(id=pk).order_by("history_date")
    ] == [
        "+",
        "-",
    ]
