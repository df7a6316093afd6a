import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

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


def run_citation_tasks() -> int:
    """Run the queued citation tasks here, as `manage.py run_worker` would (a task that raises
    is marked failed); returns how many ran."""
    ran = 0
    for result in DBTaskResult.objects.ready().filter(task_path__startswith="public.cite."):
        result.claim("test-worker")
        arguments = result.args_kwargs
        try:
            value = result.task.call(*arguments["args"], **arguments["kwargs"])
        except Exception as exc:
            result.set_failed(exc)
        else:
            result.set_successful(value)
        ran += 1
    return ran


class AfterWorkerClient(Client):
    """A browser that sees each page as it is once the task worker has caught up: a GET that
    queued citations to format is answered again after they are stored (the first answer, with
    the plain citation, is what test_stored.py checks)."""

    def get(self, *args, **kwargs):
        response = super().get(*args, **kwargs)
        if run_citation_tasks():
            response = super().get(*args, **kwargs)
        return response


@pytest.fixture
def client() -> AfterWorkerClient:
    return AfterWorkerClient()


@pytest.fixture
def admin_client(admin_user) -> AfterWorkerClient:
    browser = AfterWorkerClient()
    browser.force_login(admin_user)
    return browser
