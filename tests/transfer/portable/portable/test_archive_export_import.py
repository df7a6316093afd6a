"""Whole-archive export and import: a lossless round trip (directory and zip), and damaged
archives or a non-empty database refused with a clear error and nothing half-imported.

"A fresh empty database" inside a test is this test's database with every archive row deleted
in the test's own transaction (importer.clear_archive, the same code as --replace), and an empty
media folder.
"""

import io
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import images
from archive.models import (
    Citation,
    Document,
    DocumentPage,
    Person,
    PersonName,
    Photograph,
    Trial,
)
from archive.models.base import Status
from exhibits.models import Block, Exhibit, Section
from search.models import SearchEntry
from tests import factories
from transfer.portable import importer, layout

pytestmark = pytest.mark.django_db


def export(path: Path) -> Path:
    call_command("export_archive", str(path), stdout=StringIO())
    return path


def run_import(path: Path, **options) -> str:
    out = StringIO()
    call_command("import_archive", str(path), stdout=out, **options)
    return out.getvalue()


def members(path: Path) -> dict[str, bytes]:
    """Every file of an archive (directory or zip) by name; the manifest without its time."""
    if path.is_dir():
        found = {str(p.relative_to(path)): p.read_bytes() for p in path.rglob("*") if p.is_file()}
    else:
        with zipfile.ZipFile(path) as archive:
            found = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(found.pop(layout.MANIFEST))
    manifest.pop("exported_at")
    found[layout.MANIFEST] = json.dumps(manifest, sort_keys=True).encode()
    return found


def stored_media() -> set[str]:
    root = Path(default_storage.location)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def use_media_root(settings, path: Path) -> None:
    settings.MEDIA_ROOT = path
    assert stored_media() == set()


@pytest.fixture
def demo(curator) -> None:
    """The demo archive, plus what it lacks: a document page image and a revision by a curator."""
    call_command("load_demo", stdout=StringIO())
    document = Document.objects.get(slug="abc-of-communism")
    DocumentPage.objects.create(
        document=document, image=factories.image_file("page.png", fmt="PNG"), label="p. 1"
    )
    person = Person.objects.get(slug="nikolai-bukharin")
    person._history_user = curator
    person.summary += " Revised."
    person.save()
    # The index is kept current after commits, which a test never makes: build it now.
    call_command("rebuild_search_index", stdout=StringIO())


def snapshot() -> dict:
    """What a curator and a visitor would notice if the round trip lost it."""
    trial = Trial.objects.get(slug="trial-of-the-twenty-one")
    block_type = ContentType.objects.get_for_model(Block)
    record_models = [Person, Document, Photograph, Trial, Exhibit]
    return {
        "defendants": list(
            trial.defendants.values_list("person__slug", "position", "charges", "verdict")
        ),
        "contributors": {
            d.slug: list(d.contribution_set.values_list("person__slug", "role", "position"))
            for d in Document.objects.order_by("slug")
        },
        "blocks": [
            (s.exhibit.slug, s.slug, s.position, list(s.blocks.values_list("pk", "kind", "body")))
            for s in Section.objects.order_by("exhibit__slug", "position")
        ],
        # In gallery order (without an order the rows came back in whatever order the
        # database read them, and a PostgreSQL run failed on two items of one gallery swapped).
        "gallery": list(
            Block.objects.filter(kind="gallery")
            .order_by("pk", "gallery_items__position", "gallery_items__photograph")
            .values_list("pk", "gallery_items__position", "gallery_items__photograph")
        ),
        "names": sorted(PersonName.objects.values_list("person__slug", "name", "kind", "language")),
        "block citations": sorted(
            Citation.objects.filter(content_type=block_type).values_list(
                "object_id", "source__key", "locator", "note", "position"
            ),
            key=repr,
        ),
        "states": {
            m.__name__: sorted(
                m.objects.values_list("slug", "status", "published_at", "updated_at")
            )
            for m in record_models
        },
        "photographs": sorted(
            Photograph.objects.values_list("slug", "image", "sha256", "width", "thumbnail")
        ),
        "revisions": sorted(
            Person.history.values_list("history_id", "slug", "history_user__username", "summary")
        ),
        "search": sorted(SearchEntry.objects.values_list("kind", "object_id", "title", "status")),
    }


