"""Load the Bukharin demo archive into the database: `load_demo_archive()`.

The loader is idempotent. Every row is matched on its natural key (a slug, a source key, or the
unique key of a link table) and only saved when the data differ from what is stored, so a second
run creates nothing, writes no new revisions and draws no images. It never deletes rows; plain
many-to-many lists (subjects, event persons, trial judges and documents) are set to exactly the
data's list. Everything happens in one transaction.
"""

from collections import Counter
from collections.abc import Iterable
from typing import Any, TextIO

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction

from archive import dates
from archive.demo import images
from archive.demo.data import citations, documents, events, people, photographs, trial, vocab
from archive.fields import EDTFField
from archive.models import (
    Citation,
    Collection,
    Contribution,
    Defendant,
    Depiction,
    Document,
    DocumentPage,
    Event,
    Person,
    PersonName,
    PersonRelation,
    Photograph,
    Place,
    RightsStatement,
    Source,
    Status,
    Subject,
    Trial,
)

# The models the demo writes, in loading order; the returned counts follow this order.
DEMO_MODELS: tuple[type[models.Model], ...] = (
    Collection,
    Subject,
    RightsStatement,
    Place,
    Source,
    Person,
    PersonName,
    PersonRelation,
    Document,
    Contribution,
    DocumentPage,
    Photograph,
    Depiction,
    Trial,
    Defendant,
    Event,
    Citation,
)

CHANGE_REASON = "Loaded by load_demo"
PHOTOGRAPH_RIGHTS = "cc-by-4-0"
PHOTOGRAPH_COLLECTION = "photographs"


def load_demo_archive(*, stdout: TextIO | None = None) -> dict[str, int]:
    """Create or update the demo archive; return the row count of each model it writes."""
    loader = _DemoLoader()
    with transaction.atomic():
        loader.run()
    if stdout is not None:
        for name in (model.__name__ for model in DEMO_MODELS):
            tally = loader.tally[name]
            stdout.write(
                f"{name}: {tally['created']} created, {tally['updated']} updated, "
                f"{tally['unchanged']} unchanged\n"
            )
    return demo_counts()


def demo_counts() -> dict[str, int]:
    """Return the number of rows of each model the demo writes (all rows, not only the demo's)."""
    return {model.__name__: model.objects.count() for model in DEMO_MODELS}


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    field = obj._meta.get_field(name)
    if isinstance(field, models.FileField):
        return True  # a file is only ever passed when one has to be stored
    if field.many_to_one or field.one_to_one:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


