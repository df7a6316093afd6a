"""Export of filtered admin lists, and large imports in the background worker."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.models import Person, Status
from tests import factories
from tests.transfer.conftest import content_form, csv_bytes, export, upload
from transfer.batches import lock_path, read_progress
from transfer.models import ImportBatch

pytestmark = pytest.mark.django_db


def test_export_of_a_filtered_list_holds_exactly_its_rows(curator_client):
    papers = factories.CollectionFactory(slug="papers")
    wanted = {
        factories.PersonFactory(slug=f"draft-{i}", status=Status.DRAFT, collection=papers).slug
        for i in range(3)
    }
    factories.PersonFactory(slug="published", status=Status.PUBLISHED, collection=papers)
    factories.PersonFactory(slug="elsewhere", status=Status.DRAFT)
    query = f"?status__exact=draft&collection__id__exact={papers.pk}"
    assert curator_client.get(reverse("admin:archive_person_changelist") + query).status_code == 200

    rows = list(
        csv.DictReader(io.StringIO(export(curator_client, "person", query, "csv").decode()))
    )
    assert {row["slug"] for row in rows} == wanted
    assert {row["collection"] for row in rows} == {"papers"}

    book = openpyxl.load_workbook(io.BytesIO(export(curator_client, "person", query, "xlsx")))
    sheet = book.active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    slugs = {row[header.index("slug")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert slugs == wanted


def test_an_export_imports_back_unchanged(curator_client):
    bukharin = factories.PersonFactory(slug="bukharin", birth="1888-10-09", death="1938-03-15")
    factories.PersonNameFactory(person=bukharin, name="Бухарин", kind="original", language="ru")
    exported = export(curator_client, "person", "", "csv")
    preview = upload(curator_client, "person", exported)
    assert "0 to create, 0 to update, 1 unchanged" in preview.content.decode()


def xlsx_rows(data: bytes) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = sheet.iter_rows()
    header = [cell.value for cell in next(rows)]
    return [{name: cell for name, cell in zip(header, row, strict=True)} for row in rows]


def test_an_xlsx_export_keeps_formula_like_text_as_text_and_imports_back_unchanged(
    curator_client,
):
    formula = '=HYPERLINK("http://example.com/","click")'
    factories.PersonFactory(slug="formula", title=formula)
    factories.PersonFactory(slug="sum", title="=1+2", summary="@SUM(A1) and -2+3")
    exported = export(curator_client, "person", "", "xlsx")

    cells = {row["slug"].value: row for row in xlsx_rows(exported)}
    assert cells["formula"]["title"].value == formula
    assert cells["formula"]["title"].data_type == "s"  # text, never a formula a sheet would run
    assert cells["sum"]["title"].data_type == "s"
    assert cells["sum"]["summary"].value == "@SUM(A1) and -2+3"
    preview = upload(curator_client, "person", exported, name="persons.xlsx", fmt="xlsx")
    assert "0 to create, 0 to update, 2 unchanged" in preview.content.decode()


def test_an_xlsx_export_replaces_only_what_a_workbook_cannot_hold(curator_client):
    factories.PersonFactory(slug="tabbed", title="Line\x0bbreak\tand tab")
    cells = {
        row["slug"].value: row for row in xlsx_rows(export(curator_client, "person", "", "xlsx"))
    }
    assert cells["tabbed"]["title"].value == "Line\ufffdbreak\tand tab"
    # CSV holds every character as it is.
    rows = list(csv.DictReader(io.StringIO(export(curator_client, "person", "", "csv").decode())))
    assert rows[0]["title"] == "Line\x0bbreak\tand tab"


def run_worker() -> None:
    call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_checked_and_imported_by_the_worker(curator_client, settings):
    settings.VITRINE_IMPORT_BACKGROUND_ROWS = 5
    factories.PersonFactory(slug="p-0", title="Person 0", birth="1900")
    rows = [["slug", "title", "birth"]] + [[f"p-{i}", f"Person {i}", "1901"] for i in range(12)]

    # Upload: the dry run is queued, not run in the request.
    response = upload(curator_client, "person", csv_bytes(rows))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == batch.get_absolute_url()
    assert batch.state == ImportBatch.State.CHECKING and batch.task_id
    page = curator_client.get(batch.get_absolute_url()).content.decode()
    assert "Checking the file (dry run)" in page and 'http-equiv="refresh"' in page
    assert "0 of 12 rows" in page

    run_worker()
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.CHECKED
    assert not lock_path(batch.pk).exists()  # the worker let go of it
    assert Person.objects.count() == 1  # the check saved nothing
    page = curator_client.get(batch.get_absolute_url()).content.decode()
    assert "11 to create, 1 to update, 0 unchanged" in page
    assert "Confirm import" in page and 'http-equiv="refresh"' not in page
    assert {"row": 1, "action": "update", "record": "Person 0", "changed": ["birth"]} in (
        batch.preview
    )

    # Confirm: the import is queued; the worker runs it.
    confirm_url = reverse("admin:transfer_importbatch_confirm", args=[batch.pk])
    response = curator_client.post(confirm_url)
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.QUEUED
    assert "Waiting for the worker" in curator_client.get(batch.get_absolute_url()).content.decode()
    assert curator_client.post(confirm_url).status_code == 404  # confirmed once only

    run_worker()
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DONE
    assert not lock_path(batch.pk).exists()
    assert (batch.created, batch.updated, batch.skipped) == (11, 1, 0)
    assert read_progress(batch) == (12, 12)
    assert Person.objects.count() == 12
    page = curator_client.get(batch.get_absolute_url()).content.decode()
    assert "12 of 12 rows" in page and "11 created, 1 updated" in page
    assert 'http-equiv="refresh"' not in page


@pytest.mark.django_db(transaction=True)
def test_a_large_file_with_errors_fails_its_check(editor_client, settings):
    settings.VITRINE_IMPORT_BACKGROUND_ROWS = 2
    rows = [["slug", "title", "death"], ["a", "A", "1900"], ["b", "B", "19xx-99"], ["c", "C", ""]]
    upload(editor_client, "person", csv_bytes(rows))
    run_worker()
    batch = ImportBatch.objects.get()
    assert batch.state == ImportBatch.State.FAILED
    assert batch.errors == [
        "Row 2, death: “19xx-99” is not a valid EDTF date. Examples: 1938-03-02, 1926-06, "
        "1909~/1911~ (circa), 1925? (uncertain), 192X (the 1920s), 1938-03-02/1938-03-13 "
        "(a range)."
    ]
    assert not Person.objects.exists()
    confirm_url = reverse("admin:transfer_importbatch_confirm", args=[batch.pk])
    assert editor_client.post(confirm_url).status_code == 404


def test_vocabulary_and_trial_lists_export_too(curator_client):
    factories.CollectionFactory(slug="papers", title="Papers")
    factories.CollectionFactory(slug="press", title="Press")
    url = reverse("admin:archive_collection_export") + "?q=pap"
    action, data = content_form(curator_client.get(url), 'name="format"')
    data["format"] = "0"
    response = curator_client.post(action or url, data)  # an empty action posts to the page
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["slug"] for row in rows] == ["papers"]
    assert curator_client.get(reverse("admin:archive_trial_export")).status_code == 200


def test_confirming_a_checked_file_takes_the_import_permissions(client, curator, settings):
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    batch = ImportBatch.objects.create(
        content_type=ContentType.objects.get_for_model(Person),
        file_name="x.csv",
        file_format="csv",
        user=curator,
        state=ImportBatch.State.CHECKED,
    )
    viewer = factories.UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_importbatch"))
    client.force_login(viewer)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Confirm import" not in page
    confirm_url = reverse("admin:transfer_importbatch_confirm", args=[batch.pk])
    assert client.post(confirm_url).status_code == 403
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.CHECKED
