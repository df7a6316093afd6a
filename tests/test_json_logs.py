"""JSON log lines and request ids (config/logs.py, LOG_FORMAT=json).

In a fresh interpreter with LOG_FORMAT=json (the settings choose the formatter): every line on
stderr is a JSON object; a request's line carries its method, path, status, duration and the id
its response carries — the incoming X-Request-ID when sane, a new one when hostile. Under gunicorn
(tests/served.py) Django's line takes the place of gunicorn's access log. And in this process:
the id middleware and the formatter themselves.
"""

import io
import json
import logging
import os
import re
import urllib.request

import pytest
from django.conf import settings

from config.logs import JsonFormatter, incoming_id
from tests.served import get, gunicorn
from tests.test_settings import run

REQUESTS = r"""
import json, logging, django
django.setup()
from django.test import Client
client = Client()
answers = []
for url, request_id in [("/robots.txt", "lb-1234.abcd"), ("/no-such-page/", None),
                        ("/robots.txt", "evil\nline"), ("/robots.txt", "x" * 10_000)]:
    headers = {"X-Request-ID": request_id} if request_id is not None else {}
    response = client.get(url, headers=headers)
    answers.append([url, response.status_code, response["X-Request-ID"]])
logging.getLogger("vitrine.test").error("outside a request", extra={"status": 7})
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("vitrine.test").exception("a failure with \"quotes\"\nand a newline")
print(json.dumps(answers))
"""


def json_lines(stderr: str) -> list[dict]:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except ValueError:
            pytest.fail(f"not a JSON line: {line!r}")
    return parsed


def test_every_line_is_json_and_a_requests_line_carries_the_id_it_answered():
    result = run(["-c", REQUESTS], LOG_FORMAT="json", ALLOWED_HOSTS="testserver")
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    assert [status for _, status, _ in answers] == [200, 404, 200, 200]
    entries = json_lines(result.stderr)

    for entry in entries:
        assert {"time", "level", "logger", "message", "request_id"} <= set(entry)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", entry["time"])
    requests = [entry for entry in entries if entry["logger"] == "vitrine.requests"]
    assert [(e["method"], e["path"], e["status"]) for e in requests] == [
        ("GET", url, status) for url, status, _ in answers
    ]
    assert [e["request_id"] for e in requests] == [request_id for *_, request_id in answers]
    for entry in requests:
        assert isinstance(entry["duration_ms"], float)
        assert entry["level"] == "INFO"

    # A sane incoming id is kept; none, a newline or 10 kB give way to a new one.
    ids = [request_id for *_, request_id in answers]
    assert ids[0] == "lb-1234.abcd"
    for new in ids[1:]:
        assert re.fullmatch(r"[0-9a-f]{32}", new)
    assert len(set(ids)) == 4

    # Django's own warning for the 404 carries the same id.
    not_found = [e for e in entries if e["logger"] == "django.request"]
    assert [(e["level"], e["status"], e["request_id"]) for e in not_found] == [
        ("WARNING", 404, ids[1])
    ]
    outside = next(e for e in entries if e["message"] == "outside a request")
    assert outside["request_id"] is None and outside["level"] == "ERROR"
    failure = next(e for e in entries if e["logger"] == "vitrine.test" and "exception" in e)
    assert failure["message"] == 'a failure with "quotes"\nand a newline'
    assert "ZeroDivisionError" in failure["exception"]


def test_plain_logs_stay_plain_and_write_no_line_per_request():
    result = run(["-c", REQUESTS], ALLOWED_HOSTS="testserver")
    assert result.returncode == 0, result.stderr
    assert "outside a request" in result.stderr
    assert not any(line.startswith("{") for line in result.stderr.splitlines())
    assert "GET /robots.txt 200" not in result.stderr


def test_a_bad_log_format_is_an_error():
    result = run(["-c", "import django; django.setup()"], LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be plain or json" in result.stderr


def test_under_gunicorn_each_request_is_one_json_line(tmp_path):
    env = dict(os.environ)
    env.update(
        LOG_FORMAT="json",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    log_path = tmp_path / "gunicorn.log"
    with gunicorn(env, log_path) as base:  # gunicorn's own access log on (--access-logfile=-)
        proxied = {"X-Request-ID": "from-the-proxy-42"}
        request = urllib.request.Request(base + "/robots.txt", headers=proxied)  # noqa: S310
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (local URL)
            assert response.headers["X-Request-ID"] == "from-the-proxy-42"
        status, headers, _ = get(base + "/robots.txt")
        assert status == 200
    text = log_path.read_text()
    # gunicorn's arbiter, which never loads Django, still writes its own start and stop lines.
    gunicorn_own = re.compile(r"^\[[^\]]+\] \[\d+\] \[[A-Z]+\] ")
    lines = [line for line in text.splitlines() if line and not gunicorn_own.match(line)]
    entries = json_lines("\n".join(lines))
    robots = [e for e in entries if e.get("path") == "/robots.txt"]
    assert [e["request_id"] for e in robots] == ["from-the-proxy-42", headers["X-Request-ID"]]
    assert "GET /robots.txt HTTP/1.1" not in text  # gunicorn's access line: silenced


# --- in this process ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [None, "", "with space", "new\nline", "cr\rlf", "x" * 129, "x" * 10_000, '"quoted"', "é"],
)
def test_hostile_or_missing_ids_are_replaced(value):
    assert re.fullmatch(r"[0-9a-f]{32}", incoming_id(value))


@pytest.mark.parametrize(
    "value", ["abc", "0b7c9f3e-8a41-4f4e-9c61-5e2f1f0b7f0d", "Root=1-5759e988-bd862e3f", "x" * 128]
)
def test_sane_ids_are_kept(value):
    assert incoming_id(value) == value


def test_every_answer_carries_an_id_and_distinct_requests_distinct_ids(client):
    first = client.get("/robots.txt")["X-Request-ID"]
    second = client.get("/robots.txt")["X-Request-ID"]
    assert first != second
    assert client.get("/robots.txt", headers={"X-Request-ID": "mine"})["X-Request-ID"] == "mine"


def test_the_formatter_writes_one_line_of_json():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "a\nb %s", ("c",), None)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["message"] == "a\nb c"


def test_the_request_id_middleware_comes_first():
    assert settings.MIDDLEWARE[0] == "config.logs.RequestIdMiddleware"


def test_json_lines_in_this_process_carry_the_request_id(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("vitrine.requests")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        response = client.get("/robots.txt", headers={"X-Request-ID": "abc"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["request_id"] == response["X-Request-ID"] == "abc"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/robots.txt", 200)
