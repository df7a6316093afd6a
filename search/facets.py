"""Facet values with their labels: kinds, decades, languages and yes/no by rule; persons,
subjects and collections by name, looked up together in one statement for the values shown."""

from django.db import connection

from archive import kinds, visibility
from archive.models import Collection, Person, Subject
from archive.models.vocab import LANGUAGE_NAMES
from search import publications
from search.counts import SearchFacetCount
from search.query import FACETS, FacetValue, SearchQuery

KIND_LABELS = {kind.name: kind.label for kind in kinds.KINDS}  # the registry's, in its order
FACET_LABELS = {
    "kind": "Kind",
    "decade": "Decade",
    "person": "Person",
    "subject": "Subject",
    "collection": "Collection",
    "language": "Language",
    "has_image": "Image",
}
# Facets whose values are ids, labelled by a name column; persons only while public.
NAMED = {
    "person": (Person, "title"),
    "subject": (Subject, "name"),
    "collection": (Collection, "title"),
}
RULES = {
    "kind": lambda k: KIND_LABELS.get(k, k),
    "decade": lambda k: f"{k}s",
    "language": lambda k: LANGUAGE_NAMES.get(k, k),
    "has_image": lambda k: "With image" if k else "Without image",
}


def names(ids: dict[str, list[int]]) -> dict[str, dict[int, str]]:
    """The names of these persons, subjects and collections by facet, in one statement. Persons
    the public may not see are left out."""
    parts, params = [], []
    for facet, values in ids.items():
        if not values:
            continue
        model, column = NAMED[facet]
        where = f"n.id IN ({', '.join(['%s'] * len(values))})"
        if model is Person:
            public, public_params = visibility.public_sql("n")
            where, values = f"{where} AND {public}", [*values, *public_params]
        # facet is one of NAMED's keys, never input.
        parts.append(
            f"SELECT '{facet}', n.id, n.{column} FROM {model._meta.db_table} n WHERE {where}"
        )
        params += values
    found: dict[str, dict[int, str]] = {facet: {} for facet in ids}
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for facet, pk, name in cursor.fetchall():
                found[facet][pk] = name
    return found


def label_facets(rows: dict[str, list], query: SearchQuery) -> dict[str, list[FacetValue]]:
    """Turn raw (value, count) rows into labelled, ordered facet values, selected ones marked."""
    named = names({facet: [k for k, _ in rows.get(facet, []) if k is not None] for facet in NAMED})
    facets: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        selected = set(query.selected(facet))
        label = named[facet].get if facet in named else RULES[facet]
        values = []
        for key, count in rows.get(facet, []):
            if key is None or key == "":
                continue
            if facet == "has_image":
                key = bool(key)
            name = label(key)
            if name is None:
                continue  # a person not (or no longer) public, a deleted subject or collection
            values.append(FacetValue(key, name, int(count), key in selected))
        if facet == "decade":
            values.sort(key=lambda v: v.value)
        elif facet in ("person", "subject"):
            values.sort(key=lambda v: (-v.count, v.label))
        else:
            values.sort(key=lambda v: (-v.count, str(v.label)))
        facets[facet] = values
    return facets


# A vocabulary page's orders: by name, or most records first.
VOCABULARY_ORDERS = {"name": "lower(v.label), v.id", "count": "v.count DESC, lower(v.label), v.id"}


def vocabulary(facet: str, order: str, limit: int, offset: int) -> tuple[int, list[FacetValue]]:
    """One page of a subject or collection facet's values that public records have, with their
    counts (the stored counts of the public archive), and how many such values there are; one
    statement."""
    if order not in VOCABULARY_ORDERS:
        raise ValueError(f"Not a vocabulary order: {order}")
    publications.generation()  # a scheduled publication come due joins the stored counts first
    model, column = NAMED[facet]
    # facet and column are NAMED's, never input.
    values = (
        f"SELECT n.id AS id, n.{column} AS label, c.count AS count FROM {model._meta.db_table} n "
        f"JOIN {SearchFacetCount._meta.db_table} c ON c.facet = %s "
        "AND c.value = CAST(n.id AS TEXT) WHERE c.count > 0"
    )
    sql = (
        f"WITH v AS ({values}) SELECT 0, NULL, NULL, count(*) FROM v UNION ALL "
        f"SELECT * FROM (SELECT 1, v.id, v.label, v.count FROM v "
        f"ORDER BY {VOCABULARY_ORDERS[order]} LIMIT %s OFFSET %s) AS page"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [facet, limit, offset])
        rows = cursor.fetchall()
    total = next(int(count) for part, _, _, count in rows if part == 0)
    page = [FacetValue(pk, label, int(count)) for part, pk, label, count in rows if part == 1]
    return total, page
