"""Random parameters thrown at the search page and its JSON: whatever arrives, the answer is a
page (200) or a JSON error (400), never an exception. Runs on whichever database is configured."""

from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REAL = [
    "q",
    "kind",
    "decade",
    "person",
    "subject",
    "collection",
    "language",
    "has_image",
    "from",
    "to",
    "sort",
    "page",
]
JUNK = ["per_page", "facet", "kind[]", "q\x00", "", "__all__", "Ⅻ", "page ", "format"]
LIKELY = [
    "Bukharin",
    "Бухарин",
    "1930",
    "1938-13-45",
    "-1",
    "0",
    "99999999999999999999",
    "document",
    "yes",
    "no",
    "-date",
    "title",
    '"',
    '"right opposition',
    "NEAR(a b)",
    "a*",
    "^",
    ":",
    "OR",
    "AND",
    "NOT",
    "-",
    "'; DROP TABLE archive_search_entry; --",
    "\x00",
    "%00",
    "1e3",
    "１２",
]
values = st.one_of(
    st.sampled_from(LIKELY),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=600),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
params = st.lists(
    st.tuples(st.one_of(st.sampled_from(REAL), st.sampled_from(JUNK), st.text(max_size=8)), values),
    max_size=8,
)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pairs=params)
def test_random_parameters_never_break_the_page_or_the_json(archive, client, pairs):
    querystring = urlencode(pairs)
    page = client.get(f"/search/?{querystring}")
    assert page.status_code == 200
    assert b"<h1>Search the archive</h1>" in page.content
    response = client.get(f"/search.json?{querystring}")
    assert response.status_code in (200, 400)
    data = response.json()
    assert ("errors" in data) == (response.status_code == 400)
