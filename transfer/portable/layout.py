"""The archive format: its name and version, which models it holds (in which order), and how
their files are named. One place for all of it, so the exporter and importer cannot disagree.

An archive (a directory, or a zip of the same tree) holds:

- `manifest.json`: format name and version, when and from which schema it was written, and for
  every file below its row count, byte size and SHA-256;
- `data/<app>.<model>.jsonl`: one JSON object per line and row, ordered by primary key, in
  Django's serialisation layout (`{"model": …, "pk": …, "fields": {…}}`); foreign keys are the
  primary keys of the rows they point at, except content types (`["archive", "person"]`) and
  revision authors (`["username"]`), which are natural keys;
- `media.jsonl`: one line per media file, `{"name", "sha256", "bytes"}`, ordered by name;
- `media/<name>`: the files themselves, under their storage names.
"""

from collections.abc import Callable

from django.apps import apps
from django.db.models import Model

from archive.progress import Progress

FORMAT = "vitrine-archive"
VERSION = 1

MANIFEST = "manifest.json"
MEDIA_LIST = "media.jsonl"
DATA_DIR = "data"
MEDIA_DIR = "media"
# Revision authors: only the users named in revision history, and only their names.
USERS = "auth.user"
USER_FIELDS = ("username", "first_name", "last_name")

# Every row of these models is exported, in this order (what a row points at comes first where
# the graph allows; the database checks foreign keys at the end of the import in any case).
LIVE = (
    "archive.place",
    "archive.collection",
    "archive.subject",
    "archive.rightsstatement",
    "archive.source",
    "archive.person",
    "archive.personname",
    "archive.personrelation",
    "archive.photograph",
    "archive.depiction",
    "archive.document",
    "archive.contribution",
    "archive.documentpage",
    "archive.trial",
    "archive.defendant",
    "archive.event",
    "archive.person_subjects",
    "archive.photograph_subjects",
    "archive.document_subjects",
    "archive.trial_subjects",
    "archive.trial_judges",
    "archive.trial_documents",
    "archive.event_subjects",
    "archive.event_persons",
    "archive.citation",
    "archive.fixitycheck",
    "archive.pagefixitycheck",
    "exhibits.featuredsearch",
    "exhibits.exhibit",
    "exhibits.section",
    "exhibits.block",
    "exhibits.block_timeline_events",
    "exhibits.galleryitem",
)

# Derived from the rows above and rebuilt by the import (search.index.rebuild), never
# exported. Photograph thumbnails are derived too, but they are exported as media like any other
# file so that the thumbnail names stored on photographs stay true and a round trip is exact.
DERIVED = (
    "search.searchentry",
    "search.searchindexstate",
    "search.searchfacetcount",
    "search.searchfacetcell",
    "search.searchvaluecell",
)

APPS = ("archive", "exhibits")

# Makes a progress bar: (label, total, verb) -> Progress.
ProgressFactory = Callable[[str, int, str], Progress]


class ArchiveError(Exception):
    """The archive cannot be written or read; the message says why, for a person."""


def model(label: str) -> type[Model]:
    app_label, model_name = label.split(".")
    return apps.get_model(app_label, model_name)


def history_models() -> dict[type[Model], type[Model]]:
    """The django-simple-history model keeping the revisions of each live model that has one."""
    return {
        m.instance_type: m
        for app in APPS
        for m in apps.get_app_config(app).get_models()
        if hasattr(m, "instance_type")
    }


def exported_models() -> list[type[Model]]:
    """Every exported model in file order: the live rows, then their revision history."""
    live = [model(label) for label in LIVE]
    history = history_models()
    return live + [history[m] for m in live if m in history]


def label(model_class: type[Model]) -> str:
    return model_class._meta.label_lower


def data_path(model_label: str) -> str:
    return f"{DATA_DIR}/{model_label}.jsonl"


def media_path(name: str) -> str:
    return f"{MEDIA_DIR}/{name}"


def safe_name(name: str) -> str:
    """A relative name without '..', absolute paths or backslashes; raise ArchiveError otherwise."""
    parts = name.split("/")
    if not name or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
        raise ArchiveError(f"Unsafe file name in the archive: {name!r}.")
    return name
