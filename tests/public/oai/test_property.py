"""Random requests thrown at /oai/: whatever arrives, over GET or POST, the answer is HTTP 200
and a response valid against the OAI-PMH 2.0 and oai_dc schemas, never an exception."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests import factories

pytestmark = pytest.mark.django_db

VERBS = [
    "Identify",
    "ListMetadataFormats",
    "ListSets",
    "GetRecord",
    "ListIdentifiers",
    "ListRecords",
]
ARGUMENTS = ["verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken"]
LIKELY = [
    *VERBS,
    "oai_dc",
    "oai:vitrine.local:document/1",
    "oai:vitrine.local:person/1",
    "oai:vitrine.local:document/99999999999999999999999",
    "kind:document",
    "collection",
    "2024-01-01",
    "2024-01-01T00:00:00Z",
    "9999-12-31",
    "0000-00-00",
    "2024-02-30",
    "\x00",
    "%00",
    "'; DROP TABLE archive_document; --",
]
values = st.one_of(
    st.sampled_from(LIKELY),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
)
pairs = st.lists(
    st.tuples(st.one_of(st.sampled_from(ARGUMENTS), st.text(max_size=8)), values),
    max_size=6,
)


@pytest.fixture
def archive():
    factories.PersonFactory()
    factories.DocumentFactory()


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pairs=pairs, verb=st.sampled_from([*VERBS, None]), post=st.booleans())
def test_random_requests_always_get_a_valid_oai_response(
    archive, client, oai_schema, pairs, verb, post
):
    if verb:
        pairs = [("verb", verb), *pairs]
    if post:
        response = client.post(
            "/oai/", urlencode(pairs), content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client.get(f"/oai/?{urlencode(pairs)}")
    assert response.status_code == 200
    oai_schema.assertValid(etree.fromstring(response.content))
