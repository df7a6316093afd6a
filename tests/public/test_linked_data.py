"""schema.org JSON-LD on the public pages (public.linked_data and its exhibits module): the
types and properties each kind of page states, checked against schema.org's own context,
offline; what it never names (unpublished records and persons); and that no text can break
out of the script."""

import datetime
import io
import json
import tempfile

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory, TestCase, override_settings
from django.utils import timezone

from archive.models import Document, Event, Person, Photograph, Status, Trial
from exhibits.models import Exhibit
from public import linked_data
from public.linked_data import schema_date, schema_date_range
from public.views import (
    DocumentDetailView,
    EventDetailView,
    PersonDetailView,
    PhotographDetailView,
    TrialDetailView,
)
from tests import factories
from tests.exhibits.factories import ExhibitFactory, SectionFactory
from tests.public.jsonld import (
    check_schema_org,
    json_ld_of,
    scripts_of,
    terms_used,
    undefined_terms,
)

SCHEMA = "http://schema.org/"


def past(days: float = 1) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def future(days: float = 3) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


# Dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "expected"),
    [
        ("1938-03-15", "1938-03-15"),
        ("1926-06", "1926-06"),
        ("1888", "1888"),
        ("1938-03-XX", "1938-03"),
        ("1938-XX-XX", "1938"),
        ("1888~", None),  # approximate: schema.org cannot say "circa"
        ("1925?", None),  # uncertain
        ("1925%", None),
        ("1938-03-15?", None),
        ("192X", None),  # a decade is no ISO 8601 date
        ("19XX", None),
        ("1909~/1911~", None),  # an interval is not one date
        ("1938-02-30", None),  # not a real day
        ("not a date", None),
        ("", None),
    ],
)
def test_schema_date_states_only_what_is_certain(edtf, expected):
    assert schema_date(edtf) == expected


@pytest.mark.parametrize(
    ("edtf", "expected"),
    [
        ("1938-03-02/1938-03-13", ("1938-03-02", "1938-03-13")),
        ("1938-03-15", ("1938-03-15", None)),
        ("1931/..", ("1931", None)),
        ("../1931", (None, "1931")),
        ("1909~/1911", (None, "1911")),
        ("1909~/1911~", (None, None)),
        ("192X", (None, None)),
        ("nonsense", (None, None)),
        ("", (None, None)),
    ],
)
def test_schema_date_range_keeps_each_certain_end(edtf, expected):
    assert schema_date_range(edtf) == expected


# Serialising -----------------------------------------------------------------------------------


HOSTILE = "</script><script>alert(1)</script><!-- & \u2028 <b>"


def test_to_script_cannot_be_broken_out_of():
    script = str(linked_data.to_script({"name": HOSTILE, "description": "</SCRIPT >"}))
    assert script.startswith('<script type="application/ld+json">')
    inner = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"name": HOSTILE, "description": "</SCRIPT >"}
    assert linked_data.to_script(None) == ""


