"""The OpenAPI schema is generated from the code, is valid OpenAPI 3, documents every search
parameter, and the API conforms to it: schemathesis sends generated requests to every GET
operation in-process (WSGI) and checks each answer against the schema."""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.search import PARAMETERS
from search.forms import SearchForm

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def generated_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_is_valid_openapi():
    schema = generated_schema()
    validate_schema(schema)  # drf-spectacular's own check (raises on error)
    validate(schema)  # openapi-spec-validator
    assert schema["openapi"].startswith("3.")


def test_schema_lists_every_endpoint_as_get_only():
    paths = generated_schema()["paths"]
    for kind in ("persons", "documents", "photographs", "trials", "events"):
        assert f"/api/v1/{kind}/" in paths
        assert f"/api/v1/{kind}/{{slug}}/" in paths
    for extra in ("places", "collections", "subjects", "exhibits"):
        assert f"/api/v1/{extra}/" in paths
    assert "/api/v1/exhibits/{exhibit_slug}/sections/{slug}/" in paths
    assert "/api/v1/search/" in paths
    assert "/api/v1/" in paths
    assert {method for item in paths.values() for method in item} == {"get"}


def test_schema_documents_every_search_parameter():
    assert set(PARAMETERS) == set(SearchForm.base_fields)
    operation = generated_schema()["paths"]["/api/v1/search/"]["get"]
    assert {p["name"] for p in operation["parameters"]} == set(SearchForm.base_fields)


def test_schema_and_docs_are_served(client, db):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Vitrine API"
    for page in ("/api/docs/", "/api/redoc/"):
        html = client.get(page).content.decode()
        assert "/static/drf_spectacular_sidecar/" in html  # served locally, no CDN
        assert "cdn" not in html.lower()


@pytest.fixture
def in_process_requests():
    """Keep the test's database connection across WSGI requests, as Django's test client does:
    schemathesis calls the WSGI application itself, whose request signals would close it."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Schemathesis --------------------------------------------------------------------------------


# Loaded when the tests are collected: making the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@schema.parametrize()
@settings(
    # A modest number per operation keeps the run near a minute; raise it for a deeper search:
    # VITRINE_SCHEMATHESIS_EXAMPLES=500 pytest tests/api/test_schema.py
    max_examples=int(os.environ.get("VITRINE_SCHEMATHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, archive, in_process_requests):
    case.call_and_validate(checks=CHECKS)


def test_real_records_conform_to_the_schema(archive, in_process_requests):
    """Generated slugs rarely name a record: check every real detail answer explicitly."""
    details = {
        "/api/v1/persons/{slug}/": ["bukharin", "rykov"],
        "/api/v1/documents/{slug}/": ["abc", "letter"],
        "/api/v1/photographs/{slug}/": ["congress", "rykov-photo"],
        "/api/v1/trials/{slug}/": ["trial"],
        "/api/v1/events/{slug}/": ["expelled"],
        "/api/v1/collections/{slug}/": ["papers"],
        "/api/v1/subjects/{slug}/": ["politics"],
        "/api/v1/exhibits/{slug}/": ["life"],
    }
    for path, slugs in details.items():
        for slug in slugs:
            case = schema[path]["GET"].Case(path_parameters={"slug": slug})
            response = case.call_and_validate(checks=CHECKS)
            assert response.status_code == 200, (path, slug)
    section = schema["/api/v1/exhibits/{exhibit_slug}/sections/{slug}/"]["GET"].Case(
        path_parameters={"exhibit_slug": "life", "slug": "one"}
    )
    assert section.call_and_validate(checks=CHECKS).status_code == 200
    search = schema["/api/v1/search/"]["GET"].Case(query={"q": "bukharin", "kind": ["document"]})
    assert search.call_and_validate(checks=CHECKS).json()["total"] > 0
