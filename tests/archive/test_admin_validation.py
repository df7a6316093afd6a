"""Bad input gets a clear message on the admin form, and nothing is saved half-way."""

from django.urls import reverse

from archive.models import Citation, Defendant, Document, Person, Trial
from tests import factories

DEFENDANTS = "defendants"
CITATIONS = "archive-citation-content_type-object_id"


def errors_of(response) -> dict:
    assert response.status_code == 200, "the form was accepted"
    return response.context["adminform"].form.errors


def test_malformed_edtf_is_reported_on_the_date_field(curator_client, admin_submit):
    response = admin_submit(
        curator_client,
        reverse("admin:archive_document_add"),
        {"title": "Letter", "slug": "letter", "date": "1938-13-45"},
    )
    assert "1938-13-45" in errors_of(response)["date"][0]
    assert not Document.objects.exists()


def test_a_reversed_date_range_is_reported(curator_client, admin_submit):
    trial = factories.TrialFactory(date="1938-03-02/1938-03-13")
    response = admin_submit(
        curator_client,
        reverse("admin:archive_trial_change", args=[trial.pk]),
        {"date": "1938-03-13/1938-03-02"},
    )
    assert "ends before it starts" in errors_of(response)["date"][0]
    trial.refresh_from_db()
    assert trial.date == "1938-03-02/1938-03-13"


def test_death_before_birth_is_reported(curator_client, admin_submit):
    response = admin_submit(
        curator_client,
        reverse("admin:archive_person_add"),
        {"title": "Nobody", "slug": "nobody", "birth": "1938", "death": "1888"},
    )
    assert "cannot die before being born" in str(errors_of(response))
    assert not Person.objects.exists()


def test_a_duplicate_slug_is_reported(curator_client, admin_submit):
    factories.DocumentFactory(slug="abc-of-communism")
    response = admin_submit(
        curator_client,
        reverse("admin:archive_document_add"),
        {"title": "ABC", "slug": "abc-of-communism"},
    )
    assert "already exists" in errors_of(response)["slug"][0]
    assert Document.objects.count() == 1


def test_the_same_defendant_twice_is_reported_and_nothing_saved(curator_client, admin_submit):
    trial = factories.TrialFactory(title="Trial of the Twenty-One")
    bukharin = factories.PersonFactory()
    response = admin_submit(
        curator_client,
        reverse("admin:archive_trial_change", args=[trial.pk]),
        {"title": "Renamed while failing"},
        rows={DEFENDANTS: [{"person": str(bukharin.pk)}, {"person": str(bukharin.pk)}]},
    )
    assert response.status_code == 200
    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == DEFENDANTS
    )
    assert "duplicate data for person" in " ".join(formset.non_form_errors())
    trial.refresh_from_db()
    assert trial.title == "Trial of the Twenty-One"
    assert not Defendant.objects.exists()


def test_an_existing_defendant_added_again_is_reported(curator_client, admin_submit):
    defendant = factories.DefendantFactory()
    response = admin_submit(
        curator_client,
        reverse("admin:archive_trial_change", args=[defendant.trial.pk]),
        rows={DEFENDANTS: [{"person": str(defendant.person.pk)}]},
    )
    assert response.status_code == 200
    assert "already a defendant" in str(response.context["errors"])
    assert Defendant.objects.count() == 1


def test_a_bad_inline_date_keeps_the_new_trial_unsaved(curator_client, admin_submit):
    person = factories.PersonFactory()
    response = admin_submit(
        curator_client,
        reverse("admin:archive_trial_add"),
        {"title": "Shakhty Trial", "slug": "shakhty"},
        rows={DEFENDANTS: [{"person": str(person.pk), "carried_out": "1928-02-30"}]},
    )
    assert response.status_code == 200
    assert "“1928-02-30” is not a valid EDTF date" in str(response.context["errors"])
    assert not Trial.objects.exists()


def test_a_trial_with_defendants_and_citations_is_saved_together(curator_client, admin_submit):
    bukharin, rykov = factories.PersonFactory.create_batch(2)
    source = factories.SourceFactory()
    response = admin_submit(
        curator_client,
        reverse("admin:archive_trial_add"),
        {"title": "Trial of the Twenty-One", "slug": "twenty-one", "date": "1938-03-02/1938-03-13"},
        rows={
            DEFENDANTS: [
                {"person": str(bukharin.pk), "verdict": "guilty", "carried_out": "1938-03-15"},
                {"person": str(rykov.pk), "position": "1"},
            ],
            CITATIONS: [{"source": str(source.pk), "locator": "p. 47"}, {"quote": "unsourced"}],
        },
    )
    assert response.status_code == 302
    trial = Trial.objects.get()
    assert trial.date_lower.isoformat() == "1938-03-02"
    assert [d.person for d in trial.defendants.all()] == [bukharin, rykov]
    assert trial.defendants.get(person=bukharin).carried_out_lower.isoformat() == "1938-03-15"
    assert [c.source for c in trial.citations.all()] == [source, None]


def test_a_citation_for_a_missing_record_is_reported(curator_client, admin_submit):
    from django.contrib.contenttypes.models import ContentType

    person_type = ContentType.objects.get_for_model(Person)
    response = admin_submit(
        curator_client,
        reverse("admin:archive_citation_add"),
        {"content_type": str(person_type.pk), "object_id": "999999", "locator": "p. 1"},
    )
    assert "There is no person with ID 999999." in errors_of(response)["object_id"][0]
    assert not Citation.objects.exists()
