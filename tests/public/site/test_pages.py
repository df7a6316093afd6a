"""Every kind of public page renders for the public with its key content."""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from archive.models import Contribution, Depiction, PersonName, PersonRelation, Status
from exhibits.models import Block
from tests import factories
from tests.public.site.conftest import add_block, add_mixed_blocks, make_exhibit, make_section

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def test_home_lists_featured_exhibits_and_recent_records(client, records):
    exhibit = make_exhibit(title="Featured story", featured=True, cover=records.photo)
    make_exhibit(title="Not featured", slug="quiet")
    factories.PersonFactory(title="Hidden draft", slug="hidden", status=Status.DRAFT)
    page = html(client.get("/"))
    assert "Featured story" in page
    assert exhibit.get_absolute_url() in page
    assert "Not featured" not in page
    assert "/photographs/in-london/w480.jpg.img" in page  # the cover
    assert "Recently added" in page
    assert "Trial of the Twenty-One" in page
    assert "Hidden draft" not in page


def test_home_offers_a_search_box_pointing_at_the_search_page(client, db):
    page = html(client.get("/"))
    assert f'<form class="home-search" role="search" action="{reverse("search")}"' in page


@pytest.mark.urls("tests.public.site.urls_without_search")
def test_home_has_no_search_box_while_there_is_no_search_page(client, db):
    with pytest.raises(NoReverseMatch):
        reverse("search")
    page = html(client.get("/"))
    assert 'role="search"' not in page
    assert "/search/" not in page


def test_exhibit_index_lists_public_exhibits_only(client, db):
    make_exhibit(title="Open exhibit", summary="About a life.")
    make_exhibit(title="Draft exhibit", slug="draft", status=Status.DRAFT, published_at=None)
    page = html(client.get(reverse("exhibits:exhibit-list")))
    assert "Open exhibit" in page and "About a life." in page
    assert "Draft exhibit" not in page


def test_exhibit_page_shows_cover_introduction_credits_and_sections(client, records):
    exhibit = make_exhibit(
        subtitle="From exile to rehabilitation",
        introduction="<p>An <em>introduction</em>.</p>",
        credits="Curated by A. Curator\nPhotographs: the archive",
        cover=records.photo,
    )
    first = make_section(exhibit, "youth", 0, title="Youth and exile")
    make_section(exhibit, "trial", 1, title="The trial", content_notice="Executions.")
    page = html(client.get(exhibit.get_absolute_url()))
    assert "From exile to rehabilitation" in page
    assert "An <em>introduction</em>." in page
    assert "<li>Curated by A. Curator</li>" in page
    assert first.get_absolute_url() in page and "The trial" in page
    assert "content notice" in page
    img = re.search(r'<img src="/photographs/in-london/w480.jpg.img"[^>]*>', page).group(0)
    assert 'width="64" height="48"' in img
    assert "Cite this page" in page


def test_section_page_renders_each_block_kind_with_footnotes_and_navigation(client, records):
    exhibit = make_exhibit()
    first = make_section(exhibit, "one", 0, title="Section one")
    section = make_section(exhibit, "two", 1, title="Section two")
    last = make_section(exhibit, "three", 2, title="Section three")
    add_mixed_blocks(section, records, 1)
    page = html(client.get(section.get_absolute_url()))
    assert "<p>Some words." in page
    assert "<blockquote><p>A quotation.</p></blockquote>" in page and "— Someone" in page
    assert "The ABC of Communism" in page and "A book" in page
    assert 'alt="A group of people standing in a hall."' in page
    assert "At the congress" in page  # gallery
    assert '<ol class="timeline">' in page and "Escape abroad" in page and "Arrest" in page
    assert 'class="person-card"' in page and "Nikolai Bukharin" in page
    assert 'class="trial-summary"' in page and '<th scope="col">Fate</th>' in page
    assert 'href="/persons/alexei-rykov/"' in page
    # Seven footnotes, numbered in order, each linked both ways.
    for number in range(1, 8):
        assert f'href="#fn-{number}" id="fnref-{number}"' in page
        assert f'<li id="fn-{number}">' in page
        assert f'href="#fnref-{number}"' in page
    assert 'href="#fn-8"' not in page
    # Section navigation: all sections, the current one marked; previous and next.
    nav = page[page.index('aria-label="Sections of this exhibit"') :]
    nav = nav[: nav.index("</nav>")]
    assert nav.count("<li>") == 3
    assert f'href="{section.get_absolute_url()}" aria-current="page"' in nav
    assert f'rel="prev" href="{first.get_absolute_url()}"' in page
    assert f'rel="next" href="{last.get_absolute_url()}"' in page
    assert "Section 2 of 3" in page


def test_trial_summary_names_only_public_defendants(client, records):
    hidden = factories.PersonFactory(title="Withheld Person", status=Status.DRAFT)
    factories.DefendantFactory(trial=records.trial, person=hidden)
    section = make_section(make_exhibit(), "trial")
    add_block(section, Block.Kind.TRIAL, trial=records.trial)
    page = html(client.get(section.get_absolute_url()))
    assert "Withheld Person" not in page
    assert hidden.get_absolute_url() not in page
    assert records.person.get_absolute_url() in page


