"""The curator admin, one module per model family; importing this package registers them all."""

from archive.admin import documents, events, people, photographs, sources, trials, vocab

__all__ = ["documents", "events", "people", "photographs", "sources", "trials", "vocab"]
