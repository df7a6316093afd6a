"""The API's views: read-only lists and details of public records, vocabularies and exhibits,
an exhibit section with its blocks, and search. Anonymous, GET only, JSON only.

Querysets come from api.querysets (through archive.visibility); a record that is not public is
a 404 exactly like one that does not exist. Successful answers carry Cache-Control and an ETag
(a matching If-None-Match answers 304).
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.decorators import method_decorator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from api import filters, querysets
from api.errors import ErrorSerializer
from api.pagination import PagePagination
from api.search import SearchAnswerSerializer, search_parameters, with_api_links
from api.serializers import exhibits as exhibit_serializers
from api.serializers import records, vocabularies
from archive import visibility
from archive.cors import EXPOSED_HEADERS, public_cors
from exhibits.models import Exhibit
from exhibits.rendering import prepare_section
from search.presentation import search_json
from search.views import SearchMixin

SLUG = r"[-a-zA-Z0-9_]+"
BAD_REQUEST = OpenApiResponse(ErrorSerializer, "Bad parameters; `errors` says which and why.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, "No public record, exhibit or value by that name.")
THROTTLED = OpenApiResponse(ErrorSerializer, "Too many requests; retry after Retry-After seconds.")
# The headers that open every answer, errors too, to scripts on other sites (archive.cors).
CORS_HEADERS = [
    OpenApiParameter(
        "Access-Control-Allow-Origin",
        {"type": "string", "enum": ["*"]},
        OpenApiParameter.HEADER,
        response=True,
        description="Scripts on any site may read this answer. Credentials are never allowed "
        "(no Access-Control-Allow-Credentials): a browser sends no cookies, so a script reads "
        "what an anonymous visitor gets. Preflights (OPTIONS) for GET and HEAD answer 204.",
    ),
    OpenApiParameter(
        "Access-Control-Expose-Headers",
        {"type": "string", "enum": [EXPOSED_HEADERS]},
        OpenApiParameter.HEADER,
        response=True,
        description="The headers such a script may read besides the safelisted ones.",
    ),
]


class PublicAnswersSchema(AutoSchema):
    """The schema of an API operation, with the headers that open its answers to other sites."""

    def get_override_parameters(self) -> list:
        return [*super().get_override_parameters(), *CORS_HEADERS]


class APIViewMixin:
    """JSON GET (and HEAD) only, readable from any site (archive.cors: CORS without credentials,
    preflights answered); successful answers are cacheable and carry an ETag."""

    http_method_names = ["get", "head"]
    schema = PublicAnswersSchema()

    @method_decorator(public_cors)
    def dispatch(self, request, *args, **kwargs) -> HttpResponseBase:
        return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request: Request, response, *args, **kwargs) -> HttpResponseBase:
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code != 200:
            return response
        response.render()
        patch_cache_control(response, public=True, max_age=settings.VITRINE_API_MAX_AGE)
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        return get_conditional_response(request, etag=response["ETag"], response=response)


def documented(noun: str, tag: str, serializer: type[Serializer]):
    """The schema of a list and a detail endpoint, with their error answers."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List public {noun}",
            tags=[tag],
            responses={200: serializer(many=True), 400: BAD_REQUEST, 429: THROTTLED},
        ),
        retrieve=extend_schema(
            summary=f"One public {noun.rstrip('s')} by slug",
            tags=[tag],
            responses={200: serializer, 404: NOT_FOUND, 429: THROTTLED},
        ),
    )


