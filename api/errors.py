"""Every error the API answers is JSON of one shape: `{"detail": "...", "errors": {...}}`.

`detail` says what went wrong in a sentence; `errors` (for bad parameters, 400) lists the
messages by parameter name, the way /search.json does.
"""

from typing import Any

from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

INVALID = "The request's parameters are not valid."


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer (schema only)."""

    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages by parameter name (400 only).",
    )


def _messages(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list | tuple):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]


def error_dict(detail: Any) -> dict[str, list[str]]:
    """A ValidationError's detail as messages by parameter name."""
    if isinstance(detail, dict):
        return {str(name): _messages(value) for name, value in detail.items()}
    return {"non_field_errors": _messages(detail)}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": INVALID, "errors": error_dict(exc.detail)}
    else:
        detail = getattr(exc, "detail", None) or response.data.get("detail", "")
        response.data = {"detail": " ".join(_messages(detail))}
    return response
