"""Curator imports through the admin: preview, matching, all-or-nothing, errors, undo."""

import pytest
from django.urls import reverse

from archive.models import Contribution, Document, Event, Person, Photograph, Status
from search.entry import SearchEntry
from tests import factories
from tests.transfer.conftest import confirm, csv_bytes, upload, xlsx_bytes
from transfer.models import ImportBatch, ImportChange

pytestmark = pytest.mark.django_db

PERSON_HEADER = ["slug", "title", "sort_name", "birth", "death", "alternate_names", "collection"]


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def collection():
    return factories.CollectionFactory(slug="bukharin-papers", title="Bukharin papers")


def test_dry_run_saves_nothing_and_previews_each_row(curator_client, collection):
    factories.PersonFactory(slug="rykov", title="Rykov", sort_name="Rykov, A.")
    data = csv_bytes(
        [
            PERSON_HEADER,
            [
                "bukharin",
                "Nikolai Bukharin",
                "",
                "1888-10-09",
                "1938-03-15",
                "Бухарин|original|ru",
                "bukharin-papers",
            ],
            ["rykov", "Alexei Rykov", "Rykov, A.", "1881", "1938", "", ""],
        ]
    )
    response = upload(curator_client, "person", data)
    assert response.status_code == 200
    html = page(response)
    assert "1 to create, 1 to update, 0 unchanged" in html
    assert "Confirm import" in html
    # The update row names the fields it changes.
    assert "title, birth, death" in html
    assert Person.objects.count() == 1
    assert Person.objects.get().title == "Rykov"
    assert not ImportBatch.objects.exists()


