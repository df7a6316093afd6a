"""What the public must not see, what staff preview, and bad input handled in the site's look."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from archive.models import Status
from archive.notices import NOTICE_SESSION_KEY
from exhibits.models import Block
from tests import factories
from tests.public.site.conftest import add_block, make_exhibit, make_section

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.WITHDRAWN])
def test_unpublished_exhibit_is_404_for_the_public_and_previewed_by_staff(
    client, staff_client, status
):
    exhibit = make_exhibit(status=status, published_at=None)
    section = make_section(exhibit, "one")
    add_block(section, Block.Kind.TEXT, body="<p>Draft words.</p>")
    for url in (exhibit.get_absolute_url(), section.get_absolute_url()):
        assert client.get(url).status_code == 404
    for url in (exhibit.get_absolute_url(), section.get_absolute_url()):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert "banner-unpublished" in html(response) and "Not published." in html(response)
    assert "Draft words." in html(staff_client.get(section.get_absolute_url()))


def test_unpublished_records_are_404_for_the_public_and_previewed_by_staff(client, staff_client):
    records = [
        factories.PersonFactory(status=Status.DRAFT),
        factories.DocumentFactory(status=Status.REVIEW),
        factories.PhotographFactory(status=Status.WITHDRAWN),
        factories.TrialFactory(status=Status.DRAFT),
        factories.EventFactory(status=Status.DRAFT),
    ]
    for record in records:
        assert client.get(record.get_absolute_url()).status_code == 404
        response = staff_client.get(record.get_absolute_url())
        assert response.status_code == 200
        assert "banner-unpublished" in html(response)


def test_published_record_has_no_banner_for_staff(staff_client):
    person = factories.PersonFactory()
    assert "banner-unpublished" not in html(staff_client.get(person.get_absolute_url()))


def test_scheduled_exhibit_appears_when_its_time_comes(client, staff_client):
    exhibit = make_exhibit(published_at=timezone.now() + datetime.timedelta(hours=2))
    make_section(exhibit, "one")
    assert client.get(exhibit.get_absolute_url()).status_code == 404
    assert "Scheduled story" not in html(client.get("/exhibits/"))
    staff_page = html(staff_client.get(exhibit.get_absolute_url()))
    assert "scheduled for" in staff_page
    exhibit.published_at = timezone.now() - datetime.timedelta(minutes=1)
    exhibit.title = "Scheduled story"
    exhibit.save()
    assert client.get(exhibit.get_absolute_url()).status_code == 200
    assert client.get(exhibit.sections.get().get_absolute_url()).status_code == 200
    assert "Scheduled story" in html(client.get("/exhibits/"))


def test_scheduled_record_appears_when_its_time_comes(client):
    person = factories.PersonFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(person.get_absolute_url()).status_code == 404
    person.published_at = timezone.now() - datetime.timedelta(seconds=1)
    person.save()
    assert client.get(person.get_absolute_url()).status_code == 200


def test_content_notice_hides_the_section_until_acknowledged(client):
    exhibit = make_exhibit()
    section = make_section(exhibit, "execution", content_notice="Describes executions.")
    add_block(section, Block.Kind.TEXT, body="<p>The verdict was carried out.</p>")
    url = section.get_absolute_url()
    page = html(client.get(url))
    assert "Describes executions." in page
    assert "The verdict was carried out." not in page
    link = f'href="{url}?acknowledge=section-{section.pk}"'
    assert link in page and "I understand, show the section" in page
    page = html(client.get(url, {"acknowledge": f"section-{section.pk}"}))
    assert "The verdict was carried out." in page and "Describes executions." not in page
    # Remembered for the rest of the visit.
    assert "The verdict was carried out." in html(client.get(url))
    assert client.session[NOTICE_SESSION_KEY] == [f"section-{section.pk}"]


def test_a_wrong_acknowledgement_does_not_reveal_the_section(client):
    section = make_section(make_exhibit(), "s", content_notice="Hard reading.")
    add_block(section, Block.Kind.TEXT, body="<p>Hidden text.</p>")
    page = html(client.get(section.get_absolute_url(), {"acknowledge": "section-999999"}))
    assert "Hidden text." not in page


def test_exhibit_notice_is_acknowledged_together_with_a_section_notice(client):
    exhibit = make_exhibit(content_notice="This exhibit is about a purge.")
    make_section(exhibit, "intro")
    section = make_section(exhibit, "end", 1, content_notice="Executions.")
    add_block(section, Block.Kind.TEXT, body="<p>Shot on 15 March.</p>")
    assert "Begin the exhibit" not in html(client.get(exhibit.get_absolute_url()))
    page = html(client.get(section.get_absolute_url()))
    assert "This exhibit is about a purge." in page and "Executions." in page
    keys = f"acknowledge=exhibit-{exhibit.pk}&amp;acknowledge=section-{section.pk}"
    assert keys in page
    response = client.get(
        section.get_absolute_url(),
        {"acknowledge": [f"exhibit-{exhibit.pk}", f"section-{section.pk}"]},
    )
    assert "Shot on 15 March." in html(response)
    assert "Begin the exhibit" in html(client.get(exhibit.get_absolute_url()))


HOSTILE = (
    '<p onclick="steal()">Hello<script>alert(1)</script>'
    '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">link</a></p>'
    "<iframe src=//evil></iframe><style>body{display:none}</style>"
)


def test_hostile_html_in_a_text_block_is_neutralised(client):
    section = make_section(make_exhibit(introduction=HOSTILE), "s")
    add_block(section, Block.Kind.TEXT, body=HOSTILE)
    # A row written without save() (bulk_create skips the sanitiser) is cleaned when shown.
    Block.objects.bulk_create([Block(section=section, kind="text", body=HOSTILE, position=5)])
    for url in (section.get_absolute_url(), section.exhibit.get_absolute_url()):
        page = html(client.get(url))
        assert "Hello" in page
        for bad in ("<script>alert", "onerror", "onclick", "javascript:", "<iframe", "<style>b"):
            assert bad not in page, bad


def test_fields_other_than_rich_text_are_escaped(client):
    exhibit = make_exhibit(title="<b>Bold</b> title", credits="<script>x()</script>")
    section = make_section(exhibit, "s", title="<i>Sec</i>")
    add_block(section, Block.Kind.QUOTE, body="<script>q()</script>", attribution="<u>who</u>")
    person = factories.PersonFactory(title="<script>p()</script>", summary="<em>s</em>")
    add_block(section, Block.Kind.PERSON, person=person, caption="<img src=x onerror=y>")
    page = html(client.get(section.get_absolute_url()))
    assert "<script>" not in page and "<img src=x" not in page and "<u>who" not in page
    assert "&lt;script&gt;q()&lt;/script&gt;" in page
    assert "<script>" not in html(client.get(exhibit.get_absolute_url()))
    assert "<script>p()" not in html(client.get(person.get_absolute_url()))


def test_blocks_pointing_at_unpublished_or_deleted_records_are_left_out(
    client, staff_client, records
):
    section = make_section(make_exhibit(), "s")
    draft_person = factories.PersonFactory(title="Draft Person", status=Status.DRAFT)
    draft_doc = factories.DocumentFactory(title="Draft Document", status=Status.REVIEW)
    draft_photo = factories.PhotographFactory(title="Draft Photo", status=Status.DRAFT)
    draft_event = factories.EventFactory(title="Draft Event", status=Status.DRAFT)
    doomed = factories.DocumentFactory(title="Deleted Document")
    add_block(section, Block.Kind.PERSON, person=draft_person, cite=1)
    add_block(section, Block.Kind.RECORD, document=draft_doc)
    add_block(section, Block.Kind.RECORD, document=doomed)
    add_block(section, Block.Kind.GALLERY, gallery=[records.photo, draft_photo])
    add_block(section, Block.Kind.GALLERY, gallery=[draft_photo])
    add_block(section, Block.Kind.TIMELINE, events=[records.event, draft_event])
    add_block(section, Block.Kind.TIMELINE, timeline_start_year=1900, timeline_end_year=1990)
    add_block(section, Block.Kind.TEXT, body="<p>Still here.</p>", cite=1)
    doomed.delete()
    page = html(client.get(section.get_absolute_url()))
    for hidden in ("Draft Person", "Draft Document", "Deleted Document", "Draft Photo"):
        assert hidden not in page
    assert "Draft Event" not in page
    assert records.photo.title in page and records.event.title in page
    assert "Still here." in page
    # The hidden block's footnote goes with it: the remaining one is number 1.
    assert 'id="fnref-1"' in page and 'id="fnref-2"' not in page
    # Staff previewing an unpublished exhibit see what the public will see once it is out.
    section.exhibit.status = Status.DRAFT
    section.exhibit.save()
    preview = html(staff_client.get(section.get_absolute_url()))
    assert "Draft Person" in preview and "Draft Document" in preview
    assert "Deleted Document" not in preview


def test_unpublished_cover_and_portrait_are_not_shown(client, records):
    draft_photo = factories.PhotographFactory(slug="secret-photo", status=Status.DRAFT)
    exhibit = make_exhibit(cover=draft_photo, featured=True)
    records.person.portrait = draft_photo
    records.person.save()
    section = make_section(exhibit, "s")
    add_block(section, Block.Kind.PERSON, person=records.person)
    for url in ("/", "/exhibits/", exhibit.get_absolute_url(), section.get_absolute_url()):
        assert "secret-photo" not in html(client.get(url)), url
    assert "secret-photo" not in html(client.get(records.person.get_absolute_url()))


def test_an_empty_section_still_renders(client):
    exhibit = make_exhibit()
    section = make_section(exhibit, "empty", title="Nothing yet")
    page = html(client.get(section.get_absolute_url()))
    assert "Nothing yet" in page and "This section has no content yet." in page


@pytest.mark.parametrize(
    "url",
    [
        "/exhibits/no-such-exhibit/",
        "/exhibits/a-life/no-such-section/",
        "/persons/nobody/",
        "/trials/none/",
        "/photographs/none/",
        "/documents/none/",
        "/events/none/",
        "/persons/bad%20slug!/",
        "/people/",  # /persons/ is the persons' browse page (issue 20)
        "/exhibits/a-life/one/extra/",
        "/photographs/in-london/secret.img",
        "/photographs/nothing/original.img",
        "/%E2%98%83/",
    ],
)
def test_bad_addresses_are_404_pages_in_the_site_look(client, records, url):
    make_section(make_exhibit(), "one")
    response = client.get(url)
    assert response.status_code == 404
    if "text/html" in response.get("Content-Type", ""):
        page = html(response)
        assert "Page not found" in page
        assert 'class="skip-link"' in page and '<main id="main"' in page


def test_error_500_page_renders_without_context():
    page = render_to_string("500.html")
    assert "Something went wrong" in page and "site.css" in page
