"""Best match first: the person, trial, place or subject that a search's words name.

The words name a record when each of them is a word of one of its recorded names, and they make
up at least half of that name: "Bukharin", "Boukharine", "Бухарин" and "Bucharin" all name Nikolai
Bukharin (a person's index row carries every form a curator recorded, in any script), "Moscow"
names the city. Words are compared casefolded and without accents. A name that matches exactly
beats one that only contains the words, then a person beats a trial, a place and a subject; when
two records tie for the best, the words name neither and there is no best match.

Only what the public may see: persons and trials through their index rows (archive.visibility),
subjects with at least one public record (the stored counts, search.counts), places (labels with
no status of their own, like subjects) only while the site has a page for them. The candidates
come from one statement: persons and trials matched in their titles and names by the backend's
text index, subjects and places whose names contain one of the words; the words are then checked
here against each candidate's names.
"""

import re
import unicodedata
from collections.abc import Callable

from django.db import connection
from django.urls import NoReverseMatch, reverse

from archive import visibility
from archive.models import Place, Subject
from search.counts import SearchFacetCount
from search.query import BestMatch, SearchQuery, parse_websearch

RECORD_KINDS = ("person", "trial")  # matched through their index rows
PLACE_PAGE = "archive:place-detail"
# Best first when two kinds tie on how well they match.
KIND_ORDER = ("person", "trial", "place", "subject")
MAX_WORDS = 8  # more words than a name has
CANDIDATES = 20  # per kind: more candidates than records sharing a name
_WORD = re.compile(r"\w+")

EXACT, CONTAINED = 2, 1


def fold(text: str) -> str:
    """Casefolded, without accents ("Boukharine" and "BOUKHARINE", "Горбачёв" and "Горбачев")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def query_words(text: str) -> list[str]:
    """The words a search names something by: the words of its one group of terms, not those it
    leaves out; single letters are dropped beside longer words (an initial, "N. I."). None for
    alternatives (OR) or more words than a name has."""
    groups = parse_websearch(text)
    if len(groups) != 1:
        return []
    found: dict[str, None] = {}
    for term in groups[0]:
        if not term.negated:
            for word in term.words:
                found.update(dict.fromkeys(_WORD.findall(fold(word))))
    words = [word for word in found if len(word) > 1] or list(found)
    return words if len(words) <= MAX_WORDS else []


def how_well(forms: list[str], words: list[str]) -> int:
    """EXACT if one of the forms is these words, CONTAINED if one holds them all and they are at
    least half of its words, else 0."""
    wanted = set(words)
    best = 0
    for form in forms:
        have = name_words(form)
        if have == wanted:
            return EXACT
        if wanted <= have and 2 * len(wanted) >= len(have):
            best = CONTAINED
    return best


def _forms(kind: str, title: str, names: str) -> list[str]:
    if kind == "person":
        return [title, *names.split("\n")]  # every recorded form, the row's own names
    if kind == "place":
        return [title, *names.split(";")]  # the alternate names, separated by semicolons
    return [title]


def _contains_any(columns: tuple[str, ...], text: str) -> tuple[str, list]:
    """SQL for rows whose columns contain one of the words as typed, whatever their case: upper()
    on both sides for PostgreSQL, and on SQLite (whose upper() and LIKE ignore only ASCII case)
    the word capitalised too, as names are written."""
    patterns: dict[str, None] = {}
    for group in parse_websearch(text):
        for term in group:
            if term.negated:
                continue
            for word in term.words:
                for form in (word, word.capitalize()):
                    escaped = form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    patterns[f"%{escaped}%"] = None
    parts = [f"upper({column}) LIKE upper(%s) ESCAPE '\\'" for column in columns for _ in patterns]
    params = [pattern for _ in columns for pattern in patterns]
    return " OR ".join(parts) or "1 = 0", params


def has_place_page() -> bool:
    """Whether the site has a page for a place (a best match must lead somewhere)."""
    try:
        reverse(PLACE_PAGE, kwargs={"slug": "place"})
    except NoReverseMatch:
        return False
    return True


def kinds_for(query: SearchQuery) -> tuple[str, ...]:
    """The kinds a best match may be of: a kind filter keeps its own record kinds, and places and
    subjects only head a search of every kind."""
    if query.kind:
        return tuple(kind for kind in RECORD_KINDS if kind in query.kind)
    return (*RECORD_KINDS, *(("place",) if has_place_page() else ()), "subject")


def find(
    query: SearchQuery, record_match: Callable[[list[str]], tuple[str, list, str, list, str]]
) -> BestMatch | None:
    """The record the words of this query name, or None. `record_match(words)` is the backend's
    text match of the words in index rows' titles and names: (FROM SQL, its parameters, WHERE
    SQL, its parameters, rank SQL)."""
    kinds = kinds_for(query)
    words = query_words(query.text)
    if not words or not kinds:
        return None
    selects, params = [], []
    records = [kind for kind in RECORD_KINDS if kind in kinds]
    if records:
        from_sql, from_params, where, where_params, rank = record_match(words)
        public, public_params = visibility.public_sql("e")
        listed = ", ".join(f"'{kind}'" for kind in records)  # literals: a partial index's
        selects.append(
            "SELECT * FROM (SELECT e.kind, e.object_id, e.slug, e.title, e.names, e.date_text, "  # noqa: S608
            f"e.summary, e.thumbnail_slug, 0 AS n FROM archive_search_entry e{from_sql} "
            f"WHERE e.kind IN ({listed}) AND {where} AND {public} "
            f"ORDER BY {rank} DESC LIMIT {CANDIDATES}) AS records"
        )
        params += [*from_params, *where_params, *public_params]
    if "subject" in kinds:
        where, where_params = _contains_any(("s.name",), query.text)
        selects.append(
            "SELECT * FROM (SELECT 'subject' AS kind, s.id, s.slug, s.name, '' AS names, "  # noqa: S608
            "'' AS date_text, '' AS summary, '' AS thumbnail, c.count AS n "
            f"FROM {Subject._meta.db_table} s JOIN {SearchFacetCount._meta.db_table} c "
            "ON c.facet = 'subject' AND c.value = CAST(s.id AS TEXT) "
            f"WHERE c.count > 0 AND ({where}) ORDER BY s.id LIMIT {CANDIDATES}) AS subjects"
        )
        params += where_params
    if "place" in kinds:
        where, where_params = _contains_any(("p.name", "p.alternate_names"), query.text)
        selects.append(
            "SELECT * FROM (SELECT 'place' AS kind, p.id, p.slug, p.name, p.alternate_names, "  # noqa: S608
            "'' AS date_text, '' AS summary, '' AS thumbnail, 0 AS n "
            f"FROM {Place._meta.db_table} p WHERE {where} "
            f"ORDER BY p.id LIMIT {CANDIDATES}) AS places"
        )
        params += where_params
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = cursor.fetchall()
    ranked = []
    for kind, pk, slug, title, names, date_text, summary, thumbnail, count in rows:
        score = how_well(_forms(kind, title, names or ""), words)
        if score:
            match = BestMatch(kind, pk, slug, title, date_text, summary, thumbnail, int(count))
            ranked.append(((-score, KIND_ORDER.index(kind)), match))
    ranked.sort(key=lambda item: item[0])
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None  # nothing, or two records the words name equally well
    return ranked[0][1]