def test_round_trip_through_a_directory_is_lossless(demo, settings, tmp_path):
    before = snapshot()
    assert before["revisions"] and any(r[2] == "curator" for r in before["revisions"])
    first = export(tmp_path / "first")

    importer.clear_archive()
    assert importer.archive_counts() == {}
    use_media_root(settings, tmp_path / "fresh-media")
    out = run_import(first)

    assert "Imported" in out
    assert snapshot() == before
    second = export(tmp_path / "second")
    assert members(second) == members(first)

    # The files are in the new storage, intact, and what the photographs record.
    for photograph in Photograph.objects.exclude(image=""):
        assert images.fixity(photograph.image)[0] == photograph.sha256
    assert stored_media() == {
        json.loads(line)["name"] for line in (first / layout.MEDIA_LIST).read_text().splitlines()
    }
    # Sequences continue after the imported rows.
    last = max(Person.objects.values_list("pk", flat=True))
    assert factories.PersonFactory().pk > last


def test_round_trip_through_a_zip_with_replace(demo, settings, tmp_path):
    before = snapshot()
    first = export(tmp_path / "first.zip")
    assert zipfile.ZipFile(first).testzip() is None

    use_media_root(settings, tmp_path / "fresh-media")
    run_import(first, replace=True)

    assert snapshot() == before
    second = export(tmp_path / "second.zip")
    assert members(second) == members(first)


def test_the_manifest_counts_and_checksums_every_file(demo, tmp_path):
    archive = export(tmp_path / "archive")
    manifest = json.loads((archive / layout.MANIFEST).read_text())

    assert (manifest["format"], manifest["version"]) == ("vitrine-archive", 1)
    by_model = {entry["model"]: entry for entry in manifest["files"]}
    assert by_model["archive.person"]["rows"] == Person.objects.count()
    assert by_model["auth.user"]["rows"] == 1
    for entry in manifest["files"]:
        data = (archive / entry["path"]).read_bytes()
        assert len(data.splitlines()) == entry["rows"]
        assert images.stream_fixity(io.BytesIO(data))[0] == entry["sha256"]
    media = [json.loads(line) for line in (archive / "media.jsonl").read_text().splitlines()]
    assert manifest["media"]["files"] == len(media) > 0
    assert any(m["name"].startswith("documents/pages/") for m in media)
    assert any(m["name"].startswith("photographs/thumbnails/") for m in media)
    for entry in media:
        content = (archive / "media" / entry["name"]).read_bytes()
        assert len(content) == entry["bytes"]
    # Rows are readable without Django: content types and revision authors by natural key.
    citation = json.loads((archive / "data/archive.citation.jsonl").read_text().splitlines()[0])
    assert citation["model"] == "archive.citation"
    assert citation["fields"]["content_type"][0] in ("archive", "exhibits")


def test_revision_authors_missing_here_are_created_inactive(demo, curator, settings, tmp_path):
    archive = export(tmp_path / "archive")
    importer.clear_archive()
    curator.delete()
    use_media_root(settings, tmp_path / "fresh-media")

    run_import(archive)

    author = Person.history.get(history_user__isnull=False).history_user
    assert author.username == "curator"
    assert not author.is_active
    assert not author.has_usable_password()


# Damaged archives and a non-empty database: a clear error, and nothing changed.


@pytest.fixture
def exported(demo, settings, tmp_path) -> Path:
    archive = export(tmp_path / "archive")
    use_media_root(settings, tmp_path / "fresh-media")
    return archive


def refused(archive: Path, message: str, **options) -> None:
    before = snapshot()
    with pytest.raises(CommandError, match=message) as raised:
        run_import(archive, **options)
    assert "nothing was changed" in str(raised.value)
    assert snapshot() == before
    assert stored_media() == set()


def first_media(archive: Path) -> Path:
    name = json.loads((archive / layout.MEDIA_LIST).read_text().splitlines()[0])["name"]
    return archive / "media" / name


def test_a_corrupted_media_file_is_refused(exported):
    first_media(exported).write_bytes(b"not the original")

    refused(exported, r"Media file media/\S+ does not match its checksum", replace=True)


