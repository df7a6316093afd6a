"""Parsing the search parameters into a SearchQuery: what is accepted, what is an error, and
what the lenient HTML page keeps of a bad parameter."""

import pytest
from django.http import QueryDict

from search.forms import SearchForm
from search.query import MAX_QUERY_LENGTH, SearchQuery


def parse(querystring: str) -> SearchForm:
    form = SearchForm(QueryDict(querystring))
    form.is_valid()
    return form


def test_every_parameter_parses():
    form = parse(
        "q=Bukharin+trial&kind=document&kind=photograph&decade=1920&decade=1930&person=3"
        "&person=12&subject=4&collection=5&language=ru&language=en-GB&has_image=yes"
        "&from=1917&to=1938&sort=-date&page=2"
    )
    assert form.errors == {}
    assert form.search_query() == SearchQuery(
        text="Bukharin trial",
        kind=("document", "photograph"),
        decade=(1920, 1930),
        person=(3, 12),
        subject=(4,),
        collection=(5,),
        language=("ru", "en-GB"),
        has_image=True,
        year_from=1917,
        year_to=1938,
        sort="-date",
        page=2,
    )


def test_nothing_is_the_default_query():
    assert parse("").search_query() == SearchQuery()


def test_empty_values_and_duplicates_are_ignored():
    query = parse("q=&kind=&kind=person&kind=person&page=&from=&has_image=&sort=").search_query()
    assert query == SearchQuery(kind=("person",))


def test_per_page_is_fixed():
    assert parse("per_page=1000").search_query().per_page == 20


def test_has_image_no():
    assert parse("has_image=no").search_query().has_image is False


def test_unknown_parameters_are_ignored():
    form = parse("utm_source=mail&colour=red&facet=kind")
    assert form.errors == {}
    assert form.search_query() == SearchQuery()


@pytest.mark.parametrize(
    ("querystring", "field", "message"),
    [
        ("from=1938-13-45", "from", "“1938-13-45” is not a year"),
        ("to=nineteen", "to", "is not a year"),
        ("from=0", "from", "is not a year"),
        ("from=10000", "from", "is not a year"),
        ("from=1940&to=1930", "to", "before the start year"),
        ("kind=bogus", "kind", "“bogus” is not a kind of record"),
        ("person=abc", "person", "“abc” is not a person id"),
        ("person=-1", "person", "is not a person id"),
        ("person=99999999999999999999999", "person", "is not a person id"),
        ("subject=1.5", "subject", "is not a subject id"),
        ("collection=%EF%BC%91", "collection", "is not a collection id"),  # a full-width digit
        ("decade=1935", "decade", "is not a decade"),
        ("language=ru;drop", "language", "is not a language code"),
        ("has_image=maybe", "has_image", "yes or no"),
        ("sort=price", "sort", "is not a way to sort"),
        ("page=0", "page", "is not a page number"),
        ("page=-3", "page", "is not a page number"),
        ("page=2.5", "page", "is not a page number"),
        ("page=99999", "page", "Only the first 500 pages"),
        ("q=a%00b", "q", "NUL"),
        (f"q={'x' * (MAX_QUERY_LENGTH + 1)}", "q", f"limited to {MAX_QUERY_LENGTH} characters"),
        ("kind=" + "&kind=".join(["person"] * 51), "kind", "at most 50"),
    ],
)
def test_bad_values_are_form_errors(querystring, field, message):
    form = parse(querystring)
    assert not form.is_valid()
    assert list(form.error_dict()) == [field]
    assert message in form.error_dict()[field][0]
    with pytest.raises(ValueError, match="not valid"):
        form.search_query()
    assert isinstance(form.search_query(lenient=True), SearchQuery)


def test_error_messages_quote_a_long_value_shortly():
    [message] = parse(f"kind={'z' * 5000}").error_messages()
    assert len(message) < 100
    assert message.startswith("Kind: “zzz")


def test_lenient_query_keeps_the_good_part_of_each_parameter():
    form = parse(
        "q=Bukharin&kind=person&kind=bogus&person=x&person=7&decade=1935&decade=1930"
        "&from=1938-13-45&to=1940&sort=zzz&page=-1&has_image=maybe"
    )
    assert form.search_query(lenient=True) == SearchQuery(
        text="Bukharin", kind=("person",), person=(7,), decade=(1930,), year_to=1940
    )


def test_lenient_query_cleans_the_text():
    assert parse("q=Buk%00harin").search_query(lenient=True).text == "Bukharin"
    long = parse(f"q={'word ' * 3000}").search_query(lenient=True).text
    assert 0 < len(long) <= MAX_QUERY_LENGTH


def test_reversed_range_is_dropped_whole():
    query = parse("from=1940&to=1930").search_query(lenient=True)
    assert (query.year_from, query.year_to) == (None, None)


def test_each_parse_is_independent_of_the_ones_before():
    # The form class is built once and its fields are shared configuration, copied into each
    # form: nothing one request parses or fails on may reach the next.
    bad = parse(f"kind=bogus&person=x&page=0&q={'w' * (MAX_QUERY_LENGTH + 1)}")
    good = parse("kind=document&person=7")
    assert set(bad.errors) == {"kind", "person", "page", "q"}
    assert good.errors == {}
    assert good.search_query() == SearchQuery(kind=("document",), person=(7,))
    assert bad is not good
    assert type(bad) is type(good)
    assert bad.fields["kind"] is not good.fields["kind"]
    assert bad.fields["kind"] is not SearchForm.base_fields["kind"]
    assert bad.fields["kind"].widget is not good.fields["kind"].widget
    assert bad["kind"].form is bad
    assert good["kind"].form is good
