"""The list endpoints' one parameter besides paging: `ordering`, checked against a fixed list (an
unknown value is a 400, not silently ignored). Ties are broken by id, so pages never overlap."""

import django_filters
from django.db.models import QuerySet

from archive.models import Document, Event, Person, Photograph, Trial


class StableOrderingFilter(django_filters.OrderingFilter):
    def filter(self, qs: QuerySet, value) -> QuerySet:
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "pk")
        return qs


def ordering(**fields: str) -> StableOrderingFilter:
    return StableOrderingFilter(fields=fields, label="Ordering")


class PersonFilterSet(django_filters.FilterSet):
    ordering = ordering(sort_name="name", birth_lower="birth", published_at="published")

    class Meta:
        model = Person
        fields: list[str] = []


DATED_ORDERING = {"date_lower": "date", "title": "title", "published_at": "published"}


class DocumentFilterSet(django_filters.FilterSet):
    ordering = ordering(**DATED_ORDERING)

    class Meta:
        model = Document
        fields: list[str] = []


class PhotographFilterSet(DocumentFilterSet):
    class Meta:
        model = Photograph
        fields: list[str] = []


class TrialFilterSet(DocumentFilterSet):
    class Meta:
        model = Trial
        fields: list[str] = []


class EventFilterSet(DocumentFilterSet):
    class Meta:
        model = Event
        fields: list[str] = []
