"""What a search asks for and what it answers, independent of the database that runs it."""

import re
from dataclasses import dataclass, field

FACETS = ("kind", "decade", "person", "subject", "collection", "language", "has_image")
# The index columns behind the facets: one value per row, or a list of ids per row.
COLUMN_FACETS = {
    "kind": "kind",
    "decade": "decade",
    "language": "language",
    "collection": "collection_id",
    "has_image": "has_image",
}
ARRAY_FACETS = {"person": "person_ids", "subject": "subject_ids"}
SORTS = {
    "relevance": "Relevance",
    "date": "Date (oldest first)",
    "-date": "Date (newest first)",
    "title": "Title (A–Z)",
}
MAX_QUERY_LENGTH = 500
MAX_PAGE = 500  # deep pages are for harvesters (OAI-PMH), not people
TOP_VALUES = 15  # how many values a person or subject facet lists


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kind: tuple[str, ...] = ()
    decade: tuple[int, ...] = ()
    person: tuple[int, ...] = ()
    subject: tuple[int, ...] = ()
    collection: tuple[int, ...] = ()
    # Records naming one of these places themselves (search.places): a filter, not a facet.
    place: tuple[int, ...] = ()
    language: tuple[str, ...] = ()
    has_image: bool | None = None
    year_from: int | None = None
    year_to: int | None = None
    initial: str = ""  # records filed under this letter (search.rows.sort_initial)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    initials: bool = False  # count the records under each initial (an A–Z page)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def selected(self, facet: str) -> tuple:
        value = getattr(self, facet)
        if facet == "has_image":
            return () if value is None else (value,)
        return value


@dataclass
class Hit:
    kind: str
    object_id: int
    slug: str
    title: str
    date_text: str
    summary: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    thumbnail_slug: str
    rank: float = 0.0


@dataclass
class BestMatch:
    """The person, trial, place or subject the words name (search.best_match), shown before the
    ranked hits. Persons and trials carry their index row's fields; a subject its count of public
    records."""

    kind: str  # person, trial, place or subject
    object_id: int
    slug: str
    title: str
    date_text: str = ""
    summary: str = ""
    thumbnail_slug: str = ""
    count: int = 0


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    fuzzy_names: bool = False  # no exact match: results for person names similar to the text
    best_match: BestMatch | None = None  # what the words name, on the first page
    initials: list[tuple[str, int]] = field(default_factory=list)  # (letter, count), if asked

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


# Web-search syntax for backends without websearch_to_tsquery -------------------------------------

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or several for a quoted phrase
    phrase: bool = False
    negated: bool = False


def parse_websearch(text: str) -> list[list[Term]]:
    """Parse web-search syntax into OR-groups of AND-ed terms.

    `rykov "right opposition" -trial OR tomsky` -> [[rykov, "right opposition", -trial], [tomsky]].
    Punctuation and operator characters are dropped, so no input can break the engine's syntax;
    unbalanced quotes close at the end.
    """
    groups: list[list[Term]] = [[]]
    for match in _TOKEN.finditer(text):
        negated_phrase, phrase, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                if groups[-1]:
                    groups.append([])
                continue
            negated = bare.startswith("-") and len(bare) > 1
            words = tuple(_WORD.findall(bare.casefold()))
            if words:
                groups[-1].append(Term(words, phrase=len(words) > 1, negated=negated))
        else:
            words = tuple(_WORD.findall((phrase or "").casefold()))
            if words:
                groups[-1].append(Term(words, phrase=True, negated=bool(negated_phrase)))
    return [g for g in groups if any(not t.negated for t in g)]