class _DemoLoader:
    def __init__(self) -> None:
        self.tally: dict[str, Counter] = {model.__name__: Counter() for model in DEMO_MODELS}
        self.collections: dict[str, Collection] = {}
        self.subjects: dict[str, Subject] = {}
        self.rights: dict[str, RightsStatement] = {}
        self.places: dict[str, Place] = {}
        self.sources: dict[str, Source] = {}
        self.persons: dict[str, Person] = {}
        self.documents: dict[str, Document] = {}
        self.photographs: dict[str, Photograph] = {}
        self.trials: dict[str, Trial] = {}
        self.events: dict[str, Event] = {}

    def run(self) -> None:
        self.load_vocabularies()
        self.load_persons()
        self.load_documents()
        self.load_photographs()
        self.load_trial()
        self.load_events()
        self.load_citations()

    # -- one row ---------------------------------------------------------------------------

    def upsert[M: models.Model](self, model: type[M], lookup: dict, values: dict) -> M:
        """Fetch the row matching lookup, or create it; save only the values that changed."""
        tally = self.tally[model.__name__]
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            tally["created"] += 1
        else:
            changed = {name: value for name, value in values.items() if _differs(obj, name, value)}
            if not changed:
                tally["unchanged"] += 1
                return obj
            for name, value in changed.items():
                setattr(obj, name, value)
            tally["updated"] += 1
        obj._change_reason = CHANGE_REASON
        # Field checks only, EDTF fields excepted: save() parses each date strictly anyway, and
        # parsing is the slowest part of loading, so it should happen once per date, not thrice.
        edtf_fields = [f.name for f in obj._meta.concrete_fields if isinstance(f, EDTFField)]
        try:
            obj.clean_fields(exclude=edtf_fields)
            obj.save()
        except ValidationError as exc:
            raise ValidationError(f"Demo {model.__name__} {lookup}: {exc.messages}") from exc
        return obj

    def record_values(self, data: dict, *, collection: str = "", rights: str = "") -> dict:
        """The fields every record shares, taken from one data entry."""
        return {
            "title": data["title"],
            "summary": data.get("summary", ""),
            "description": data.get("description", ""),
            "content_notice": data.get("content_notice", ""),
            "status": data.get("status", Status.PUBLISHED),
            "language": data.get("language", ""),
            "collection": self.collections.get(data.get("collection", collection)),
            "rights": self.rights.get(data.get("rights", rights)),
        }

    def place(self, slug: str | None) -> Place | None:
        return self.places[slug] if slug else None

    def set_subjects(self, record: models.Model, slugs: Iterable[str]) -> None:
        record.subjects.set([self.subjects[slug] for slug in slugs])

    # -- families ---------------------------------------------------------------------------

    def load_vocabularies(self) -> None:
        for data in vocab.COLLECTIONS:
            self.collections[data["slug"]] = self.upsert(
                Collection,
                {"slug": data["slug"]},
                {
                    "title": data["title"],
                    "description": data.get("description", ""),
                    "parent": self.collections.get(data.get("parent", "")),
                },
            )
        for data in vocab.SUBJECTS:
            self.subjects[data["slug"]] = self.upsert(
                Subject,
                {"slug": data["slug"]},
                {
                    "name": data["name"],
                    "description": data.get("description", ""),
                    "broader": self.subjects.get(data.get("broader", "")),
                },
            )
        for data in vocab.RIGHTS:
            self.rights[data["slug"]] = self.upsert(
                RightsStatement,
                {"slug": data["slug"]},
                {"title": data["title"], "uri": data["uri"], "description": data["description"]},
            )
        for data in vocab.PLACES:
            self.places[data["slug"]] = self.upsert(
                Place,
                {"slug": data["slug"]},
                {
                    "name": data["name"],
                    "kind": data["kind"],
                    "alternate_names": data.get("alternate_names", ""),
                    "parent": self.place(data.get("parent")),
                    "latitude": data.get("latitude"),
                    "longitude": data.get("longitude"),
                    "wikidata_id": data.get("wikidata_id", ""),
                    "description": data.get("description", ""),
                },
            )
        source_fields = ("csl_type", "title", "author", "publisher", "publisher_place", "issued")
        for data in vocab.SOURCES:
            values = {name: data.get(name, "") for name in source_fields}
            values["note"] = data.get("note", "")
            self.sources[data["key"]] = self.upsert(Source, {"key": data["key"]}, values)

    def load_persons(self) -> None:
        for data in people.PERSONS:
            person = self.upsert(
                Person,
                {"slug": data["slug"]},
                {
                    **self.record_values(data),
                    "sort_name": data["sort_name"],
                    "birth": data.get("birth", ""),
                    "death": data.get("death", ""),
                    "birth_place": self.place(data.get("birth_place")),
                    "death_place": self.place(data.get("death_place")),
                    "wikidata_id": data.get("wikidata_id", ""),
                },
            )
            self.persons[data["slug"]] = person
            self.set_subjects(person, data["subjects"])
            for name, kind, language in data["names"]:
                self.upsert(
                    PersonName,
                    {"person": person, "name": name},
                    {"kind": kind, "language": language},
                )
        for person, kind, related, date, note, source in people.RELATIONS:
            self.upsert(
                PersonRelation,
                {
                    "person": self.persons[person],
                    "related": self.persons[related],
                    "kind": kind,
                },
                {"date": date, "note": note, "source": self.sources.get(source or "")},
            )

    def load_documents(self) -> None:
        for data in documents.DOCUMENTS:
            document = self.upsert(
                Document,
                {"slug": data["slug"]},
                {
                    **self.record_values(data),
                    "date": data["date"],
                    "kind": data["kind"],
                    "original_title": data.get("original_title", ""),
                    "publisher": data.get("publisher", ""),
                    "place": self.place(data.get("place")),
                },
            )
            self.documents[data["slug"]] = document
            self.set_subjects(document, data["subjects"])
            for position, (person, role) in enumerate(data["contributors"]):
                self.upsert(
                    Contribution,
                    {"document": document, "person": self.persons[person], "role": role},
                    {"position": position},
                )
            self.load_pages(document, data)

    def load_pages(self, document: Document, data: dict) -> None:
        """Placeholder page images, drawn only for pages that have no stored file, and the
        pages' transcriptions. A page is its label, or (label, transcription)."""
        labels = data.get("page_images", [])
        for position, entry in enumerate(labels):
            label, text = (entry, "") if isinstance(entry, str) else entry
            existing = DocumentPage.objects.filter(document=document, position=position).first()
            values: dict[str, Any] = {"label": label, "transcription": text}
            if existing is None or not _has_stored_file(existing.image):
                values["image"] = ContentFile(
                    images.draw_page(
                        title=data["title"],
                        label=label,
                        number=position + 1,
                        count=len(labels),
                        key=data["slug"],
                    ),
                    name=f"{data['slug']}-{position + 1}.jpg",
                )
            self.upsert(DocumentPage, {"document": document, "position": position}, values)

    def load_photographs(self) -> None:
        for data in photographs.PHOTOGRAPHS:
            slug = data["slug"]
            values = {
                **self.record_values(
                    data, collection=PHOTOGRAPH_COLLECTION, rights=PHOTOGRAPH_RIGHTS
                ),
                "date": data["date"],
                "alt_text": data["alt_text"],
                "caption": data["caption"],
                "credit_line": photographs.PLACEHOLDER_CREDIT,
                "place": self.place(data.get("place")),
            }
            existing = Photograph.objects.filter(slug=slug).first()
            if existing is None or not _has_stored_image(existing):
                values["image"] = ContentFile(
                    images.draw_placeholder(
                        caption=data["caption"],
                        date_text=dates.parse(data["date"]).display,
                        figures=len(data["depicted"]),
                        key=slug,
                    ),
                    name=f"{slug}.jpg",
                )
            photograph = self.upsert(Photograph, {"slug": slug}, values)
            if not photograph.sha256 or not photograph.thumbnail or not photograph.derivatives:
                photograph.refresh_derived_image_data()
            self.photographs[slug] = photograph
            self.set_subjects(photograph, data["subjects"])
            for position, (person, note) in enumerate(data["depicted"]):
                self.upsert(
                    Depiction,
                    {"photograph": photograph, "person": self.persons[person]},
                    {"position": position, "note": note},
                )
            if portrait_of := data.get("portrait_of"):
                self.persons[portrait_of] = self.upsert(
                    Person, {"slug": portrait_of}, {"portrait": photograph}
                )

    def load_trial(self) -> None:
        data = trial.TRIAL
        record = self.upsert(
            Trial,
            {"slug": data["slug"]},
            {
                **self.record_values(data),
                "date": data["date"],
                "court": data["court"],
                "place": self.place(data["place"]),
                "prosecutor": self.persons[data["prosecutor"]],
                "defendant_count": data["defendant_count"],
            },
        )
        self.trials[data["slug"]] = record
        self.set_subjects(record, data["subjects"])
        record.judges.set([self.persons[slug] for slug in data["judges"]])
        record.documents.set([self.documents[slug] for slug in data["documents"]])
        for position, row in enumerate(trial.DEFENDANTS):
            person, plea, sentence, carried_out, rehabilitated, notes = row
            self.upsert(
                Defendant,
                {"trial": record, "person": self.persons[person]},
                {
                    "position": position,
                    "charges": trial.CHARGES,
                    "plea": plea,
                    "verdict": Defendant.Verdict.GUILTY,
                    "sentence": sentence,
                    "carried_out": carried_out,
                    "rehabilitated": rehabilitated,
                    "notes": notes,
                },
            )

    def load_events(self) -> None:
        for data in events.EVENTS:
            event = self.upsert(
                Event,
                {"slug": data["slug"]},
                {
                    **self.record_values(data),
                    "date": data["date"],
                    "kind": data["kind"],
                    "place": self.place(data.get("place")),
                },
            )
            self.events[data["slug"]] = event
            self.set_subjects(event, data["subjects"])
            event.persons.set([self.persons[slug] for slug in data["persons"]])

    def load_citations(self) -> None:
        targets = {
            "person": self.persons,
            "document": self.documents,
            "photograph": self.photographs,
            "trial": self.trials,
            "event": self.events,
        }
        # A record's citations are numbered in the order the data lists them.
        positions: Counter = Counter()
        for kind, slug, source, quote, note in citations.CITATIONS:
            target = targets[kind][slug]
            content_type = ContentType.objects.get_for_model(target)
            position = positions[kind, slug]
            positions[kind, slug] += 1
            self.upsert(
                Citation,
                {"content_type": content_type, "object_id": target.pk, "position": position},
                {
                    "source": self.sources[source] if source else None,
                    "quote": quote,
                    "note": note,
                },
            )


def _has_stored_file(field) -> bool:
    return bool(field) and field.storage.exists(field.name)


def _has_stored_image(photograph: Photograph) -> bool:
    return bool(photograph.image) and photograph.image.storage.exists(photograph.image.name)
