"""The OAI-PMH response envelope, written with lxml (which escapes every value)."""

import datetime
import re
from collections.abc import Iterable

from django.utils import timezone
from lxml import etree

from public.oai import dc
from public.oai.datestamps import format_datestamp
from public.oai.errors import OAIError

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DC = "http://purl.org/dc/elements/1.1/"
IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"

# Characters XML 1.0 cannot carry (control characters pasted into a record would otherwise
# make the whole response unreadable).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _qname(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def sub(
    parent: etree._Element, name: str, value: str | None = None, **attrs: str
) -> etree._Element:
    element = etree.SubElement(parent, _qname(OAI, name), attrs)
    if value is not None:
        element.text = text(value)
    return element


class Response:
    """One response: responseDate, request, then either the verb's element or errors."""

    def __init__(
        self, base_url: str, verb: str | None = None, arguments: dict[str, str] | None = None
    ) -> None:
        self.root = etree.Element(_qname(OAI, "OAI-PMH"), nsmap={None: OAI, "xsi": XSI})
        self.root.set(_qname(XSI, "schemaLocation"), f"{OAI} {OAI_SCHEMA}")
        sub(self.root, "responseDate", format_datestamp(timezone.now()))
        attrs = {"verb": verb, **(arguments or {})} if verb else {}
        sub(self.root, "request", base_url, **{k: text(v) for k, v in attrs.items()})

    def verb(self, name: str) -> etree._Element:
        return sub(self.root, name)

    def error(self, error: OAIError) -> None:
        sub(self.root, "error", error.message, code=error.code)

    def render(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8")


def header(
    parent: etree._Element,
    identifier: str,
    datestamp: datetime.datetime,
    set_specs: Iterable[str],
    *,
    deleted: bool,
) -> None:
    element = sub(parent, "header", **({"status": "deleted"} if deleted else {}))
    sub(element, "identifier", identifier)
    sub(element, "datestamp", format_datestamp(datestamp))
    for spec in set_specs:
        sub(element, "setSpec", spec)


def dublin_core(parent: etree._Element, elements: Iterable[dc.Element]) -> None:
    """<metadata><oai_dc:dc>…</oai_dc:dc></metadata>"""
    metadata = sub(parent, "metadata")
    root = etree.SubElement(
        metadata, _qname(dc.NAMESPACE, "dc"), nsmap={"oai_dc": dc.NAMESPACE, "dc": DC}
    )
    root.set(_qname(XSI, "schemaLocation"), f"{dc.NAMESPACE} {dc.SCHEMA}")
    for name, value in elements:
        etree.SubElement(root, _qname(DC, name)).text = text(value)


def oai_identifier_description(
    parent: etree._Element, repository_identifier: str, sample: str
) -> None:
    """Identify's <description> declaring the oai-identifier scheme."""
    description = sub(parent, "description")
    root = etree.SubElement(
        description, _qname(IDENTIFIER, "oai-identifier"), nsmap={None: IDENTIFIER}
    )
    root.set(_qname(XSI, "schemaLocation"), f"{IDENTIFIER} {IDENTIFIER_SCHEMA}")
    for name, value in (
        ("scheme", "oai"),
        ("repositoryIdentifier", repository_identifier),
        ("delimiter", ":"),
        ("sampleIdentifier", sample),
    ):
        etree.SubElement(root, _qname(IDENTIFIER, name)).text = value


def resumption_token(
    parent: etree._Element,
    token: str,
    *,
    total: int,
    cursor: int,
    expires: datetime.datetime | None,
) -> None:
    """The list's resumptionToken: empty on the last page, which ends the list."""
    attrs = {"completeListSize": str(total), "cursor": str(cursor)}
    if expires:
        attrs["expirationDate"] = format_datestamp(expires)
    sub(parent, "resumptionToken", token, **attrs)
