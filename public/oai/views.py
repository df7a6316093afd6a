"""The OAI-PMH endpoint: one URL, six verbs, GET and POST (OAI-PMH 2.0, section 3.1.1)."""

import dataclasses
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from archive.kinds import BY_NAME, RecordKind
from archive.models import Record
from public.oai import dc, repository, tokens, xml
from public.oai.arguments import OAIRequest, harvest_window, parse_request
from public.oai.datestamps import GRANULARITY, format_datestamp
from public.oai.errors import OAIError

PROTOCOL_VERSION = "2.0"
CONTENT_TYPE = "text/xml; charset=utf-8"

Handler = Callable[[xml.Response, OAIRequest, HttpRequest], None]


@csrf_exempt  # harvesters POST without a session; nothing here writes
@require_http_methods(["GET", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(request.path)
    oai_request: OAIRequest | None = None
    try:
        oai_request = parse_request(params.lists())
        response = xml.Response(base_url, oai_request.verb, oai_request.arguments)
        HANDLERS[oai_request.verb](response, oai_request, request)
    except OAIError as error:
        # After badVerb or badArgument the <request> element carries no attributes (3.3.1).
        echo = oai_request if oai_request and error.echoes_arguments else None
        response = xml.Response(
            base_url, echo.verb if echo else None, echo.arguments if echo else None
        )
        response.error(error)
    return HttpResponse(response.render(), content_type=CONTENT_TYPE)


def _check_format(prefix: str) -> None:
    if prefix != dc.PREFIX:
        raise OAIError(
            "cannotDisseminateFormat", f"This repository offers {dc.PREFIX} only, not {prefix!r}."
        )


def identify(response: xml.Response, oai_request: OAIRequest, request: HttpRequest) -> None:
    earliest = repository.earliest_datestamp() or timezone.now()
    element = response.verb("Identify")
    xml.sub(element, "repositoryName", settings.VITRINE_SITE_NAME)
    xml.sub(element, "baseURL", request.build_absolute_uri(request.path))
    xml.sub(element, "protocolVersion", PROTOCOL_VERSION)
    for email in settings.OAI_ADMIN_EMAILS:
        xml.sub(element, "adminEmail", email)
    xml.sub(element, "earliestDatestamp", format_datestamp(earliest))
    # Withdrawn records that had been public stay as deleted records for good.
    xml.sub(element, "deletedRecord", "persistent")
    xml.sub(element, "granularity", GRANULARITY)
    sample = repository.identifier(BY_NAME["document"], 1)
    xml.oai_identifier_description(element, repository.repository_identifier(), sample)


def list_metadata_formats(
    response: xml.Response, oai_request: OAIRequest, request: HttpRequest
) -> None:
    if identifier := oai_request.get("identifier"):
        _find(identifier, repository.headers_only)
    element = response.verb("ListMetadataFormats")
    metadata_format = xml.sub(element, "metadataFormat")
    xml.sub(metadata_format, "metadataPrefix", dc.PREFIX)
    xml.sub(metadata_format, "schema", dc.SCHEMA)
    xml.sub(metadata_format, "metadataNamespace", dc.NAMESPACE)


def list_sets(response: xml.Response, oai_request: OAIRequest, request: HttpRequest) -> None:
    if oai_request.get("resumptionToken"):
        # Sets come in one response; no token for ListSets was ever issued.
        raise OAIError("badResumptionToken", "ListSets issues no resumption tokens.")
    element = response.verb("ListSets")
    for oai_set in repository.all_sets():
        set_element = xml.sub(element, "set")
        xml.sub(set_element, "setSpec", oai_set.spec)
        xml.sub(set_element, "setName", oai_set.name)


def get_record(response: xml.Response, oai_request: OAIRequest, request: HttpRequest) -> None:
    _check_format(oai_request.arguments["metadataPrefix"])
    kind, record = _find(oai_request.arguments["identifier"], dc.prepare)
    element = response.verb("GetRecord")
    _record(element, kind, record, request)


def list_identifiers(response: xml.Response, oai_request: OAIRequest, request: HttpRequest) -> None:
    _list(response, oai_request, request, with_metadata=False)


def list_records(response: xml.Response, oai_request: OAIRequest, request: HttpRequest) -> None:
    _list(response, oai_request, request, with_metadata=True)


def _find(identifier: str, prepare: repository.Prepare) -> tuple[RecordKind, Record]:
    kind, pk = repository.parse_identifier(identifier)
    record = repository.find(kind, pk, prepare)
    if record is None:
        raise OAIError("idDoesNotExist", f"There is no item {identifier!r} in this repository.")
    return kind, record


def _start_harvest(oai_request: OAIRequest) -> tokens.Harvest:
    """A new list request: check its arguments, fix its window, count its records."""
    start, end = harvest_window(oai_request.get("from"), oai_request.get("until"))
    prefix = oai_request.arguments["metadataPrefix"]
    _check_format(prefix)
    now = timezone.now()
    harvest = tokens.Harvest(
        verb=oai_request.verb,
        prefix=prefix,
        set_spec=oai_request.get("set"),
        start=start,
        end=min(end, now) if end else now,
        total=0,
    )
    return dataclasses.replace(harvest, total=repository.count(harvest))


def _list(
    response: xml.Response, oai_request: OAIRequest, request: HttpRequest, *, with_metadata: bool
) -> None:
    position: tokens.Position | None = None
    if token := oai_request.get("resumptionToken"):
        harvest, position = tokens.read(token, oai_request.verb)
    else:
        harvest = _start_harvest(oai_request)
    prepare = dc.prepare if with_metadata else repository.headers_only
    found, following = repository.page(harvest, position, settings.OAI_PAGE_SIZE, prepare)
    if not found:
        raise OAIError(
            "noRecordsMatch",
            "No records match these arguments."
            if position is None
            else "The rest of this list has changed since the harvest began.",
        )
    element = response.verb(oai_request.verb)
    for kind, record in found:
        if with_metadata:
            _record(element, kind, record, request)
        else:
            _header(element, kind, record)
    cursor = position.cursor if position else 0
    if following:
        next_token, expires = tokens.issue(harvest, following)
        xml.resumption_token(
            element, next_token, total=harvest.total, cursor=cursor, expires=expires
        )
    elif position:
        xml.resumption_token(element, "", total=harvest.total, cursor=cursor, expires=None)


def _header(parent: etree._Element, kind: RecordKind, record: Record) -> None:
    xml.header(
        parent,
        repository.identifier(kind, record.pk),
        record.datestamp,
        repository.set_specs(kind, record),
        deleted=repository.is_deleted(record),
    )


def _record(parent: etree._Element, kind: RecordKind, record: Record, request: HttpRequest) -> None:
    element = xml.sub(parent, "record")
    _header(element, kind, record)
    if not repository.is_deleted(record):
        xml.dublin_core(element, dc.elements(kind, record, request.build_absolute_uri))


HANDLERS: dict[str, Handler] = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