@pytest.mark.django_db
def test_hostile_titles_stay_inside_the_json_ld(client):
    person = factories.PersonFactory(title=HOSTILE, summary="<!-- a comment opener", slug="h")
    response = client.get(person.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    scripts = scripts_of(html)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["name"] == HOSTILE
    assert data["description"] == "<!-- a comment opener"
    # The page's own head still holds exactly the scripts it should.
    assert html.count("<script") == 1 + html.count("<script src")


# Records, from factories -------------------------------------------------------------------------


@pytest.mark.django_db
def test_person_json_ld(client):
    portrait = factories.PhotographFactory(title="Portrait", slug="portrait")
    moscow = factories.PlaceFactory(name="Moscow", wikidata_id="Q649")
    person = factories.PersonFactory(
        title="Nikolai Bukharin",
        slug="bukharin",
        summary="Bolshevik theorist.",
        birth="1888-10-09",
        death="1938-03-15",
        birth_place=moscow,
        wikidata_id="Q184855",
        viaf_id="27066848",
        portrait=portrait,
    )
    for name in ("Николай Иванович Бухарин", "Boukharine", "Nikolai Bukharin"):
        factories.PersonNameFactory(person=person, name=name)
    friend = factories.PersonFactory(title="Ilya Ehrenburg", slug="ehrenburg")
    wife = factories.PersonFactory(title="Anna Larina", slug="larina")
    hidden = factories.PersonFactory(title="Hidden Friend", slug="hidden", status=Status.DRAFT)
    factories.PersonRelationFactory(person=person, related=friend, kind="friend")
    factories.PersonRelationFactory(person=wife, related=person, kind="spouse")
    factories.PersonRelationFactory(person=person, related=hidden, kind="friend")
    factories.PersonRelationFactory(person=hidden, related=person, kind="colleague")

    response = client.get(person.get_absolute_url())
    data = json_ld_of(response)
    check_schema_org(data)

    url = "http://testserver/persons/bukharin/"
    assert data["@type"] == "Person"
    assert data["@id"] == data["url"] == url
    assert data["name"] == "Nikolai Bukharin"
    assert data["description"] == "Bolshevik theorist."
    # The preferred name is not repeated among the alternates.
    assert data["alternateName"] == ["Boukharine", "Николай Иванович Бухарин"]
    assert data["birthDate"] == "1888-10-09"
    assert data["deathDate"] == "1938-03-15"
    assert data["birthPlace"]["name"] == "Moscow"
    assert data["birthPlace"]["sameAs"] == "http://www.wikidata.org/entity/Q649"
    assert "deathPlace" not in data
    assert data["sameAs"] == [
        "http://www.wikidata.org/entity/Q184855",
        "http://viaf.org/viaf/27066848",
    ]
    image = data["image"]
    assert image["@type"] == "ImageObject"
    assert image["contentUrl"] == "http://testserver/photographs/portrait/original.img"
    assert image["thumbnailUrl"] == "http://testserver/photographs/portrait/thumbnail.img"
    assert client.get("/photographs/portrait/original.img").status_code == 200
    assert [p["name"] for p in data["knows"]] == ["Ilya Ehrenburg"]
    assert [p["@id"] for p in data["spouse"]] == ["http://testserver/persons/larina/"]
    assert "colleague" not in data
    assert "Hidden" not in response.content.decode().split("application/ld+json")[1]


@pytest.mark.django_db
def test_person_with_uncertain_dates_and_hidden_portrait(client):
    person = factories.PersonFactory(
        slug="vague",
        birth="1890~",
        death="1938?",
        portrait=factories.PhotographFactory(title="Secret portrait", status=Status.REVIEW),
    )
    data = json_ld_of(client.get(person.get_absolute_url()))
    check_schema_org(data)
    assert "birthDate" not in data and "deathDate" not in data
    assert "image" not in data
    assert "Secret portrait" not in json.dumps(data)


@pytest.mark.django_db
def test_photograph_json_ld(client):
    photographer = factories.PersonFactory(title="Moisei Nappelbaum", slug="nappelbaum")
    shown = factories.PersonFactory(title="Nikolai Bukharin", slug="bukharin")
    hidden = factories.PersonFactory(title="Hidden Sitter", status=Status.WITHDRAWN)
    rights = factories.RightsStatementFactory()
    photograph = factories.PhotographFactory(
        slug="congress",
        title="At the congress",
        caption="Bukharin speaking.",
        credit_line="State archive",
        date="1926-06",
        photographer=photographer,
        rights=rights,
        place=factories.PlaceFactory(name="Moscow", latitude=55.75, longitude=37.62),
    )
    photograph.depicted.add(shown, hidden)

    data = json_ld_of(client.get(photograph.get_absolute_url()))
    check_schema_org(data)
    assert data["@type"] == ["Photograph", "ArchiveComponent"]
    assert data["caption"] == "Bukharin speaking."
    assert data["dateCreated"] == "1926-06"
    assert [p["name"] for p in data["creator"]] == ["Moisei Nappelbaum"]
    assert [p["name"] for p in data["about"]] == ["Nikolai Bukharin"]
    assert data["creditText"] == "State archive"
    assert data["license"] == rights.uri
    assert data["locationCreated"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 55.75,
        "longitude": 37.62,
    }
    assert data["isPartOf"] == {"@type": "Collection", "name": photograph.collection.title}
    assert data["holdingArchive"]["@type"] == "ArchiveOrganization"
    assert data["image"]["contentUrl"] == "http://testserver/photographs/congress/original.img"
    assert data["image"]["sha256"] == photograph.sha256
    assert data["thumbnailUrl"] == "http://testserver/photographs/congress/thumbnail.img"
    assert (data["image"]["width"], data["image"]["height"]) == (64, 48)
    assert "Hidden Sitter" not in json.dumps(data)

    # An unpublished photographer is not named.
    photographer.status = Status.DRAFT
    photographer.save()
    data = json_ld_of(client.get(photograph.get_absolute_url()))
    assert "creator" not in data
    assert "Nappelbaum" not in json.dumps(data)


@pytest.mark.django_db
def test_document_json_ld(client):
    author = factories.PersonFactory(title="Nikolai Bukharin", slug="bukharin")
    coauthor = factories.PersonFactory(title="Yevgeni Preobrazhensky", slug="preobrazhensky")
    hidden = factories.PersonFactory(title="Hidden Editor", status=Status.REVIEW)
    book = factories.DocumentFactory(
        slug="abc",
        title="The ABC of Communism",
        original_title="Азбука коммунизма",
        kind=Document.Kind.BOOK,
        date="1920",
        publisher="Gosizdat",
        language="ru",
    )
    book.subjects.add(factories.SubjectFactory(name="Marxist theory"))
    contribute(book, author, "author", 0)
    contribute(book, coauthor, "author", 1)
    contribute(book, hidden, "editor", 2)

    data = json_ld_of(client.get(book.get_absolute_url()))
    check_schema_org(data)
    assert data["@type"] == ["Book", "ArchiveComponent"]
    assert data["genre"] == "Book"
    assert data["alternateName"] == "Азбука коммунизма"
    assert data["datePublished"] == "1920"
    assert data["publisher"] == {"@type": "Organization", "name": "Gosizdat"}
    assert data["inLanguage"] == "ru"
    assert data["keywords"] == ["Marxist theory"]
    assert [p["name"] for p in data["author"]] == ["Nikolai Bukharin", "Yevgeni Preobrazhensky"]
    assert "editor" not in data
    assert "Hidden Editor" not in json.dumps(data)


def contribute(document, person, role: str, position: int):
    from archive.models import Contribution

    return Contribution.objects.create(
        document=document, person=person, role=role, position=position
    )


@pytest.mark.django_db
def test_letter_is_a_message_with_its_recipient(client):
    sender = factories.PersonFactory(title="Nikolai Bukharin", slug="bukharin")
    recipient = factories.PersonFactory(title="Joseph Stalin", slug="stalin")
    letter = factories.DocumentFactory(slug="letter", kind=Document.Kind.LETTER, date="1937-12-10")
    contribute(letter, sender, "author", 0)
    contribute(letter, recipient, "recipient", 1)
    data = json_ld_of(client.get(letter.get_absolute_url()))
    check_schema_org(data)
    assert data["@type"] == ["Message", "ArchiveComponent"]
    assert data["dateCreated"] == "1937-12-10"
    assert "datePublished" not in data
    assert [p["name"] for p in data["recipient"]] == ["Joseph Stalin"]


@pytest.mark.django_db
def test_trial_json_ld(client):
    trial = factories.TrialFactory(
        slug="twenty-one",
        date="1938-03-02/1938-03-13",
        place=factories.PlaceFactory(name="House of the Unions"),
        prosecutor=factories.PersonFactory(title="Hidden Prosecutor", status=Status.DRAFT),
    )
    factories.DefendantFactory(trial=trial, person__title="Nikolai Bukharin")
    factories.DefendantFactory(
        trial=trial, person__title="Hidden Defendant", person__status="draft"
    )
    trial.judges.add(factories.PersonFactory(title="Vasili Ulrikh", slug="ulrikh"))
    trial.documents.add(factories.DocumentFactory(title="Transcript", slug="transcript"))
    trial.documents.add(factories.DocumentFactory(title="Hidden Document", status=Status.DRAFT))

    data = json_ld_of(client.get(trial.get_absolute_url()))
    check_schema_org(data)
    assert data["@type"] == "Event"
    assert (data["startDate"], data["endDate"]) == ("1938-03-02", "1938-03-13")
    assert data["location"] == {"@type": "Place", "name": "House of the Unions"}
    assert data["organizer"]["name"] == trial.court
    assert [p["name"] for p in data["about"]] == ["Nikolai Bukharin"]
    assert data["contributor"] == [
        {
            "@type": "Role",
            "roleName": "judge",
            "contributor": {
                "@type": "Person",
                "@id": "http://testserver/persons/ulrikh/",
                "name": "Vasili Ulrikh",
                "url": "http://testserver/persons/ulrikh/",
            },
        }
    ]
    assert [d["name"] for d in data["recordedIn"]] == ["Transcript"]
    assert "Hidden" not in json.dumps(data)


@pytest.mark.django_db
def test_event_json_ld(client):
    event = factories.EventFactory(slug="arrest", date="1937-02-27", title="Arrest")
    event.persons.add(
        factories.PersonFactory(title="Nikolai Bukharin"),
        factories.PersonFactory(title="Hidden Witness", status=Status.REVIEW),
    )
    approximate = factories.EventFactory(slug="escape", date="1911~")
    data = json_ld_of(client.get(event.get_absolute_url()))
    check_schema_org(data)
    assert data["@type"] == "Event"
    assert data["startDate"] == "1937-02-27"
    assert "endDate" not in data
    assert [p["name"] for p in data["about"]] == ["Nikolai Bukharin"]
    assert "Hidden" not in json.dumps(data)
    data = json_ld_of(client.get(approximate.get_absolute_url()))
    assert "startDate" not in data


@pytest.mark.django_db
def test_staff_previews_of_unpublished_records_carry_no_json_ld(client):
    staff = factories.UserFactory(username="staff", is_staff=True)
    client.force_login(staff)
    for record in (
        factories.PersonFactory(status=Status.DRAFT),
        factories.DocumentFactory(status=Status.REVIEW),
        factories.EventFactory(status=Status.PUBLISHED, published_at=future()),
    ):
        response = client.get(record.get_absolute_url())
        assert response.status_code == 200
        assert scripts_of(response.content.decode()) == []


@pytest.mark.django_db
def test_building_the_json_ld_issues_no_query(django_assert_num_queries):
    """The builders read only what the detail views already loaded."""
    person = factories.PersonFactory(slug="p", portrait=factories.PhotographFactory())
    other = factories.PersonFactory()
    factories.PersonRelationFactory(person=person, related=other, kind="friend")
    factories.PersonRelationFactory(person=other, related=person, kind="spouse")
    factories.PersonNameFactory(person=person)
    photograph = factories.PhotographFactory(photographer=other, place=factories.PlaceFactory())
    photograph.depicted.add(person, other)
    document = factories.DocumentFactory(place=factories.PlaceFactory())
    contribute(document, person, "author", 0)
    trial = factories.TrialFactory(prosecutor=other)
    trial.judges.add(other)
    trial.documents.add(document)
    factories.DefendantFactory(trial=trial, person=person)
    event = factories.EventFactory()
    event.persons.add(person, other)
    request = RequestFactory().get("/")
    request.user = factories.UserFactory()
    views = {
        PersonDetailView: person,
        PhotographDetailView: photograph,
        DocumentDetailView: document,
        TrialDetailView: trial,
        EventDetailView: event,
    }
    for view_class, record in views.items():
        view = view_class()
        view.setup(request, slug=record.slug)
        loaded = view.get_object()
        with django_assert_num_queries(0):
            data = linked_data.record_json_ld(loaded, request)
        assert data is not None and data["name"] == record.title


# Exhibits --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_exhibit_and_section_json_ld(client):
    cover = factories.PhotographFactory(slug="cover")
    exhibit = ExhibitFactory(
        slug="life",
        title="A life",
        subtitle="From 1905 to 1988",
        credits="Curated by A.\nDesign by B.",
        cover=cover,
        published_at=past(),
    )
    first = SectionFactory(exhibit=exhibit, slug="youth", title="Youth", position=0)
    SectionFactory(exhibit=exhibit, slug="trial", title="Trial", position=1)

    data = json_ld_of(client.get(exhibit.get_absolute_url()))
    check_schema_org(data)
    assert data["@type"] == "CreativeWork"
    assert data["headline"] == "A life"
    assert data["alternativeHeadline"] == "From 1905 to 1988"
    assert data["creditText"] == "Curated by A.; Design by B."
    assert data["publisher"]["@type"] == "ArchiveOrganization"
    assert data["image"]["thumbnailUrl"] == "http://testserver/photographs/cover/thumbnail.img"
    assert [(s["name"], s["position"]) for s in data["hasPart"]] == [("Youth", 1), ("Trial", 2)]
    assert data["hasPart"][0]["url"] == "http://testserver/exhibits/life/youth/"

    section = json_ld_of(client.get(first.get_absolute_url()))
    check_schema_org(section)
    assert section["name"] == "Youth"
    assert section["position"] == 1
    assert section["isPartOf"]["@id"] == "http://testserver/exhibits/life/"

    # A cover that is not public is not named.
    cover.status = Status.DRAFT
    cover.save()
    data = json_ld_of(client.get(exhibit.get_absolute_url()))
    assert "image" not in data


@pytest.mark.django_db
def test_unpublished_exhibits_carry_no_json_ld_even_for_staff(client):
    client.force_login(factories.UserFactory(username="staff", is_staff=True))
    exhibit = ExhibitFactory(status=Status.PUBLISHED, published_at=future())
    section = SectionFactory(exhibit=exhibit)
    for url in (exhibit.get_absolute_url(), section.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert scripts_of(response.content.decode()) == []


@pytest.mark.django_db
def test_home_page_is_a_website_with_a_search_action(client):
    data = json_ld_of(client.get("/"))
    check_schema_org(data)
    website, organization = data["@graph"]
    assert website["@type"] == "WebSite"
    assert organization["@type"] == "ArchiveOrganization"
    assert website["publisher"] == {"@id": organization["@id"]}
    target = website["potentialAction"]["target"]["urlTemplate"]
    assert target == "http://testserver/search/?q={query}"


def test_undefined_terms_are_caught():
    """The checker itself: a made-up property or type, or a Google-only one, is reported."""
    data = {
        "@context": "https://schema.org",
        "@type": "Persn",
        "nmae": "x",
        "query-input": "required name=q",
        "knows": {"@type": "Person", "name": "y"},
    }
    assert undefined_terms(data) == {"Persn", "nmae", "query-input"}
    assert terms_used(data) == ({"Persn", "Person"}, {"nmae", "query-input", "knows", "name"})


# The demo archive, end to end --------------------------------------------------------------------


class DemoJsonLdTests(TestCase):
    """Every public page of the demo archive carries JSON-LD that expands against schema.org's
    context and names no unpublished record or person."""

    @classmethod
    def setUpClass(cls) -> None:
        media = tempfile.TemporaryDirectory()
        cls.addClassCleanup(media.cleanup)
        cls.enterClassContext(override_settings(MEDIA_ROOT=media.name))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=io.StringIO())

    def hidden_titles(self) -> set[str]:
        titles = set()
        for model in (Person, Document, Photograph, Trial, Event, Exhibit):
            titles |= set(
                model.objects.exclude(status=Status.PUBLISHED).values_list("title", flat=True)
            )
        assert titles, "the demo has unpublished records"
        return titles

    def test_every_public_page_has_valid_json_ld_naming_nothing_hidden(self):
        client = Client()
        hidden = self.hidden_titles()
        pages = ["/"]
        for model in (Person, Document, Photograph, Trial, Event):
            pages += [record.get_absolute_url() for record in model.objects.public()]
        for exhibit in Exhibit.objects.public():
            pages.append(exhibit.get_absolute_url())
            pages += [section.get_absolute_url() for section in exhibit.sections.all()]
        assert len(pages) > 60
        types_seen: set[str] = set()
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            data = json_ld_of(response)
            check_schema_org(data)
            types_seen |= terms_used(data)[0]
            text = json.dumps(data, ensure_ascii=False)
            for title in hidden:
                assert title not in text, (url, title)
        assert {
            "Person",
            "Photograph",
            "Event",
            "ArchiveComponent",
            "CreativeWork",
            "WebSite",
        } <= types_seen

    def test_bukharin(self):
        data = json_ld_of(Client().get("/persons/nikolai-bukharin/"))
        expanded = check_schema_org(data)[0]
        assert data["name"] == "Nikolai Bukharin"
        assert {"Николай Иванович Бухарин", "Boukharine", "Bucharin"} <= set(data["alternateName"])
        assert data["birthDate"] == "1888-10-09"
        assert data["deathDate"] == "1938-03-15"
        assert data["birthPlace"]["name"] == "Moscow"
        assert data["image"]["contentUrl"].endswith("/original.img")
        # Expanded against schema.org's context: typed dates and IRIs.
        assert expanded["@type"] == [f"{SCHEMA}Person"]
        assert expanded[f"{SCHEMA}birthDate"] == [
            {"@type": f"{SCHEMA}Date", "@value": "1888-10-09"}
        ]
        assert expanded[f"{SCHEMA}url"] == [{"@id": "http://testserver/persons/nikolai-bukharin/"}]

    def test_lenin_links_to_wikidata(self):
        data = json_ld_of(Client().get("/persons/vladimir-lenin/"))
        assert "http://www.wikidata.org/entity/Q1394" in data["sameAs"]

    def test_the_trial(self):
        trial = Trial.objects.public().get()
        data = json_ld_of(Client().get(trial.get_absolute_url()))
        assert data["@type"] == "Event"
        assert data["startDate"] and data["endDate"]
        public_defendants = set(
            trial.defendants.filter(person__status=Status.PUBLISHED).values_list(
                "person__title", flat=True
            )
        )
        assert {p["name"] for p in data["about"]} == public_defendants


# Content notices -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_record_behind_a_notice_is_named_but_not_described_until_acknowledged(client):
    event = factories.EventFactory(
        slug="execution",
        title="An execution",
        summary="Shot at Kommunarka.",
        description="The details of the execution.",
        date="1938-03-15",
        content_notice="This record concerns the execution of political prisoners.",
    )
    event.persons.add(factories.PersonFactory(title="Nikolai Bukharin"))
    data = json_ld_of(client.get(event.get_absolute_url()))
    check_schema_org(data)
    url = "http://testserver/events/execution/"
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url,
        "name": "An execution",
        "url": url,
    }
    acknowledged = client.get(event.get_absolute_url(), {"acknowledge": f"event-{event.pk}"})
    data = json_ld_of(acknowledged)
    assert data["description"] == "Shot at Kommunarka."
    assert data["startDate"] == "1938-03-15"
    assert [p["name"] for p in data["about"]] == ["Nikolai Bukharin"]


@pytest.mark.django_db
def test_an_exhibit_behind_a_notice_lists_its_sections_only_once_acknowledged(client):
    exhibit = ExhibitFactory(slug="trial", content_notice="Executions.", published_at=past())
    section = SectionFactory(exhibit=exhibit, slug="verdict", content_notice="The verdict.")
    data = json_ld_of(client.get(exhibit.get_absolute_url()))
    check_schema_org(data)
    assert set(data) == {"@context", "@type", "@id", "name", "url"}
    data = json_ld_of(client.get(section.get_absolute_url()))
    check_schema_org(data)
    assert set(data) == {"@context", "@type", "@id", "name", "url", "position"}

    data = json_ld_of(
        client.get(exhibit.get_absolute_url(), {"acknowledge": f"exhibit-{exhibit.pk}"})
    )
    assert [part["name"] for part in data["hasPart"]] == [section.title]
    data = json_ld_of(
        client.get(section.get_absolute_url(), {"acknowledge": f"section-{section.pk}"})
    )
    assert data["isPartOf"]["@id"] == "http://testserver/exhibits/trial/"
