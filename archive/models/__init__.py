"""The archive's records. Modules split by family; this package re-exports every model.

Dependencies point one way: base <- vocab, places, sources <- people, photographs, documents,
trials, events.
"""

from archive.models.base import DatedRecord, Record, Status
from archive.models.documents import Contribution, Document, DocumentPage
from archive.models.events import Event
from archive.models.fixity import FixityCheck, PageFixityCheck
from archive.models.people import Person, PersonName, PersonRelation
from archive.models.photographs import Depiction, Photograph
from archive.models.places import Place
from archive.models.sources import Citation, CitationNeeded, Source
from archive.models.trials import Defendant, Trial
from archive.models.vocab import LANGUAGE_CHOICES, Collection, RightsStatement, Subject

__all__ = [
    "LANGUAGE_CHOICES",
    "Citation",
    "CitationNeeded",
    "Collection",
    "Contribution",
    "DatedRecord",
    "Defendant",
    "Depiction",
    "Document",
    "DocumentPage",
    "Event",
    "FixityCheck",
    "PageFixityCheck",
    "Person",
    "PersonName",
    "PersonRelation",
    "Photograph",
    "Place",
    "Record",
    "RightsStatement",
    "Source",
    "Status",
    "Subject",
    "Trial",
]
