"""A list of integer ids stored natively on each database: `bigint[]` on PostgreSQL (GIN-indexed,
unnest() for facet counts) and JSON text on SQLite (json_each() for facet counts)."""

import json

from django.db import models


class IdListField(models.Field):
    description = "A list of integer ids"

    def db_type(self, connection) -> str:
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return []
        if isinstance(value, str):
            return json.loads(value)
        return list(value)

    def to_python(self, value):
        if isinstance(value, str):
            return json.loads(value)
        return list(value or [])

    def get_db_prep_value(self, value, connection, prepared=False):
        ids = sorted({int(v) for v in (value or [])})
        return ids if connection.vendor == "postgresql" else json.dumps(ids)