def test_person_page_shows_names_relations_and_everything_that_mentions_them(client, records):
    person, other = records.person, records.other
    PersonName.objects.create(person=person, name="Николай Бухарин", language="ru")
    PersonName.objects.create(person=person, name="Bucharin", language="de")
    friend = factories.PersonFactory(title="Ilya Ehrenburg")
    draft = factories.PersonFactory(title="Secret Friend", status=Status.DRAFT)
    factories.PersonRelationFactory(person=person, related=friend)
    factories.PersonRelationFactory(person=person, related=draft)
    factories.PersonRelationFactory(
        person=factories.PersonFactory(title="Andrey Vyshinsky"),
        related=person,
        kind=PersonRelation.Kind.PROSECUTOR,
    )
    Contribution.objects.create(document=records.document, person=person)
    hidden_doc = factories.DocumentFactory(title="Unpublished letter", status=Status.REVIEW)
    Contribution.objects.create(document=hidden_doc, person=person)
    Depiction.objects.create(photograph=records.photo, person=person)
    records.event.persons.add(person)
    prosecuted = factories.TrialFactory(title="A trial he prosecuted", prosecutor=person)
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    page = html(response)
    assert '<span lang="ru">Николай Бухарин</span>' in page
    assert '<span lang="de">Bucharin</span>' in page
    assert "9 October 1888" in page and "15 March 1938" in page
    assert "Ilya Ehrenburg" in page and "Friend of" in page
    assert "Prosecuted by" in page and "Andrey Vyshinsky" in page
    assert "Secret Friend" not in page
    assert "The ABC of Communism" in page and "Unpublished letter" not in page
    assert records.photo.get_absolute_url() in page
    assert records.trial.get_absolute_url() in page and "defendant" in page
    assert prosecuted.get_absolute_url() in page and "prosecutor" in page
    assert records.event.get_absolute_url() in page
    assert other.get_absolute_url() not in page


def test_trial_page_has_a_defendants_table(client, records):
    trial = records.trial
    trial.prosecutor = factories.PersonFactory(title="Andrey Vyshinsky")
    trial.defendant_count = 21
    trial.save()
    trial.judges.add(factories.PersonFactory(title="Vasili Ulrikh", status=Status.REVIEW))
    trial.documents.add(records.document)
    row = trial.defendants.get(person=records.person)
    row.charges, row.plea, row.verdict = "Treason", "guilty", "guilty"
    row.carried_out, row.rehabilitated = "1938-03-15", "1988-02-04"
    row.save()
    page = html(client.get(trial.get_absolute_url()))
    for header in ("Defendant", "Charges", "Plea", "Verdict", "Sentence", "Carried out"):
        assert f'<th scope="col">{header}</th>' in page
    assert '<th scope="col">Rehabilitated</th>' in page
    assert "Treason" in page and "15 March 1938" in page and "4 February 1988" in page
    assert "Andrey Vyshinsky" in page
    assert "Vasili Ulrikh" not in page  # a judge whose person record is in review
    assert "The ABC of Communism" in page
    assert "Military Collegium" in page and "21" in page


def test_photograph_page_shows_large_image_and_depicted_public_persons(client, records):
    photo = records.photo
    photo.caption = "Bukharin in London."
    photo.photographer = records.other
    photo.save()
    Depiction.objects.create(photograph=photo, person=records.person)
    hidden = factories.PersonFactory(title="Hidden Sitter", status=Status.DRAFT)
    Depiction.objects.create(photograph=photo, person=hidden)
    page = html(client.get(photo.get_absolute_url()))
    img = re.search(r"<img [^>]*>", page).group(0)
    assert 'src="/photographs/in-london/w480.jpg.img"' in img
    assert 'alt="A group of people standing in a hall."' in img
    assert 'width="64" height="48"' in img
    assert "Bukharin in London." in page
    assert "Nikolai Bukharin" in page and "Hidden Sitter" not in page
    assert "Alexei Rykov" in page  # the photographer


def test_document_page_shows_kind_contributors_and_transcription(client, records):
    document = records.document
    document.transcription = "Chapter one.\n\nChapter two."
    document.publisher = "Gosizdat"
    document.language = "ru"
    document.save()
    Contribution.objects.create(document=document, person=records.person)
    Contribution.objects.create(
        document=document, person=records.other, role=Contribution.Role.EDITOR, position=1
    )
    page = html(client.get(document.get_absolute_url()))
    assert "Book" in page and "Gosizdat" in page
    assert "Nikolai Bukharin" in page and "author" in page and "editor" in page
    assert '<div class="transcription prose" lang="ru"><p>Chapter one.</p>' in page


def test_event_page_shows_date_place_and_persons(client, records):
    event = records.event
    event.place = factories.PlaceFactory(name="Onega")
    event.save()
    event.persons.add(records.person)
    page = html(client.get(event.get_absolute_url()))
    assert "Onega" in page and "1911" in page and "Nikolai Bukharin" in page


def test_timeline_groups_public_dated_records_by_decade(client, records):
    factories.EventFactory(title="Draft happening", date="1915", status=Status.DRAFT)
    page = html(client.get(reverse("archive:timeline")))
    assert "1910s" in page and "1930s" in page and "1920s" in page
    assert page.index("Escape abroad") < page.index("Arrest")
    assert page.index("Escape abroad") < page.index("The ABC of Communism")
    assert "Trial of the Twenty-One" in page and "In London" in page
    assert "Draft happening" not in page
    assert "Nikolai Bukharin" not in page  # persons are not dated records


def test_record_pages_have_breadcrumbs_and_a_citation_box(client, records):
    for record in (records.person, records.trial, records.photo, records.document):
        page = html(client.get(record.get_absolute_url()))
        assert 'aria-label="Breadcrumb"' in page
        assert f'<span aria-current="page">{record.title}</span>' in page
        assert "Cite this page" in page
        assert f"http://testserver{record.get_absolute_url()}" in page
