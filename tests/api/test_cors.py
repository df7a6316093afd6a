"""Cross-origin reads (CORS) of the JSON API and the search's JSON (archive.cors).

Any site's scripts may read every answer, errors included (`Access-Control-Allow-Origin: *`),
and preflights for GET are answered; credentials are never allowed, so a browser sends no
cookies cross-origin — and a staff member's signed-in request gets exactly the anonymous answer,
with nothing unpublished in it. The HTML pages are not opened up.
"""

from django.http import HttpResponse

from archive.cors import allow_public_reads, public_cors

ORIGIN = {"Origin": "https://notebook.example.org"}
PREFLIGHT = {
    **ORIGIN,
    "Access-Control-Request-Method": "GET",
    "Access-Control-Request-Headers": "if-none-match",
}


def public_addresses(a) -> dict[str, int]:
    """Addresses of the API and the search's JSON, with the status each answers."""
    return {
        "/api/v1/": 200,
        "/api/v1/persons/": 200,
        "/api/v1/persons/bukharin/": 200,
        "/api/v1/documents/?ordering=-date": 200,
        "/api/v1/photographs/congress/": 200,
        "/api/v1/trials/trial/": 200,
        "/api/v1/events/": 200,
        "/api/v1/subjects/": 200,
        "/api/v1/exhibits/life/": 200,
        "/api/v1/exhibits/life/sections/one/": 200,
        "/api/v1/search/?q=Bukharin": 200,
        "/api/schema/?format=json": 200,
        "/search.json?q=Bukharin": 200,
        "/search.json?kind=document&sort=title": 200,
        # errors are readable too
        "/api/v1/persons/larina/": 404,  # a draft
        "/api/v1/documents/draft/": 404,
        "/api/v1/exhibits/draft-exhibit/": 404,
        "/api/v1/nowhere/": 404,
        "/api/v1/persons/?page=0": 400,
        "/api/v1/search/?from=abc": 400,
        "/search.json?from=abc": 400,
        "/search.json?page=999": 400,
    }


def assert_open_without_credentials(response, url: str = "") -> None:
    assert response["Access-Control-Allow-Origin"] == "*", url
    assert "Access-Control-Allow-Credentials" not in response, url
    assert "ETag" in response["Access-Control-Expose-Headers"], url


def test_every_public_json_answer_is_readable_from_any_site(client, archive):
    for url, status in public_addresses(archive).items():
        response = client.get(url, headers=ORIGIN)
        assert response.status_code == status, url
        assert_open_without_credentials(response, url)
        assert "Cookie" not in response.get("Vary", ""), url  # the same for every reader


def test_a_preflight_for_get_is_answered_without_credentials(client, archive):
    for url in ("/api/v1/persons/bukharin/", "/api/v1/search/", "/search.json", "/api/v1/x/"):
        response = client.options(url, headers=PREFLIGHT)
        assert response.status_code == 204, url
        assert response.content == b""
        assert response["Access-Control-Allow-Origin"] == "*"
        methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
        assert methods == {"GET", "HEAD", "OPTIONS"}
        assert "if-none-match" in response["Access-Control-Allow-Headers"].lower()
        assert int(response["Access-Control-Max-Age"]) > 0
        assert "Access-Control-Allow-Credentials" not in response


def test_other_methods_stay_refused(client, archive):
    # A preflight asking for POST gets the same list (without POST): the browser refuses it.
    asked = client.options(
        "/api/v1/persons/", headers={**ORIGIN, "Access-Control-Request-Method": "POST"}
    )
    assert "POST" not in asked["Access-Control-Allow-Methods"]
    for url in ("/api/v1/persons/", "/search.json"):
        response = client.post(url, headers=ORIGIN)
        assert response.status_code == 405, url
        assert "Access-Control-Allow-Credentials" not in response
    # An OPTIONS that is not a preflight is the view's own answer (the API allows GET only).
    assert client.options("/api/v1/persons/").status_code == 405


def test_conditional_requests_work_cross_origin(client, archive):
    response = client.get("/api/v1/persons/bukharin/", headers=ORIGIN)
    again = client.get(
        "/api/v1/persons/bukharin/", headers={**ORIGIN, "If-None-Match": response["ETag"]}
    )
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_a_signed_in_curator_gets_the_anonymous_answer(client, curator_client, archive):
    """Cookies are never invited cross-origin; and had a browser sent them, the answers would
    still be the public ones: no draft, no unpublished person, no hidden block."""
    for url in public_addresses(archive):
        anonymous = client.get(url, headers=ORIGIN)
        staff = curator_client.get(url, headers=ORIGIN)
        assert staff.status_code == anonymous.status_code, url
        assert staff.content == anonymous.content, url
        assert_open_without_credentials(staff, url)
    text = curator_client.get("/search.json?q=Bukharin", headers=ORIGIN).content.decode()
    for record in archive.unpublished:
        assert f'"{record.slug}"' not in text, record.slug
    section = curator_client.get("/api/v1/exhibits/life/sections/one/").content.decode()
    assert "larina" not in section and '"draft"' not in section


def test_html_pages_are_not_opened_to_other_sites(client, archive):
    for url in ("/search/?q=Bukharin", "/persons/bukharin/", "/exhibits/life/one/", "/api/docs/"):
        response = client.get(url, headers=ORIGIN)
        assert response.status_code == 200, url
        assert "Access-Control-Allow-Origin" not in response, url


def test_an_answer_private_to_one_reader_is_never_shared(rf):
    @public_cors
    def view(request):
        response = HttpResponse(b"{}", content_type="application/json")
        response["Cache-Control"] = "private, no-store"
        return response

    response = view(rf.get("/", headers=ORIGIN))
    assert "Access-Control-Allow-Origin" not in response
    shared = allow_public_reads(HttpResponse(b"{}", content_type="application/json"))
    assert shared["Access-Control-Allow-Origin"] == "*"


def test_a_throttled_script_can_read_when_to_retry(client, archive, settings):
    settings.VITRINE_API_THROTTLE = "1/minute"
    assert client.get("/api/v1/places/", headers=ORIGIN).status_code == 200
    response = client.get("/api/v1/places/", headers=ORIGIN)
    assert response.status_code == 429
    assert_open_without_credentials(response)
    assert "Retry-After" in response["Access-Control-Expose-Headers"]