def test_import_creates_drafts_then_second_import_updates(
    curator_client, collection, do_import, django_capture_on_commit_callbacks
):
    rows = [
        PERSON_HEADER,
        [
            "bukharin",
            "Nikolai Bukharin",
            "Bukharin, Nikolai",
            "1888-10-09",
            "1938-03-15",
            "Бухарин, Николай Иванович|original|ru; Boukharine|translation|fr",
            "bukharin-papers",
        ],
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = do_import(curator_client, "person", csv_bytes(rows))
    assert response.status_code == 302
    person = Person.objects.get(slug="bukharin")
    assert person.status == Status.DRAFT
    assert person.collection == collection
    assert str(person.birth_lower) == "1888-10-09"
    assert {(n.name, n.kind, n.language) for n in person.alternate_names.all()} == {
        ("Бухарин, Николай Иванович", "original", "ru"),
        ("Boukharine", "translation", "fr"),
    }
    # The index was kept current by the on-commit signals: the names are searchable.
    entry = SearchEntry.objects.get(kind="person", object_id=person.pk)
    assert "Boukharine" in entry.names

    rows[1][1] = "N. I. Bukharin"
    rows[1][5] = "Boukharine|translation|fr"
    preview = upload(curator_client, "person", csv_bytes(rows))
    assert "0 to create, 1 to update" in page(preview)
    assert "title, alternate_names" in page(preview)
    confirm(curator_client, preview)
    assert Person.objects.count() == 1
    person.refresh_from_db()
    assert person.title == "N. I. Bukharin"
    assert [n.name for n in person.alternate_names.all()] == ["Boukharine"]

    # The same file a third time changes nothing: every row is skipped.
    preview = upload(curator_client, "person", csv_bytes(rows))
    assert "0 to create, 0 to update, 1 unchanged" in page(preview)


def test_one_bad_row_saves_nothing_and_shows_the_parser_message(curator_client):
    data = csv_bytes(
        [
            ["slug", "title", "birth"],
            ["good", "Good Person", "1900"],
            ["bad", "Bad Date", "1938-13-45"],
        ]
    )
    response = upload(curator_client, "person", data)
    html = page(response)
    assert "Confirm import" not in html
    assert "“1938-13-45” is not a valid EDTF date" in html
    assert not Person.objects.exists()


def test_a_confirmed_import_is_all_or_nothing(curator_client, collection):
    """If the data changed between preview and confirm, one failing row stops every row."""
    data = csv_bytes(
        [
            ["slug", "title", "collection"],
            ["first", "First", ""],
            ["second", "Second", collection.slug],
        ]
    )
    preview = upload(curator_client, "person", data)
    assert "Confirm import" in page(preview)
    collection.delete()  # meanwhile, in another tab
    response = confirm(curator_client, preview)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.state == ImportBatch.State.FAILED
    assert batch.errors == [
        "Row 2, collection: No collection with the slug “bukharin-papers” exists."
    ]
    assert not Person.objects.exists()
    assert not ImportChange.objects.exists()
    html = page(curator_client.get(batch.get_absolute_url()))
    assert "Failed (nothing saved)" in html and "bukharin-papers" in html


def test_wrong_and_missing_columns_are_named(curator_client):
    data = csv_bytes([["slug", "name", "born"], ["x", "X", "1900"]])
    html = page(upload(curator_client, "person", data))
    assert "Unknown columns: “name”, “born”." in html
    assert "Missing required columns: title." in html
    assert "The columns for persons are: slug, title" in html
    assert "Confirm import" not in html


def test_unknown_references_are_row_errors(curator_client):
    data = csv_bytes(
        [
            ["slug", "title", "kind", "date", "authors", "collection"],
            ["on-lenin", "On Lenin", "article", "1924", "bukharin; nobody", "no-such-collection"],
        ]
    )
    html = page(upload(curator_client, "document", data))
    assert "No persons with the slug “bukharin”, “nobody”." in html
    assert "No collection with the slug “no-such-collection” exists." in html
    assert not Document.objects.exists()


def test_latin1_file_gets_a_clear_message_and_utf16_is_read(curator_client, do_import):
    rows = [["slug", "title"], ["jaures", "Jean Jaurès"]]
    html = page(upload(curator_client, "person", csv_bytes(rows, "latin-1")))
    assert "The file is not UTF-8 text: byte 0xE8 on line 2" in html
    assert not Person.objects.exists()

    do_import(curator_client, "person", csv_bytes(rows, "utf-16"))
    assert Person.objects.get().title == "Jean Jaurès"


def test_xlsx_documents_with_authors_and_spreadsheet_dates(curator_client, do_import):
    import datetime

    factories.PersonFactory(slug="bukharin", title="Bukharin")
    factories.PersonFactory(slug="preobrazhensky", title="Preobrazhensky")
    data = xlsx_bytes(
        [
            ["slug", "title", "kind", "date", "authors"],
            ["abc-of-communism", "The ABC of Communism", "book", 1920, "bukharin; preobrazhensky"],
            ["speech", "A speech", "speech", datetime.datetime(1938, 3, 12), "bukharin"],
        ]
    )
    do_import(curator_client, "document", data, name="docs.xlsx", fmt="xlsx")
    abc = Document.objects.get(slug="abc-of-communism")
    assert [p.slug for p in abc.authors()] == ["bukharin", "preobrazhensky"]
    assert Document.objects.get(slug="speech").date == "1938-03-12"


def test_photograph_metadata_and_events(curator_client, do_import):
    bukharin = factories.PersonFactory(slug="bukharin", title="Bukharin")
    existing = factories.PhotographFactory(slug="portrait-1927", title="Portrait", alt_text="Old")
    photos = csv_bytes(
        [
            ["slug", "title", "alt_text", "date", "photographer", "depicted"],
            ["portrait-1927", "Portrait", "Bukharin at his desk", "1927~", "", "bukharin"],
            ["new-photo", "Congress", "Delegates seated in a hall", "1934", "bukharin", ""],
        ]
    )
    do_import(curator_client, "photograph", photos)
    existing.refresh_from_db()
    assert existing.alt_text == "Bukharin at his desk"
    assert list(existing.depicted.all()) == [bukharin]
    new = Photograph.objects.get(slug="new-photo")
    assert not new.image and new.photographer == bukharin

    events = csv_bytes(
        [
            ["slug", "title", "kind", "date", "persons"],
            ["arrest", "Arrest", "arrest", "1937-02-27", "bukharin"],
        ]
    )
    do_import(curator_client, "event", events)
    assert list(Event.objects.get().persons.all()) == [bukharin]


def test_editor_imports_drafts_but_may_not_publish(editor_client, do_import):
    data = csv_bytes([["slug", "title", "status"], ["x", "X", "published"]])
    html = page(upload(editor_client, "person", data))
    assert "Only a curator can publish" in html
    do_import(
        editor_client, "person", csv_bytes([["slug", "title", "status"], ["x", "X", "review"]])
    )
    assert Person.objects.get().status == Status.REVIEW


def test_only_users_who_may_add_and_change_can_import(client, roles):
    viewer = factories.UserFactory(username="viewer", is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_person"))
    client.force_login(viewer)
    assert client.get(reverse("admin:archive_person_import")).status_code == 403
    assert upload(client, "person", csv_bytes([["slug", "title"], ["x", "X"]])).status_code == 403
    assert not Person.objects.exists()


def test_undo_removes_created_and_restores_changed(
    curator_client, do_import, django_capture_on_commit_callbacks
):
    bukharin = factories.PersonFactory(slug="bukharin", title="Bukharin", birth="1888")
    factories.PersonNameFactory(person=bukharin, name="Бухарин", kind="original")
    document = factories.DocumentFactory(slug="abc", title="ABC", date="1920", kind="book")
    Contribution.objects.create(document=document, person=bukharin, role="editor")
    do_import(
        curator_client,
        "person",
        csv_bytes(
            [
                ["slug", "title", "birth", "alternate_names"],
                ["bukharin", "N. Bukharin", "1888-10-09", "Boukharine|translation|fr"],
                ["rykov", "Rykov", "1881", ""],
            ]
        ),
    )
    do_import(
        curator_client,
        "document",
        csv_bytes(
            [["slug", "title", "kind", "date", "authors"], ["abc", "ABC", "book", "1919", "rykov"]]
        ),
    )
    people_batch, document_batch = ImportBatch.objects.order_by("pk")
    url = reverse("admin:transfer_importbatch_changelist")
    # Undoing the persons first is refused: the later import made Rykov an author.
    response = curator_client.post(
        url, {"action": "undo", "_selected_action": [people_batch.pk]}, follow=True
    )
    assert "Rykov (1 contribution)" in page(response)
    assert Person.objects.filter(slug="rykov").exists()
    # Undo the later import first.
    response = curator_client.post(
        url, {"action": "undo", "_selected_action": [document_batch.pk]}, follow=True
    )
    assert "undone" in page(response)
    document.refresh_from_db()
    assert document.date == "1920"
    assert [(c.person.slug, c.role) for c in document.contribution_set.all()] == [
        ("bukharin", "editor")
    ]

    with django_capture_on_commit_callbacks(execute=True):
        curator_client.post(url, {"action": "undo", "_selected_action": [people_batch.pk]})
    bukharin.refresh_from_db()
    assert (bukharin.title, bukharin.birth) == ("Bukharin", "1888")
    assert [n.name for n in bukharin.alternate_names.all()] == ["Бухарин"]
    assert not Person.objects.filter(slug="rykov").exists()
    assert not SearchEntry.objects.filter(kind="person", title="Rykov").exists()
    people_batch.refresh_from_db()
    assert people_batch.state == ImportBatch.State.UNDONE
    # The undo is itself a revision.
    assert bukharin.history.first().title == "Bukharin"


def test_undo_is_refused_when_a_record_was_edited_since(curator_client, do_import):
    do_import(curator_client, "person", csv_bytes([["slug", "title"], ["x", "X"]]))
    person = Person.objects.get()
    person.title = "Edited by hand"
    person.save()
    batch = ImportBatch.objects.get()
    response = curator_client.post(
        reverse("admin:transfer_importbatch_changelist"),
        {"action": "undo", "_selected_action": [batch.pk]},
        follow=True,
    )
    assert "changed or deleted after the import" in page(response)
    assert Person.objects.get().title == "Edited by hand"


def test_editor_cannot_undo(editor_client, do_import):
    do_import(editor_client, "person", csv_bytes([["slug", "title"], ["x", "X"]]))
    batch = ImportBatch.objects.get()
    response = editor_client.post(
        reverse("admin:transfer_importbatch_changelist"),
        {"action": "undo", "_selected_action": [batch.pk]},
        follow=True,
    )
    assert "Only a curator can undo" in page(response)
    assert Person.objects.exists()


def test_import_page_lists_the_columns(curator_client):
    html = page(curator_client.get(reverse("admin:archive_photograph_import")))
    assert "alt_text" in html and "depicted" in html
    assert "matched on <code>slug</code>" in html


def test_a_csv_file_uploaded_as_xlsx_is_refused_clearly(curator_client):
    data = csv_bytes([["slug", "title"], ["x", "X"]])
    html = page(upload(curator_client, "person", data, name="records.xlsx", fmt="xlsx"))
    assert "The file is not an Excel (.xlsx) workbook" in html
    assert not Person.objects.exists()


def test_photographs_need_alt_text_column(curator_client):
    html = page(upload(curator_client, "photograph", csv_bytes([["slug", "title"], ["p", "P"]])))
    assert "Missing required columns: alt_text." in html


def test_rows_get_the_admin_forms_validation(curator_client):
    data = csv_bytes(
        [
            ["slug", "title", "birth", "death", "wikidata_id", "status"],
            ["a", "A", "1950", "1900", "", ""],
            ["b", "B", "", "", "123", ""],
            ["c", "C", "", "", "", "lost"],
            ["bad slug!", "D", "", "", "", ""],
        ]
    )
    html = page(upload(curator_client, "person", data))
    assert "A person cannot die before being born." in html
    assert "A Wikidata ID looks like Q123." in html
    assert "Value &#x27;lost&#x27; is not a valid choice." in html
    assert "Enter a valid “slug”" in html
    assert not Person.objects.exists()


def test_a_curator_file_may_publish(curator_client, do_import):
    do_import(
        curator_client, "person", csv_bytes([["slug", "title", "status"], ["x", "X", "published"]])
    )
    person = Person.objects.get()
    assert person.status == Status.PUBLISHED and person.published_at is not None
    assert person.is_public


def test_alternate_names_in_another_order_are_unchanged(curator_client, do_import):
    rows = [["slug", "title", "alternate_names"], ["b", "B", "Бухарин|original|ru; Boukharine||fr"]]
    do_import(curator_client, "person", csv_bytes(rows))
    rows[1][2] = "Boukharine|variant|fr; Бухарин|original|ru"
    assert "0 to create, 0 to update, 1 unchanged" in page(
        upload(curator_client, "person", csv_bytes(rows))
    )


def test_an_empty_status_or_publication_time_leaves_them(curator_client, do_import):
    published = factories.PersonFactory(slug="p", title="P", status=Status.PUBLISHED)
    when = published.published_at
    data = csv_bytes([["slug", "title", "status", "published_at"], ["p", "Renamed", "", ""]])
    do_import(curator_client, "person", data)
    published.refresh_from_db()
    assert (published.title, published.status, published.published_at) == (
        "Renamed",
        Status.PUBLISHED,
        when,
    )


def test_a_batch_page_offers_undo_only_for_a_done_import_and_undoes_it(curator_client, do_import):
    do_import(curator_client, "person", csv_bytes([["slug", "title"], ["x", "X"]]))
    batch = ImportBatch.objects.get()
    option = '<option value="undo">Undo this import</option>'
    assert option in page(curator_client.get(batch.get_absolute_url()))
    response = curator_client.post(
        batch.get_absolute_url(),
        {"CHANGE_FORM-action": "undo", "_selected_action": [batch.pk]},
        follow=True,
    )
    assert "undone: 1 records restored or removed" in page(response)
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.UNDONE and not Person.objects.exists()
    # Undone (or failed, checking, running…): nothing to undo, so no such action on its page.
    assert option not in page(curator_client.get(batch.get_absolute_url()))
    ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.FAILED)
    assert option not in page(curator_client.get(batch.get_absolute_url()))
    changelist = page(curator_client.get(reverse("admin:transfer_importbatch_changelist")))
    assert option.replace("this import", "selected imports") in changelist
