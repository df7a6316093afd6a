"""Small helpers for the API tests."""


def get_json(client, url: str) -> dict:
    """GET url, check it answered 200 with JSON, and return the data."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:500])
    assert response["Content-Type"] == "application/json"
    return response.json()


def slugs_of(page: dict) -> list[str]:
    return [row["slug"] for row in page["results"]]
