"""Page-numbered lists: `?page=2&per_page=50`. A bad or past-the-end page is a 400 with the
reason (never DRF's 404 or a silent fallback), as on /search.json."""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_DIGITS = 9  # a page number longer than this is past any end; int() of huge text is slow


def _positive(request: Request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    text = raw.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS and int(text) >= 1):
        shown = raw.replace("\x00", "")[:40]
        raise exceptions.ValidationError({name: [f"“{shown}” is not a positive whole number."]})
    value = int(text)
    if maximum is not None and value > maximum:
        raise exceptions.ValidationError({name: [f"At most {maximum}."]})
    return value


class PagePagination(BasePagination):
    page_query_param = "page"
    page_size_query_param = "per_page"

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list:
        self.request = request
        number = _positive(request, self.page_query_param, 1)
        per_page = _positive(request, self.page_size_query_param, PAGE_SIZE, MAX_PAGE_SIZE)
        self.paginator = Paginator(queryset, per_page, allow_empty_first_page=True)
        if number > self.paginator.num_pages:
            raise exceptions.ValidationError(
                {
                    self.page_query_param: [
                        f"Page {number} is past the last page ({self.paginator.num_pages})."
                    ]
                }
            )
        self.page = self.paginator.page(number)
        return list(self.page)

    def get_paginated_response(self, data: list) -> Response:
        return Response(
            {
                "count": self.paginator.count,
                "page": self.page.number,
                "page_count": self.paginator.num_pages,
                "per_page": self.paginator.per_page,
                "next": self.link(self.page.next_page_number() if self.page.has_next() else None),
                "previous": self.link(
                    self.page.previous_page_number() if self.page.has_previous() else None
                ),
                "results": data,
            }
        )

    def link(self, number: int | None) -> str | None:
        if number is None:
            return None
        return page_link(self.request.build_absolute_uri(), number, self.page_query_param)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return page_schema(schema)

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "in": "query",
                "required": False,
                "description": "The page number, from 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "description": f"Results per page (default {PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


def page_link(url: str, number: int, parameter: str = "page") -> str:
    """url showing page `number` (page 1 without the parameter)."""
    if number == 1:
        return remove_query_param(url, parameter)
    return replace_query_param(url, parameter, number)


def page_schema(results: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI schema of a page of `results` (also used by the search answer)."""
    link = {"type": "string", "format": "uri", "nullable": True}
    return {
        "type": "object",
        "required": ["count", "page", "page_count", "per_page", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_count": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "next": link,
            "previous": link,
            "results": results,
        },
    }
