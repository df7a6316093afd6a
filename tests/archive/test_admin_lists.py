"""Change lists: a fixed number of queries however many rows, filters, thumbnails, the worklist."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive import models as archive_models
from archive.admin.base import DecadeFilter
from archive.models import Citation, Status
from tests import factories


def make_person() -> archive_models.Person:
    person = factories.PersonFactory()
    factories.PersonNameFactory(person=person)
    return person


def make_document() -> archive_models.Document:
    document = factories.DocumentFactory(place=factories.PlaceFactory())
    for role in ["author", "editor"]:
        archive_models.Contribution.objects.create(
            document=document, person=factories.PersonFactory(), role=role
        )
    document.subjects.add(factories.SubjectFactory())
    return document


def make_trial() -> archive_models.Trial:
    trial = factories.TrialFactory(prosecutor=factories.PersonFactory())
    factories.DefendantFactory(trial=trial)
    return trial


def make_citation(source=True) -> Citation:
    # Citations of two kinds of record, so the generic prefetch is exercised per kind.
    cited = factories.DocumentFactory() if Citation.objects.count() % 2 else make_person()
    return factories.CitationFactory(cited_object=cited, **({} if source else {"source": None}))


ROW_MAKERS: dict[type, Callable[[], object]] = {
    archive_models.Person: make_person,
    archive_models.Document: make_document,
    archive_models.Photograph: lambda: factories.PhotographFactory(
        photographer=factories.PersonFactory()
    ),
    archive_models.Trial: make_trial,
    archive_models.Event: lambda: factories.EventFactory(place=factories.PlaceFactory()),
    archive_models.Place: lambda: factories.PlaceFactory(parent=factories.PlaceFactory()),
    archive_models.Collection: lambda: factories.CollectionFactory(
        parent=factories.CollectionFactory()
    ),
    archive_models.Subject: lambda: factories.SubjectFactory(broader=factories.SubjectFactory()),
    archive_models.RightsStatement: factories.RightsStatementFactory,
    archive_models.Source: lambda: factories.CitationFactory().source,
    archive_models.Citation: make_citation,
    archive_models.CitationNeeded: lambda: make_citation(source=False),
}


def changelist_queries(client, model) -> int:
    url = reverse(f"admin:archive_{model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", list(ROW_MAKERS), ids=lambda m: m._meta.model_name)
def test_changelist_query_count_does_not_grow_with_rows(curator_client, model):
    make = ROW_MAKERS[model]
    for _ in range(2):
        make()
    few = changelist_queries(curator_client, model)
    for _ in range(6):
        make()
    many = changelist_queries(curator_client, model)
    assert many == few, f"{few} queries for 2 rows, {many} for 8"


def test_decade_filter_offers_only_decades_with_records(curator_client):
    for date in ["1917", "1919-11", "1938-03-02/1938-03-13"]:
        factories.DocumentFactory(date=date)
    url = reverse("admin:archive_document_changelist")
    response = curator_client.get(url)
    decade = next(f for f in response.context["cl"].filter_specs if isinstance(f, DecadeFilter))
    assert decade.lookup_choices == [("1910", "1910s"), ("1930", "1930s")]

    response = curator_client.get(url, {"decade": "1910"})
    assert sorted(d.date for d in response.context["cl"].result_list) == ["1917", "1919-11"]


def test_a_bad_decade_is_not_an_error_page(curator_client):
    factories.EventFactory(date="1929")
    url = reverse("admin:archive_event_changelist")
    for bad in ["19x0", "1925", "99990"]:
        response = curator_client.get(url, {"decade": bad})
        # The admin's answer to a bad filter value: back to the unfiltered list with ?e=1.
        assert response.status_code == 302, bad
        assert response["Location"].endswith("?e=1")


def test_persons_filter_by_decade_of_birth(curator_client):
    older = factories.PersonFactory(birth="1888-10-09")
    factories.PersonFactory(birth="1901", death="")
    response = curator_client.get(reverse("admin:archive_person_changelist"), {"born": "1880"})
    assert list(response.context["cl"].result_list) == [older]
    assert "9 October 1888–15 March 1938" in response.content.decode()


def test_status_and_kind_filters(curator_client):
    letter = factories.DocumentFactory(kind="letter", status=Status.DRAFT)
    factories.DocumentFactory(kind="letter", status=Status.PUBLISHED)
    factories.DocumentFactory(kind="book", status=Status.DRAFT)
    response = curator_client.get(
        reverse("admin:archive_document_changelist"), {"kind": "letter", "status": "draft"}
    )
    assert list(response.context["cl"].result_list) == [letter]


def test_document_list_shows_kind_date_and_authors(curator_client):
    document = make_document()
    author = document.authors()[0]
    content = curator_client.get(reverse("admin:archive_document_changelist")).content.decode()
    assert author.title in content
    assert "Book" in content
    assert ">1920<" in content


def test_photograph_list_shows_the_thumbnail(curator_client):
    photo = factories.PhotographFactory(status=Status.DRAFT, alt_text="Bukharin at his desk")
    response = curator_client.get(reverse("admin:archive_photograph_changelist"))
    small = reverse("archive:photograph-file", args=[photo.slug, "w480.webp"])
    expected = (
        f'<picture><source type="image/webp" srcset="{small}">'
        f'<img class="vitrine-thumbnail" src="{photo.thumbnail_url}" width="64" height="48" '
        'alt="Bukharin at his desk" loading="lazy"></picture>'
    )
    assert expected in response.content.decode()
    # The images are served to staff although the photograph is unpublished.
    assert curator_client.get(small)["Content-Type"] == "image/webp"
    assert curator_client.get(photo.thumbnail_url).status_code == 200


def test_photograph_form_shows_the_thumbnail(curator_client):
    photo = factories.PhotographFactory(alt_text="A crowd in <Red> Square")
    response = curator_client.get(reverse("admin:archive_photograph_change", args=[photo.pk]))
    content = response.content.decode()
    small = reverse("archive:photograph-file", args=[photo.slug, "w480.jpg"])
    assert f'src="{small}"' in content
    assert 'class="vitrine-preview"' in content
    assert 'alt="A crowd in &lt;Red&gt; Square"' in content


def test_uploading_a_photograph_makes_its_thumbnail(curator_client, admin_submit):
    url = reverse("admin:archive_photograph_add")
    image = factories.image_file("bukharin.jpg", width=800, height=600)
    response = admin_submit(
        curator_client,
        url,
        {"title": "Bukharin", "slug": "bukharin", "alt_text": "A portrait.", "image": image},
    )
    assert response.status_code == 302
    photo = archive_models.Photograph.objects.get()
    assert (photo.width, photo.height) == (800, 600)
    assert photo.thumbnail and len(photo.sha256) == 64


def test_worklist_links_each_citation_to_its_record(curator_client):
    person = factories.PersonFactory(title="Nikolai Bukharin")
    factories.CitationFactory(cited_object=person, source=None, quote="He was the darling")
    factories.CitationFactory(cited_object=person)  # has a source: not on the worklist
    response = curator_client.get(reverse("admin:archive_citationneeded_changelist"))
    content = response.content.decode()
    assert [c.quote for c in response.context["cl"].result_list] == ["He was the darling"]
    person_url = reverse("admin:archive_person_change", args=[person.pk])
    assert f'<a href="{person_url}">Nikolai Bukharin</a>' in content
    assert "Citations needing a source" in content


def test_a_source_filled_in_on_the_worklist_takes_the_citation_off_it(
    curator_client, admin_form_data
):
    citation = factories.CitationFactory(source=None)
    source = factories.SourceFactory()
    url = reverse("admin:archive_citationneeded_changelist")
    data = admin_form_data(curator_client.get(url), form_id="changelist-form")
    data.update({"form-0-source": str(source.pk), "_save": "Save"})

    assert curator_client.post(url, data).status_code == 302

    citation.refresh_from_db()
    assert citation.source == source
    assert not curator_client.get(url).context["cl"].result_list
    # The edit is a revision of the citation like any other.
    assert citation.history.first().source_id == source.pk
