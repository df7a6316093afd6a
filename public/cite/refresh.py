"""What each public page has formatted, worked out without a request: for the task worker
after a save (public.cite.signals) and for `manage.py render_citations`.

A page is named by a PageKey, (model label, primary key): a record, an exhibit (its page and
every section's) or one section. Each gives what its page asks public.cite.stored for: the
"Cite this" item, and its numbered notes — a record's citations, a section's footnotes, as
exhibits.rendering numbers them for the public. Stand-ins take the place of the address and the
access date (public.cite.stored), so the digests are the ones the page looks up, whatever host
and day it is shown on.
"""

from collections.abc import Iterable, Iterator

from django.apps import apps
from django.db.models import Model
from django.tasks import task

from archive import visibility
from archive.kinds import RECORD_MODELS
from exhibits.models import Exhibit, Section
from exhibits.rendering import prepare_section
from public.cite import notes, pages, stored

PageKey = tuple[str, int]


def key_of(obj: Model) -> PageKey:
    return (obj._meta.label_lower, obj.pk)


def _notes(entries: list) -> list[stored.Wanted]:
    items, sequence = notes.notes_input(entries)
    return [stored.notes_wanted(items, sequence)] if sequence else []


def record_wanted(record: Model) -> list[stored.Wanted]:
    citations = list(record.citations.select_related("source"))
    return [stored.item_wanted(pages.page_item(None, record)), *_notes(citations)]


def section_wanted(exhibit: Exhibit, section: Section) -> list[stored.Wanted]:
    footnotes = prepare_section(section)["footnotes"]
    return [stored.item_wanted(pages.page_item(None, exhibit, section=section)), *_notes(footnotes)]


def exhibit_wanted(exhibit: Exhibit) -> list[stored.Wanted]:
    wanted = [stored.item_wanted(pages.page_item(None, exhibit))]
    for section in exhibit.sections.all():
        section.exhibit = exhibit
        wanted += section_wanted(exhibit, section)
    return wanted


def wanted_for(obj: Model) -> list[stored.Wanted]:
    """What the public page(s) of a record, an exhibit or a section format; [] unless public."""
    if isinstance(obj, Section):
        return section_wanted(obj.exhibit, obj) if visibility.is_public(obj.exhibit) else []
    if not visibility.is_public(obj):
        return []
    if isinstance(obj, Exhibit):
        return exhibit_wanted(obj)
    return record_wanted(obj)


def objects(keys: Iterable[PageKey]) -> Iterator[Model]:
    """The records, exhibits and sections still there of `keys`."""
    for label, pk in dict.fromkeys(tuple(key) for key in keys):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        obj = model._default_manager.filter(pk=pk).first()
        if obj is not None:
            yield obj


def public_pages() -> Iterator[Model]:
    """Every public record and exhibit (an exhibit stands for its sections too)."""
    for model in RECORD_MODELS:
        yield from visibility.public(model.objects.order_by("pk")).iterator(chunk_size=500)
    yield from visibility.public(Exhibit.objects.order_by("pk")).iterator(chunk_size=100)


def count_public_pages() -> int:
    models = [*RECORD_MODELS, Exhibit]
    return sum(visibility.public(model.objects.all()).count() for model in models)


@task()
def refresh_pages(keys: list[list]) -> int:
    """The task worker formats and stores what the public pages of saved records, exhibits and
    sections show: [[model label, pk], …] (public.cite.signals)."""
    wanted = []
    for obj in objects(keys):
        wanted += wanted_for(obj)
    return stored.store(wanted)
