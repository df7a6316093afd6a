"""The places records name, as the search reads them.

A record names a place through its foreign keys to Place: an event's, document's, photograph's
or trial's place, a person's places of birth and death. The keys are read from the models, so a
new place field counts without a list to update. Places are not in the search index (a place has
no status, and editing one changes no index row): the search's place filter (`?place=`, search.
backends) and its map (search.geo) read the keys from the records' own tables.
"""

from collections.abc import Sequence

from django.db.models import Model

from archive import visibility
from archive.kinds import KINDS
from archive.models import Place
from search.entry import SearchEntry


def place_fields(model: type[Model]) -> tuple[str, ...]:
    """The names of a record model's foreign keys to Place, in the model's order."""
    return tuple(
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is Place
    )


def place_columns(model: type[Model]) -> list[str]:
    """The database columns of those keys."""
    return [model._meta.get_field(name).column for name in place_fields(model)]


def naming_sql(place_ids: Sequence[int], alias: str = "e") -> tuple[str, list]:
    """SQL for the index rows (alias `alias`) of the public records that name one of these places
    themselves (not a place within them), and its parameters. Each kind's records are found by
    their place keys and their rows by (kind, object id), both through indexes. Records are
    checked against archive.visibility as they are now, as a place's page counts them, so an
    index row that lags behind its record never finds an unpublished record by its place."""
    marks = ", ".join(["%s"] * len(place_ids))
    parts, params = [], []
    for kind in KINDS:
        columns = place_columns(kind.model)
        if not columns:
            continue
        table, pk = kind.model._meta.db_table, kind.model._meta.pk.column
        names = " OR ".join(f"r.{column} IN ({marks})" for column in columns)
        public, public_params = visibility.public_sql("r")
        # Table and column names from the models; values are parameters.
        parts.append(
            f"SELECT x.id FROM {SearchEntry._meta.db_table} x "  # noqa: S608
            f"JOIN {table} r ON r.{pk} = x.object_id "
            f"WHERE x.kind = %s AND ({names}) AND {public}"
        )
        params += [kind.name, *(list(place_ids) * len(columns)), *public_params]
    return f"{alias}.id IN ({' UNION ALL '.join(parts)})", params
