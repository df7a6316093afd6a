"""Every admin list of the archive, the exhibits and the transfer app exports (CSV and XLSX), with
its filters and search, for anyone who may view the list."""

import csv
import io

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from archive.models import Citation, CitationNeeded, FixityCheck
from archive.roles import ROLE_APPS
from exhibits.models import Block, Exhibit, Section
from tests import factories
from tests.transfer.conftest import export
from transfer import formats
from transfer.admin_mixins import CuratorExportMixin
from transfer.models import ImportBatch

pytestmark = pytest.mark.django_db

PROJECT_ADMINS = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in ROLE_APPS
    ),
    key=lambda pair: pair[0]._meta.label,
)


def admin_url(model, view: str) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode())))


def xlsx_rows(data: bytes) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_walk_sees_every_kind_of_list():
    models = {model for model, _admin in PROJECT_ADMINS}
    assert {Exhibit, Section, Block, Citation, CitationNeeded, FixityCheck, ImportBatch} <= models


@pytest.mark.parametrize(
    ("model", "model_admin"),
    [
        pytest.param(model, model_admin, id=model._meta.label)
        for model, model_admin in PROJECT_ADMINS
    ],
)
def test_every_project_admin_list_offers_csv_and_xlsx_export(curator_client, model, model_admin):
    assert isinstance(model_admin, CuratorExportMixin), f"{model._meta.label}: no export"
    assert [type(f()) for f in model_admin.get_export_formats()] == [
        formats.CSV,  # formula-like cells neutralised (see transfer.formats)
        formats.XLSX,  # text cells stay text (see transfer.formats)
    ]
    # The change list links to the export; the export keeps the list's query.
    changelist = curator_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert admin_url(model, "export") in changelist.content.decode()
    header = export(curator_client, model._meta.model_name, "", "csv", model._meta.app_label)
    assert header.strip(), "an export of an empty list still names its columns"
    assert export(curator_client, model._meta.model_name, "", "xlsx", model._meta.app_label)


def test_a_user_who_may_only_view_a_list_may_export_it(client):
    viewer = factories.UserFactory(username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_fixitycheck"))
    client.force_login(viewer)
    photograph = factories.PhotographFactory(slug="kremlin")
    FixityCheck.objects.create(
        photograph=photograph, checked_at=timezone.now(), result="ok", file_name="kremlin.jpg"
    )
    rows = csv_rows(export(client, "fixitycheck", "", "csv"))
    assert [(row["photograph"], row["result"], row["file_name"]) for row in rows] == [
        ("kremlin", "ok", "kremlin.jpg")
    ]
    # No view permission on import batches: neither the list nor its export.
    assert client.get(admin_url(ImportBatch, "export")).status_code == 403


def test_the_citation_needed_worklist_exports_only_its_rows(curator_client):
    person = factories.PersonFactory(title="Nikolai Bukharin")
    flagged = factories.CitationFactory(cited_object=person, source=None, locator="f. 12")
    sourced = factories.CitationFactory(cited_object=person, source__key="cohen1973")

    worklist = csv_rows(export(curator_client, "citationneeded", "", "csv"))
    assert [(row["id"], row["cited record"], row["kind of record"]) for row in worklist] == [
        (str(flagged.pk), "Nikolai Bukharin", "person")
    ]
    assert worklist[0]["source"] == "" and worklist[0]["locator"] == "f. 12"

    citations = csv_rows(export(curator_client, "citation", "?q=cohen1973", "csv"))
    assert [(row["id"], row["source"]) for row in citations] == [(str(sourced.pk), "cohen1973")]
