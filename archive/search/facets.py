"""Facet values with their labels: kinds, decades, languages and yes/no by rule; persons,
subjects and collections by name, looked up in one query each for the values shown."""

from archive import visibility
from archive.models import Collection, Person, Subject
from archive.models.vocab import LANGUAGE_NAMES
from archive.search.query import FACETS, FacetValue, SearchQuery

KIND_LABELS = {
    "person": "Person",
    "document": "Document",
    "photograph": "Photograph",
    "trial": "Trial",
    "event": "Event",
}
FACET_LABELS = {
    "kind": "Kind",
    "decade": "Decade",
    "person": "Person",
    "subject": "Subject",
    "collection": "Collection",
    "language": "Language",
    "has_image": "Image",
}


def _names(queryset, ids, field: str) -> dict[int, str]:
    if not ids:
        return {}
    if not hasattr(queryset, "filter"):
        queryset = queryset.objects.all()
    return dict(queryset.filter(pk__in=ids).values_list("pk", field))


def label_facets(rows: dict[str, list], query: SearchQuery) -> dict[str, list[FacetValue]]:
    """Turn raw (value, count) rows into labelled, ordered facet values, selected ones marked."""
    persons = _names(
        visibility.public(Person.objects), [k for k, _ in rows.get("person", [])], "title"
    )
    subjects = _names(Subject, [k for k, _ in rows.get("subject", [])], "name")
    collections = _names(
        Collection, [k for k, _ in rows.get("collection", []) if k is not None], "title"
    )
    facets: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        selected = set(query.selected(facet))
        values = []
        for key, count in rows.get(facet, []):
            if key is None or key == "":
                continue
            if facet == "has_image":
                key = bool(key)
            label = {
                "kind": lambda k: KIND_LABELS.get(k, k),
                "decade": lambda k: f"{k}s",
                "language": lambda k: LANGUAGE_NAMES.get(k, k),
                "person": lambda k: persons.get(k),
                "subject": lambda k: subjects.get(k),
                "collection": lambda k: collections.get(k),
                "has_image": lambda k: "With image" if k else "Without image",
            }[facet](key)
            if label is None:
                continue  # a person not (or no longer) public, a deleted subject or collection
            values.append(FacetValue(key, label, int(count), key in selected))
        if facet == "decade":
            values.sort(key=lambda v: v.value)
        elif facet in ("person", "subject"):
            values.sort(key=lambda v: (-v.count, v.label))
        else:
            values.sort(key=lambda v: (-v.count, str(v.label)))
        facets[facet] = values
    return facets
