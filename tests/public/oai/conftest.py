"""An OAI-PMH client for the tests that validates every response against the official schemas
(OAI-PMH 2.0, oai_dc, oai-identifier; local copies, so it works offline)."""

import datetime
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
URL = "/oai/"


@pytest.fixture(scope="session")
def oai_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "oai-pmh-with-dc.xsd")))


class OAIClient:
    def __init__(self, client: Client, schema: etree.XMLSchema) -> None:
        self.client = client
        self.schema = schema

    def __call__(self, method: str = "get", **params: str | list[str]) -> etree._Element:
        """Send a request (GET query or POST form) and return its valid response's root."""
        response = getattr(self.client, method)(URL, params)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        root = etree.fromstring(response.content)
        self.schema.assertValid(root)
        return root

    def query(self, query_string: str) -> etree._Element:
        """A request given as a raw query string (repeated and empty arguments)."""
        response = self.client.get(f"{URL}?{query_string}")
        assert response.status_code == 200
        root = etree.fromstring(response.content)
        self.schema.assertValid(root)
        return root


@pytest.fixture
def oai(client, oai_schema) -> OAIClient:
    return OAIClient(client, oai_schema)


def errors(root: etree._Element) -> list[str]:
    return [error.get("code") for error in root.findall("oai:error", NS)]


def identifiers(root: etree._Element) -> list[str]:
    return [e.text for e in root.iterfind(".//oai:header/oai:identifier", NS)]


def deleted(root: etree._Element) -> list[str]:
    return [
        header.findtext("oai:identifier", namespaces=NS)
        for header in root.iterfind(".//oai:header[@status='deleted']", NS)
    ]


def token(root: etree._Element) -> etree._Element | None:
    return root.find(".//oai:resumptionToken", NS)


def dc_values(root: etree._Element, element: str) -> list[str]:
    return [e.text for e in root.iterfind(f".//oai_dc:dc/dc:{element}", NS)]


def oai_id(record) -> str:
    return f"oai:vitrine.local:{record._meta.model_name}/{record.pk}"


def past(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**(delta or {"days": 1}))


def future(**delta) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(**(delta or {"days": 1}))
