"""Database connections outlive a request: requests through Django's own WSGI handler (with the
request_started/request_finished signals that close old connections, which the test client
switches off) reuse one connection, unless DATABASE_CONN_MAX_AGE is 0."""

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection


def _get(path: str) -> int:
    """One GET through the WSGI handler as a server calls it; returns the status code."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }
    status = []
    response = WSGIHandler()(environ, lambda s, headers, exc_info=None: status.append(s))
    b"".join(response)
    response.close()  # what a WSGI server does at the end: fires request_finished
    return int(status[0].split()[0])


def _backend() -> object:
    """The open DB-API connection, or None."""
    return connection.connection


@pytest.fixture(autouse=True)
def _closable_database():
    """An in-memory SQLite test database lives only as long as its connection, so Django never
    closes it (the SQLite pass's database); these tests need one that a request can close."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite database is never closed; runs on PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_requests_reuse_the_database_connection_by_default():
    assert connection.settings_dict["CONN_MAX_AGE"] == 60
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True

    assert _get("/search/") == 200
    first = _backend()
    assert _get("/search/") == 200

    assert first is not None
    assert _backend() is first


@pytest.mark.django_db(transaction=True)
def test_a_max_age_of_zero_closes_the_connection_after_each_request(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    connection.close()

    assert _get("/search/") == 200

    assert _backend() is None
