"""check_fixity re-reads every original, names missing and changed files, and keeps the results."""

import pytest
from django.core.management import call_command

from archive.models import FixityCheck
from tests import factories

pytestmark = pytest.mark.django_db


def run_check_fixity(*args: str) -> tuple[int, str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("check_fixity", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_intact_originals_pass():
    photographs = [factories.PhotographFactory() for _ in range(3)]

    code, out, err = run_check_fixity()

    assert code == 0
    assert "All 3 originals match their checksums." in out
    assert err == ""
    assert {c.photograph_id: c.result for c in FixityCheck.objects.all()} == {
        p.pk: FixityCheck.Result.OK for p in photographs
    }


def test_changed_and_missing_originals_are_named_and_fail():
    intact = factories.PhotographFactory(title="Intact")
    changed = factories.PhotographFactory(title="Tampered", slug="tampered")
    missing = factories.PhotographFactory(title="Lost", slug="lost")
    with changed.image.storage.open(changed.image.name, "wb") as handle:
        handle.write(factories.image_bytes(color="#000000"))
    missing.image.storage.delete(missing.image.name)

    code, _, err = run_check_fixity()

    assert code == 1
    assert "Changed since ingest" in err and "tampered" in err
    assert "File missing" in err and "lost" in err
    assert "1 changed since ingest, 1 file missing" in err
    results = {c.photograph_id: c.result for c in FixityCheck.objects.all()}
    assert results == {
        intact.pk: FixityCheck.Result.OK,
        changed.pk: FixityCheck.Result.CHANGED,
        missing.pk: FixityCheck.Result.MISSING,
    }
    check = FixityCheck.objects.get(photograph=changed)
    assert check.expected_sha256 == changed.sha256
    assert check.found_sha256 and check.found_sha256 != changed.sha256


def test_curators_see_the_last_result_in_the_photograph_list(curator_client):
    photograph = factories.PhotographFactory(title="Checked photograph")
    response = curator_client.get("/admin/archive/photograph/")
    assert "not checked yet" in response.content.decode()

    run_check_fixity()

    page = curator_client.get("/admin/archive/photograph/").content.decode()
    assert "Matches its checksum" in page
    listing = curator_client.get("/admin/archive/fixitycheck/").content.decode()
    assert photograph.title in listing
