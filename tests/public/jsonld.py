"""Reading and checking the JSON-LD of a page, offline: the schema.org context is a local copy
(tests/standards/schema.org, with its SOURCE.txt) served to pyld by a document loader."""

import json
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pyld import jsonld
from pyld.jsonld import JsonLdError

CONTEXT_FILE = Path(__file__).parent.parent / "standards" / "schema.org" / "schemaorgcontext.jsonld"
SCHEMA = "http://schema.org/"


@cache
def schema_context() -> dict[str, Any]:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


def local_loader(url: str, options: dict | None = None) -> dict[str, Any]:
    """pyld document loader that knows only schema.org's context, and never the network."""
    if url.rstrip("/") in {"https://schema.org", "http://schema.org"}:
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": schema_context(),
        }
    raise JsonLdError(f"No network in tests: {url}", "jsonld.LoadDocumentError")


def expand(data: dict[str, Any]) -> list[dict[str, Any]]:
    return jsonld.expand(data, {"documentLoader": local_loader})


class _ScriptParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and ("type", "application/ld+json") in attrs:
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.scripts[-1] += data


def scripts_of(html: str) -> list[str]:
    """The text of every <script type="application/ld+json"> of a page, as a browser splits it."""
    parser = _ScriptParser()
    parser.feed(html)
    parser.close()
    return parser.scripts


def json_ld_of(response) -> dict[str, Any]:
    """The one JSON-LD object of a page (asserting there is exactly one)."""
    scripts = scripts_of(response.content.decode())
    assert len(scripts) == 1, scripts
    return json.loads(scripts[0])


def terms_used(data: Any) -> tuple[set[str], set[str]]:
    """Return (types, properties) used anywhere in a JSON-LD value."""
    types: set[str] = set()
    properties: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key == "@type":
                    types.update(item if isinstance(item, list) else [item])
                elif not key.startswith("@"):
                    properties.add(key)
                    walk(item)
                elif key == "@graph":
                    walk(item)

    walk(data)
    return types, properties


def undefined_terms(data: dict[str, Any]) -> set[str]:
    """The types and properties of data that schema.org's context does not define as terms."""
    context = schema_context()["@context"]
    types, properties = terms_used(data)

    def defined(term: str) -> bool:
        definition = context.get(term)
        return isinstance(definition, dict) and definition.get("@id") == f"schema:{term}"

    undefined = {term for term in types | properties if not defined(term)}
    # Types start with a capital letter and properties with a small one, in schema.org.
    undefined |= {term for term in types if not term[0].isupper()}
    undefined |= {term for term in properties if not term[0].islower()}
    return undefined


def check_schema_org(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Assert that data uses only schema.org terms and expands against schema.org's context;
    return the expansion. Every expanded type and property is a schema.org IRI."""
    assert data.get("@context") == "https://schema.org"
    assert undefined_terms(data) == set()
    expanded = expand(data)
    assert expanded, data

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key == "@type":  # a list on nodes, one IRI on typed values
                    for iri in item if isinstance(item, list) else [item]:
                        assert iri.startswith(SCHEMA), iri
                elif not key.startswith("@"):
                    assert key.startswith(SCHEMA), key
                    walk(item)
                elif key in {"@graph", "@list", "@set"}:
                    walk(item)

    walk(expanded)
    return expanded
