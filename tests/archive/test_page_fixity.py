"""Document page images get a checksum when stored and are checked by check_fixity like
photograph originals: a changed or lost page image is named with its document, the command fails,
and curators see the last result."""

import hashlib

import pytest
from django.core.files.base import ContentFile

from archive import fixity
from archive.models import DocumentPage, FixityCheck, PageFixityCheck
from tests import factories
from tests.archive.test_fixity import run_check_fixity

pytestmark = pytest.mark.django_db


def stored_bytes(page: DocumentPage) -> bytes:
    with page.image.storage.open(page.image.name, "rb") as handle:
        return handle.read()


def test_a_new_page_image_gets_its_checksum_and_size():
    content = factories.image_bytes(color="#336699")
    page = DocumentPage.objects.create(
        document=factories.DocumentFactory(), image=ContentFile(content, name="p.jpg")
    )
    page.refresh_from_db()
    assert page.sha256 == hashlib.sha256(content).hexdigest()
    assert page.byte_size == len(content)
    assert stored_bytes(page) == content
    # The revision records them too.
    assert page.history.first().sha256 == page.sha256


def test_a_replaced_image_gets_a_new_checksum_and_an_edit_keeps_it():
    page = factories.DocumentPageFactory()
    first = page.sha256
    page.label = "f. 1r"
    page.save()
    assert DocumentPage.objects.get(pk=page.pk).sha256 == first
    replacement = factories.image_bytes(color="#000000")
    page.image = ContentFile(replacement, name="new.jpg")
    page.save()
    page = DocumentPage.objects.get(pk=page.pk)
    assert page.sha256 == hashlib.sha256(replacement).hexdigest() != first
    assert page.byte_size == len(replacement)
    # Pointing at another stored file (as a revert does) takes that file's checksum.
    other = factories.DocumentPageFactory()
    page.image.name = other.image.name
    page.save()
    assert DocumentPage.objects.get(pk=page.pk).sha256 == other.sha256


def test_intact_page_images_pass_with_the_originals():
    factories.PhotographFactory()
    pages = [factories.DocumentPageFactory() for _ in range(2)]

    code, out, err = run_check_fixity()

    assert (code, err) == (0, "")
    assert "All 1 originals and 2 page images match their checksums." in out
    assert {c.page_id: c.result for c in PageFixityCheck.objects.all()} == {
        page.pk: PageFixityCheck.Result.OK for page in pages
    }
    assert FixityCheck.objects.count() == 1


def test_a_changed_or_lost_page_image_is_named_and_fails():
    document = factories.DocumentFactory(title="Letter to the Congress", slug="letter")
    intact = factories.DocumentPageFactory(document=document, label="f. 1")
    changed = factories.DocumentPageFactory(document=document, label="f. 2")
    lost = factories.DocumentPageFactory(document=document, label="f. 3")
    with changed.image.storage.open(changed.image.name, "wb") as handle:
        handle.write(factories.image_bytes(color="#ff0000"))
    lost.image.storage.delete(lost.image.name)

    code, _, err = run_check_fixity()

    assert code == 1
    assert (
        f"Changed since ingest: {changed.image.name} — page “f. 2” of document "
        f"“Letter to the Congress” (letter, page id {changed.pk})"
    ) in err
    assert f"File missing: {lost.image.name} — page “f. 3”" in err
    assert "Fixity problems: 1 changed since ingest, 1 file missing." in err
    results = {c.page_id: c.result for c in PageFixityCheck.objects.all()}
    assert results == {
        intact.pk: PageFixityCheck.Result.OK,
        changed.pk: PageFixityCheck.Result.CHANGED,
        lost.pk: PageFixityCheck.Result.MISSING,
    }
    check = PageFixityCheck.objects.get(page=changed)
    assert check.expected_sha256 == changed.sha256
    assert check.found_sha256 == hashlib.sha256(stored_bytes(changed)).hexdigest()
    assert check.found_sha256 != changed.sha256


def test_a_restored_file_passes_again():
    page = factories.DocumentPageFactory()
    content = stored_bytes(page)
    with page.image.storage.open(page.image.name, "wb") as handle:
        handle.write(b"not the page")
    assert fixity.check_page(page).result == PageFixityCheck.Result.CHANGED
    with page.image.storage.open(page.image.name, "wb") as handle:
        handle.write(content)
    assert fixity.check_page(page).result == PageFixityCheck.Result.OK
    assert PageFixityCheck.objects.count() == 1  # the last result, kept once


def test_pages_stored_before_checksums_are_reported_until_recorded():
    page = factories.DocumentPageFactory()
    DocumentPage.objects.filter(pk=page.pk).update(sha256="", byte_size=None)

    code, _, err = run_check_fixity()
    assert code == 1 and "No checksum recorded" in err

    code, _, err = run_check_fixity("--record-unrecorded")
    assert (code, err) == (0, "")
    page.refresh_from_db()
    assert page.sha256 == hashlib.sha256(stored_bytes(page)).hexdigest()
    assert page.byte_size == len(stored_bytes(page))
    assert page.history.count() == 1  # recorded without a new revision
    # From now on a change is found.
    with page.image.storage.open(page.image.name, "wb") as handle:
        handle.write(b"changed")
    assert run_check_fixity()[0] == 1


def test_curators_see_page_fixity_in_the_admin(curator_client):
    page = factories.DocumentPageFactory(label="f. 7")
    form = curator_client.get(f"/admin/archive/document/{page.document.pk}/change/")
    assert "not checked yet" in form.content.decode()

    run_check_fixity()

    form = curator_client.get(f"/admin/archive/document/{page.document.pk}/change/").content
    assert "Matches its checksum" in form.decode()
    listing = curator_client.get("/admin/archive/pagefixitycheck/").content.decode()
    assert "f. 7" in listing and page.document.title in listing
