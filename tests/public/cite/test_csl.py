"""Records, exhibits and sources as CSL-JSON: the mapping, and validity against the official
schema for every public demo record."""

import datetime

import pytest

from archive import visibility
from archive.kinds import RECORD_MODELS
from archive.models import Contribution, Source, Status
from public.cite import csl, pages
from tests import factories
from tests.exhibits.factories import ExhibitFactory, SectionFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("edtf", "expected"),
    [
        ("1938-03-02/1938-03-13", {"date-parts": [[1938, 3, 2], [1938, 3, 13]]}),
        ("1926-06", {"date-parts": [[1926, 6]]}),
        ("1909~/1911~", {"date-parts": [[1909], [1911]], "circa": True}),
        ("1925?", {"date-parts": [[1925]], "circa": True}),
        ("1937/1938", {"date-parts": [[1937], [1938]]}),
        ("192X", {"literal": "1920s"}),
        ("1931/..", {"literal": "from 1931"}),
        ("", None),
    ],
)
def test_edtf_to_csl_date(edtf, expected):
    assert csl.csl_date(edtf) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bukharin, Nikolai Ivanovich", {"family": "Bukharin", "given": "Nikolai Ivanovich"}),
        (
            "Lavoisier, Antoine-Laurent de",
            {"family": "Lavoisier", "given": "Antoine-Laurent", "dropping-particle": "de"},
        ),
        ("Бухарин, Николай Иванович", {"family": "Бухарин", "given": "Николай Иванович"}),
        ("Voltaire", {"literal": "Voltaire"}),
    ],
)
def test_names(text, expected):
    assert csl.parse_name(text) == expected


def test_document_maps_kind_roles_date_publisher_and_hides_unpublished_people(csl_validator):
    place = factories.PlaceFactory(name="Moscow")
    document = factories.DocumentFactory(
        title="The ABC of Communism",
        original_title="Азбука коммунизма",
        kind="letter",
        date="1919~/1920~",
        publisher="Gosizdat",
        place=place,
        language="ru",
    )
    author = factories.PersonFactory(sort_name="Бухарин, Николай Иванович")
    coauthor = factories.PersonFactory(sort_name="Preobrazhensky, Yevgeni")
    translator = factories.PersonFactory(sort_name="Paul, Eden")
    hidden = factories.PersonFactory(sort_name="Secret, Person", status=Status.DRAFT)
    for position, (person, role) in enumerate(
        [
            (author, Contribution.Role.AUTHOR),
            (coauthor, Contribution.Role.AUTHOR),
            (translator, Contribution.Role.TRANSLATOR),
            (hidden, Contribution.Role.AUTHOR),
        ]
    ):
        Contribution.objects.create(document=document, person=person, role=role, position=position)
    item = csl.record_item(document, "https://example.org/documents/x/", DAY)
    assert item["type"] == "personal_communication"
    assert item["author"] == [
        {"family": "Бухарин", "given": "Николай Иванович"},
        {"family": "Preobrazhensky", "given": "Yevgeni"},
    ]
    assert item["translator"] == [{"family": "Paul", "given": "Eden"}]
    assert item["issued"] == {"date-parts": [[1919], [1920]], "circa": True}
    assert item["publisher"] == "Gosizdat"
    assert item["publisher-place"] == "Moscow"
    assert item["original-title"] == "Азбука коммунизма"
    assert item["accessed"] == {"date-parts": [[2026, 11, 26]]}
    assert item["archive"] == "Vitrine"
    assert "Secret" not in str(item)
    csl_validator.validate([item])


def test_photograph_is_a_graphic_by_its_public_photographer():
    photographer = factories.PersonFactory(sort_name="Nappelbaum, Moisei")
    photo = factories.PhotographFactory(photographer=photographer, date="1926-06")
    item = csl.record_item(photo, "https://example.org/p/", DAY)
    assert item["type"] == "graphic"
    assert item["author"] == [{"family": "Nappelbaum", "given": "Moisei"}]
    assert item["issued"] == {"date-parts": [[1926, 6]]}
    photographer.status = Status.WITHDRAWN
    photographer.save()
    photo.refresh_from_db()
    assert "author" not in csl.record_item(photo, "https://example.org/p/", DAY)


def test_person_trial_event_are_pages_of_the_archive():
    trial = factories.TrialFactory(date="1938-03-02/1938-03-13")
    item = csl.record_item(trial, "https://example.org/t/", DAY)
    assert item["type"] == "webpage"
    assert item["container-title"] == "Vitrine"
    assert item["issued"] == {"date-parts": [[1938, 3, 2], [1938, 3, 13]]}
    person = factories.PersonFactory()
    assert csl.record_item(person, "https://example.org/x/", DAY)["type"] == "webpage"


def test_exhibit_and_section_items():
    exhibit = ExhibitFactory(title="Bukharin")
    section = SectionFactory(exhibit=exhibit, title="Exile")
    item = csl.exhibit_item(exhibit, "https://example.org/e/", accessed=DAY)
    assert (item["type"], item["title"], item["container-title"]) == (
        "webpage",
        "Bukharin",
        "Vitrine",
    )
    item = csl.exhibit_item(exhibit, "https://example.org/e/s/", section=section, accessed=DAY)
    assert (item["title"], item["container-title"]) == ("Exile", "Bukharin")


def test_source_item():
    source = factories.SourceFactory(
        key="cohen-1973",
        csl_type=Source.Type.BOOK,
        title="Bukharin and the Bolshevik Revolution",
        author="Cohen, Stephen F.; Gogh, Vincent van",
        publisher="Knopf",
        publisher_place="New York",
        issued="1973",
        isbn="0394460146",
    )
    item = csl.source_item(source)
    assert item["id"] == "cohen-1973"
    assert item["author"][1] == {"family": "Gogh", "given": "Vincent", "dropping-particle": "van"}
    assert item["issued"] == {"date-parts": [[1973]]}
    assert item["ISBN"] == "0394460146"


def test_every_demo_item_is_valid_csl_json(demo, csl_validator, rf):
    request = rf.get("/")
    items = []
    for model in RECORD_MODELS:
        for record in visibility.public(model.objects.all()):
            items.append(pages.page_item(request, record))
    items += [csl.source_item(source) for source in Source.objects.all()]
    assert len(items) > 60
    errors = [f"{e.path}: {e.message}" for e in csl_validator.iter_errors(items)]
    assert errors == []
