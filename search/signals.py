"""Keeping the search index current: signal handlers only queue work; it runs after commit.

A record that is saved or deleted, or whose names, persons or subjects change, is queued; when
the transaction commits, the queued records are reindexed from the database as it then is (so a
rolled-back change, or a record queued twice, is simply indexed once from the truth).
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from archive import models
from archive.kinds import BY_MODEL, KINDS
from search.index import index_records
from search.rows import records_linking_person

PERSON_LINKS = "person-links"


def _pending() -> set[tuple[str, int]]:
    connection = connections[DEFAULT_DB_ALIAS]
    if not hasattr(connection, "vitrine_search_pending"):
        connection.vitrine_search_pending = set()
    return connection.vitrine_search_pending


def queue(kind: str, pk: int | None) -> None:
    """Reindex this record after the current transaction commits (now, outside a transaction)."""
    if pk is None:
        return
    _pending().add((kind, pk))
    transaction.on_commit(flush)


def flush() -> None:
    """Reindex everything queued so far."""
    connection = connections[DEFAULT_DB_ALIAS]
    pending = _pending()
    connection.vitrine_search_pending = set()
    if not pending:
        return
    by_kind: dict[str, set[int]] = {}
    for kind, pk in pending:
        by_kind.setdefault(kind, set()).add(pk)
    for person_id in by_kind.pop(PERSON_LINKS, set()):
        for kind, ids in records_linking_person(person_id).items():
            by_kind.setdefault(kind, set()).update(ids)
    for kind, ids in by_kind.items():
        index_records(kind, ids)


def _record_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    kind = BY_MODEL[sender].name
    queue(PERSON_LINKS if kind == "person" else kind, instance.pk)
    if kind == "photograph":
        for person_id in instance.portrait_of.values_list("pk", flat=True):
            queue("person", person_id)


def _record_deleted(sender, instance, **kwargs) -> None:
    queue(BY_MODEL[sender].name, instance.pk)


def _photograph_deleting(sender, instance, **kwargs) -> None:
    # A deleted portrait is unset (SET_NULL) without signals: its persons lose their thumbnail.
    for person_id in instance.portrait_of.values_list("pk", flat=True):
        queue("person", person_id)


def _person_deleting(sender, instance, **kwargs) -> None:
    # Deleting a person unlinks them without signals (SET_NULL photographer and prosecutor, m2m
    # rows of events and judges), so queue the records carrying their names while links exist.
    for kind, ids in records_linking_person(instance.pk).items():
        for pk in ids:
            queue(kind, pk)


def _vocabulary_deleting(field: str):
    """Deleting a subject or collection unlinks records without their signals (m2m rows,
    SET_NULL): queue the records that carry it while the links exist."""

    def handler(sender, instance, **kwargs) -> None:
        for kind in KINDS:
            for pk in kind.model.objects.filter(**{field: instance.pk}).values_list(
                "pk", flat=True
            ):
                queue(kind.name, pk)

    return handler


def _child_changed(kind: str, attr: str):
    def handler(sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            queue(kind, getattr(instance, attr))

    return handler


def _m2m_changed(kind: str):
    def handler(sender, instance, action, reverse, pk_set, model, **kwargs) -> None:
        if reverse and action == "pre_clear":
            # Cleared from the other side (person.events.clear()): post_clear names no records,
            # so find them while the links still exist.
            for pk in _linked_records(sender, instance, model):
                queue(kind, pk)
            return
        if not action.startswith("post_"):
            return
        if not reverse:
            queue(kind, instance.pk)
        else:
            for pk in pk_set or ():
                queue(kind, pk)

    return handler


def _linked_records(through, instance, record_model) -> list[int]:
    """The ids of the records of record_model that a many-to-many through table links to
    instance."""
    fields = [f for f in through._meta.fields if f.is_relation]
    to_record = next(f for f in fields if f.related_model is record_model)
    to_instance = next(
        f for f in fields if f is not to_record and isinstance(instance, f.related_model)
    )
    return list(
        through.objects.filter(**{to_instance.attname: instance.pk}).values_list(
            to_record.attname, flat=True
        )
    )


_handlers = []  # strong references, since signals hold weak ones


def connect() -> None:
    """Connect the handlers (called once from SearchConfig.ready)."""
    for kind in KINDS:
        post_save.connect(_record_saved, sender=kind.model, dispatch_uid=f"search-save-{kind.name}")
        post_delete.connect(
            _record_deleted, sender=kind.model, dispatch_uid=f"search-del-{kind.name}"
        )
        handler = _m2m_changed(kind.name)
        _handlers.append(handler)
        m2m_changed.connect(
            handler,
            sender=kind.model.subjects.through,
            dispatch_uid=f"search-subjects-{kind.name}",
        )
    pre_delete.connect(_person_deleting, sender=models.Person, dispatch_uid="search-person-del")
    pre_delete.connect(
        _photograph_deleting, sender=models.Photograph, dispatch_uid="search-photograph-del"
    )
    for model, field in ((models.Subject, "subjects"), (models.Collection, "collection")):
        handler = _vocabulary_deleting(field)
        _handlers.append(handler)
        pre_delete.connect(handler, sender=model, dispatch_uid=f"search-del-{model.__name__}")
    children = [
        (models.PersonName, PERSON_LINKS, "person_id"),
        (models.Depiction, "photograph", "photograph_id"),
        (models.Contribution, "document", "document_id"),
        (models.Defendant, "trial", "trial_id"),
    ]
    for model, kind, attr in children:
        handler = _child_changed(kind, attr)
        _handlers.append(handler)
        post_save.connect(handler, sender=model, dispatch_uid=f"search-child-save-{model.__name__}")
        post_delete.connect(
            handler, sender=model, dispatch_uid=f"search-child-del-{model.__name__}"
        )
    # depicted and contributors have through models: add()/set()/remove() send m2m_changed only.
    for through, kind in (
        (models.Trial.judges.through, "trial"),
        (models.Event.persons.through, "event"),
        (models.Photograph.depicted.through, "photograph"),
        (models.Document.contributors.through, "document"),
    ):
        handler = _m2m_changed(kind)
        _handlers.append(handler)
        m2m_changed.connect(handler, sender=through, dispatch_uid=f"search-m2m-{through.__name__}")
