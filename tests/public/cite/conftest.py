import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def csl_validator() -> jsonschema.Draft7Validator:
    """The official CSL-JSON input schema (tests/public/cite/csl-data.json, see its SOURCE note)."""
    schema = json.loads((HERE / "csl-data.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
