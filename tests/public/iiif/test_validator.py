"""The official IIIF Image API validator (`iiif-validator`), level 2 of version 3.0, run against
this project's own server with the validator's test image (see its SOURCE note beside it),
ingested as a published photograph whose slug is the identifier the validator asks for."""

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile

from tests import factories

IDENTIFIER = "67352ccc-d1b0-11e1-89ae-279075081939"
TEST_IMAGE = Path(__file__).parent / f"{IDENTIFIER}.png"
VALIDATOR = Path(sys.executable).parent / "iiif-validate.py"


@pytest.mark.django_db(transaction=True)
def test_the_official_validator_finds_no_failure_at_level_2(live_server):
    factories.PhotographFactory(
        slug=IDENTIFIER,
        title="IIIF validator test image",
        image=ContentFile(TEST_IMAGE.read_bytes(), name=f"{IDENTIFIER}.png"),
    )
    server = urlsplit(live_server.url).netloc
    command = [sys.executable, str(VALIDATOR), f"--server={server}", "--prefix=iiif/image"]
    command += [f"--identifier={IDENTIFIER}", "--version=3.0", "--level=2"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "0 failures" in output, output
    assert output.count(" PASS") >= 30, output
