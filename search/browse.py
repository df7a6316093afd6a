"""What each browse page shows: the kind's own facets, sort orders and layout.

A kind's browse page (/persons/, /documents/, …; search.views.BrowseView) is a search with the
kind fixed, so it reads the same index, stored counts and cache as the search page; this module
only says how each kind is browsed. The subjects and collections pages list a vocabulary with its
counts of public records (search.facets.vocabulary).
"""

from dataclasses import dataclass, field

from archive.kinds import BY_NAME, RecordKind
from search.query import FACETS, SORTS


@dataclass(frozen=True)
class BrowsePage:
    kind: str
    facets: tuple[str, ...]  # the facets its filters offer (the kind's own facet never)
    intro: str
    sort_labels: dict[str, str] = field(default_factory=dict)  # beside search.query.SORTS
    headings: dict[str, str] = field(default_factory=dict)  # facet panels' headings
    grid: bool = False  # pictures in a grid rather than a list
    letters: bool = False  # an A–Z bar

    @property
    def record_kind(self) -> RecordKind:
        return BY_NAME[self.kind]

    def sorts(self, has_text: bool) -> list[tuple[str, str]]:
        """The sort orders its form offers: relevance only for a search within the kind."""
        return [
            (value, self.sort_labels.get(value, label))
            for value, label in SORTS.items()
            if has_text or value != "relevance"
        ]


PAGES = {
    page.kind: page
    for page in (
        BrowsePage(
            "person",
            ("decade", "subject", "collection", "language", "has_image"),
            "Every person in the archive, filed under the name as an index sorts it.",
            sort_labels={
                "title": "Name (A–Z)",
                "date": "Born (earliest first)",
                "-date": "Born (latest first)",
            },
            headings={"decade": "Born", "has_image": "Portrait"},
            letters=True,
        ),
        BrowsePage(
            "document",
            ("decade", "person", "subject", "collection", "language"),
            "Letters, articles, books and records, with their authors and subjects.",
        ),
        BrowsePage(
            "photograph",
            ("decade", "person", "subject", "collection"),
            "Photographs of the archive, with the persons they show.",
            grid=True,
        ),
        BrowsePage(
            "trial",
            ("decade", "person", "subject", "collection", "language"),
            "Trials with their defendants, judges and documents.",
        ),
        BrowsePage(
            "event",
            ("decade", "person", "subject", "collection"),
            "Events in the lives of the archive's persons.",
        ),
    )
}


def page_for(kind: str) -> BrowsePage:
    """The browse page of a kind; a kind added to the registry without one is browsed with every
    facet but its own."""
    return PAGES.get(kind) or BrowsePage(
        kind,
        tuple(facet for facet in FACETS if facet != "kind"),
        f"Every {BY_NAME[kind].label.lower()} in the archive.",
    )


@dataclass(frozen=True)
class Vocabulary:
    facet: str  # the search facet, and its parameter
    url_prefix: str
    label: str
    label_plural: str
    intro: str


VOCABULARIES = {
    vocabulary.facet: vocabulary
    for vocabulary in (
        Vocabulary(
            "subject",
            "subjects",
            "Subject",
            "Subjects",
            "The subjects records are catalogued under, each with its count of public records.",
        ),
        Vocabulary(
            "collection",
            "collections",
            "Collection",
            "Collections",
            "The collections records belong to, each with its count of public records.",
        ),
    )
}
VOCABULARY_SORTS = {"name": "Name (A–Z)", "count": "Most records first"}
VOCABULARY_PER_PAGE = 100