class ReadOnlyViewSet(APIViewMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG
    pagination_class = PagePagination
    filter_backends = [DjangoFilterBackend]
    make_queryset: Callable[[], QuerySet]

    def get_queryset(self) -> QuerySet:
        # Made afresh for each request: what is public depends on the time of asking.
        return self.make_queryset()


@documented("persons", "records", records.PersonSerializer)
class PersonViewSet(ReadOnlyViewSet):
    make_queryset = staticmethod(querysets.persons)
    serializer_class = records.PersonSerializer
    filterset_class = filters.PersonFilterSet


@documented("documents", "records", records.DocumentSerializer)
class DocumentViewSet(ReadOnlyViewSet):
    make_queryset = staticmethod(querysets.documents)
    serializer_class = records.DocumentSerializer
    filterset_class = filters.DocumentFilterSet


@documented("photographs", "records", records.PhotographSerializer)
class PhotographViewSet(ReadOnlyViewSet):
    make_queryset = staticmethod(querysets.photographs)
    serializer_class = records.PhotographSerializer
    filterset_class = filters.PhotographFilterSet


@documented("trials", "records", records.TrialSerializer)
class TrialViewSet(ReadOnlyViewSet):
    make_queryset = staticmethod(querysets.trials)
    serializer_class = records.TrialSerializer
    filterset_class = filters.TrialFilterSet


@documented("events", "records", records.EventSerializer)
class EventViewSet(ReadOnlyViewSet):
    make_queryset = staticmethod(querysets.events)
    serializer_class = records.EventSerializer
    filterset_class = filters.EventFilterSet


@documented("places", "vocabularies", vocabularies.PlaceSerializer)
class PlaceViewSet(ReadOnlyViewSet):
    make_queryset = staticmethod(querysets.places)
    serializer_class = vocabularies.PlaceSerializer


@documented("collections", "vocabularies", vocabularies.CollectionSerializer)
class CollectionViewSet(ReadOnlyViewSet):
    make_queryset = staticmethod(querysets.collections)
    serializer_class = vocabularies.CollectionSerializer


@documented("subjects", "vocabularies", vocabularies.SubjectSerializer)
class SubjectViewSet(ReadOnlyViewSet):
    make_queryset = staticmethod(querysets.subjects)
    serializer_class = vocabularies.SubjectSerializer


@documented("exhibits", "exhibits", exhibit_serializers.ExhibitSerializer)
class ExhibitViewSet(ReadOnlyViewSet):
    make_queryset = staticmethod(querysets.exhibits)
    serializer_class = exhibit_serializers.ExhibitSerializer


class SectionView(APIViewMixin, APIView):
    """One section of a public exhibit with its blocks and footnotes, as its page shows them."""

    @extend_schema(
        summary="One section of a public exhibit, with its blocks",
        operation_id="exhibits_section_retrieve",
        tags=["exhibits"],
        responses={
            200: exhibit_serializers.SectionSerializer,
            404: NOT_FOUND,
            429: THROTTLED,
        },
    )
    def get(self, request: Request, exhibit_slug: str, slug: str) -> Response:
        exhibit = get_object_or_404(visibility.public(Exhibit.objects.all()), slug=exhibit_slug)
        sections = list(exhibit.sections.order_by("position", "pk"))
        index = next((i for i, s in enumerate(sections) if s.slug == slug), None)
        if index is None:
            raise Http404("No such section.")
        for section in sections:
            section.exhibit = exhibit
        section = sections[index]
        prepared = prepare_section(section, preview=False)
        context = {"request": request}
        ref = exhibit_serializers.SectionRefSerializer(section, context=context).data
        data = {
            "exhibit": exhibit,
            "slug": section.slug,
            "title": section.title,
            "position": index + 1,
            "content_notice": section.content_notice,
            "url": ref["url"],
            "api_url": ref["api_url"],
            "previous": sections[index - 1] if index > 0 else None,
            "next": sections[index + 1] if index + 1 < len(sections) else None,
            "blocks": [exhibit_serializers.block_data(item) for item in prepared["blocks"]],
            "footnotes": prepared["footnotes"],
        }
        return Response(exhibit_serializers.SectionSerializer(data, context=context).data)


class SearchView(APIViewMixin, SearchMixin, APIView):
    """Faceted search of the public records: the search page's parameters and answers."""

    @extend_schema(
        summary="Search the public records, with facet counts",
        operation_id="search",
        tags=["search"],
        parameters=search_parameters(),
        responses={200: SearchAnswerSerializer, 400: BAD_REQUEST, 429: THROTTLED},
    )
    def get(self, request: Request) -> Response:
        form = self.get_form()
        if not form.is_valid():
            raise exceptions.ValidationError(form.error_dict())
        query = form.search_query()
        results = self.get_results(query)
        if query.page > results.page_count:
            error = f"Page {query.page} is past the last page ({results.page_count})."
            raise exceptions.ValidationError({"page": [error]})
        data = with_api_links(search_json(results, request, form.notes), request)
        return Response(SearchAnswerSerializer(data).data)


INDEX = {
    "persons": "api:person-list",
    "documents": "api:document-list",
    "photographs": "api:photograph-list",
    "trials": "api:trial-list",
    "events": "api:event-list",
    "places": "api:place-list",
    "collections": "api:collection-list",
    "subjects": "api:subject-list",
    "exhibits": "api:exhibit-list",
    "search": "api:search",
    "schema": "api:schema",
    "docs": "api:docs",
}
IndexSerializer = inline_serializer("Index", {name: serializers.URLField() for name in INDEX})


class IndexView(APIViewMixin, APIView):
    """/api/v1/: where everything is."""

    @extend_schema(
        summary="The API's endpoints",
        tags=["index"],
        operation_id="index",
        responses={200: IndexSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(
            {name: request.build_absolute_uri(reverse(url)) for name, url in INDEX.items()}
        )


class NotFoundView(APIViewMixin, APIView):
    """Any other address under /api/: a JSON 404."""

    @extend_schema(exclude=True)
    def get(self, request: Request, *args, **kwargs) -> Response:
        raise exceptions.NotFound("No such API address.")