def test_a_missing_media_file_is_refused(exported):
    first_media(exported).unlink()

    refused(exported, r"The archive has no file media/\S+", replace=True)


def test_a_changed_data_file_is_refused(exported):
    path = exported / "data/archive.person.jsonl"
    path.write_text(path.read_text().replace("Bukharin", "Bucharin"))

    refused(exported, r"Data file data/archive.person.jsonl does not match", replace=True)


def test_another_format_version_is_refused(exported):
    manifest = json.loads((exported / layout.MANIFEST).read_text())
    manifest["version"] = 2
    (exported / layout.MANIFEST).write_text(json.dumps(manifest))

    refused(exported, r"format version 2; this Vitrine reads version 1", replace=True)


def test_a_non_empty_database_is_refused_without_replace(exported):
    refused(exported, r"already holds archive data .*--replace deletes")


def test_a_late_failure_rolls_back_and_deletes_the_media_written(exported, monkeypatch):
    def broken_rebuild(*args, **kwargs):
        raise RuntimeError("index broken")

    monkeypatch.setattr(importer, "rebuild_kinds", broken_rebuild)
    before = snapshot()

    with pytest.raises(RuntimeError, match="index broken"):
        run_import(exported, replace=True)

    assert snapshot() == before
    assert stored_media() == set()


def test_rows_pointing_at_missing_rows_are_refused(exported):
    """A consistent but incomplete archive (checksums fixed up) fails the foreign-key check."""
    path = exported / "data/archive.place.jsonl"
    path.write_text("")
    manifest = json.loads((exported / layout.MANIFEST).read_text())
    for entry in manifest["files"]:
        if entry["path"] == "data/archive.place.jsonl":
            entry.update(rows=0, bytes=0, sha256=images.stream_fixity(path.open("rb"))[0])
    (exported / layout.MANIFEST).write_text(json.dumps(manifest))

    refused(exported, r"point at rows it does not hold", replace=True)


def test_unsafe_media_names_are_refused(exported):
    listing = exported / layout.MEDIA_LIST
    listing.write_text(json.dumps({"name": "../escape.jpg", "sha256": "0", "bytes": 1}) + "\n")
    manifest = json.loads((exported / layout.MANIFEST).read_text())
    manifest["media"].update(
        files=1,
        list_bytes=listing.stat().st_size,
        sha256=images.stream_fixity(listing.open("rb"))[0],
    )
    (exported / layout.MANIFEST).write_text(json.dumps(manifest))

    refused(exported, r"Unsafe file name in the archive: '../escape.jpg'", replace=True)


# The shape of the export.


def test_every_model_is_exported_or_declared_derived():
    from django.apps import apps

    exported = {layout.label(m) for m in layout.exported_models()}
    for app in layout.APPS:
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            if model._meta.proxy:
                continue
            label = layout.label(model)
            assert label in exported or label in layout.DERIVED, label


def test_export_queries_do_not_grow_with_the_rows(demo, tmp_path):
    """Each table is read in one streamed query (plus chunks), never a query per row."""
    with CaptureQueriesContext(connection) as small:
        export(tmp_path / "small")
    person = Person.objects.first()
    for number in range(40):
        factories.CitationFactory(cited_object=person, locator=f"p. {number}")
        factories.PersonNameFactory(person=person, name=f"Name {number}")
        factories.PersonFactory(status=Status.DRAFT)
    with CaptureQueriesContext(connection) as large:
        export(tmp_path / "large")

    assert len(large) == len(small)


def test_export_refuses_an_existing_target(demo, tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(CommandError, match="already exists"):
        export(tmp_path / "taken")


def test_export_names_a_missing_original(demo, tmp_path):
    photograph = Photograph.objects.exclude(image="").first()
    default_storage.delete(photograph.image.name)

    expected = rf"missing from storage \(archive.photograph {photograph.pk} \(image\)\)"
    with pytest.raises(CommandError, match=expected):
        export(tmp_path / "archive.zip")
    assert list(tmp_path.glob("*archive.zip*")) == []


def test_benchmark_export_prints_figures(demo):
    out = StringIO()
    call_command("benchmark_export", stdout=out)

    assert "rows/s" in out.getvalue()
    assert "Peak Python allocations" in out.getvalue()
