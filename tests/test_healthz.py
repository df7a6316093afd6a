"""/healthz (config/health.py): database, storage, cache and task worker, for load balancers.

200 while the database and the media storage work ("ok", or "degraded" with the cache or the
worker failing); 503 when either required one fails — a storage that cannot be written here, a
database at a closed port in a fresh interpreter with production settings (JSON, not the outage
middleware's HTML page, and not redirected to HTTPS). Never cached, no cookie, no secret.
"""

import json
import socket

import pytest
from django.utils import timezone

from tests.served import free_port
from tests.test_settings import production_env, run
from transfer.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def worker():
    """A task worker's heartbeat, just written (a worker on another machine: no lock file)."""
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id="healthz-test", hostname="elsewhere", pid=4242, started_at=now, last_seen=now
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def healthz(client, **headers):
    response = client.get("/healthz", headers=headers)
    return response, json.loads(response.content)


def test_everything_well_is_200_ok(client, media, worker, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # SELECT 1, the heartbeats
        response, body = healthz(client)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "storage", "cache", "worker"}
    for name, check in body["checks"].items():
        assert check["status"] == "ok", (name, check)
        assert isinstance(check["ms"], float)
    assert body["checks"]["database"]["required"] is True
    assert body["checks"]["storage"]["required"] is True
    assert body["checks"]["cache"]["required"] is False
    assert body["checks"]["worker"] == {**body["checks"]["worker"], "detail": "1 alive"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_head_answers_and_other_methods_are_refused(client, media, worker):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_no_worker_alive_is_degraded_but_200(client, media):
    stale = timezone.now() - timezone.timedelta(hours=1)
    WorkerHeartbeat.objects.create(
        worker_id="gone", hostname="here", pid=1, started_at=stale, last_seen=stale
    )
    response, body = healthz(client)

    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["worker"]["status"] == "failed"
    assert body["checks"]["worker"]["detail"].startswith("no task worker is alive")
    assert body["checks"]["database"]["status"] == "ok"


def test_tasks_run_in_the_request_need_no_worker(client, media, settings):
    settings.TASKS = IMMEDIATE
    response, body = healthz(client)

    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"]["worker"]["detail"] == "tasks run in the request"


def test_a_media_folder_before_the_first_upload_is_writable(client, settings, tmp_path, worker):
    settings.MEDIA_ROOT = tmp_path / "not" / "made" / "yet"
    response, body = healthz(client)

    assert response.status_code == 200
    assert body["checks"]["storage"] == {**body["checks"]["storage"], "status": "ok"}


def test_storage_that_cannot_be_written_is_503(client, settings, tmp_path, worker):
    (tmp_path / "a-file").write_text("not a folder")
    settings.MEDIA_ROOT = tmp_path / "a-file" / "media"
    response, body = healthz(client)

    assert response.status_code == 503
    assert body["status"] == "failed"
    assert body["checks"]["storage"]["status"] == "failed"
    assert body["checks"]["storage"]["detail"] == "the media folder cannot be written"
    assert str(tmp_path) not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_cache_that_does_not_answer_is_degraded_but_200(client, media, worker, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": f"redis://:secret-password@127.0.0.1:{free_port()}/0",
        },
    }
    response, body = healthz(client)

    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["status"] == "failed"
    assert body["checks"]["cache"]["detail"] == "a value set was not read back from: default"
    assert "secret-password" not in response.content.decode()


def test_the_request_id_is_answered(client, media, worker):
    response, _ = healthz(client, x_request_id="lb-probe-7")
    assert response["X-Request-ID"] == "lb-probe-7"


# A fresh interpreter with production settings and the database at a closed port: /healthz
# answers its own JSON 503; a page gets the outage middleware's HTML 503 (or, over plain HTTP,
# the redirect to HTTPS, which /healthz is exempt from).
DATABASE_DOWN = """
import json, django
django.setup()
from django.test import Client
client = Client()
answers = {}
for name, url, secure in [("healthz", "/healthz", False), ("healthz_https", "/healthz", True),
                          ("page", "/", False), ("page_https", "/", True)]:
    response = client.get(url, secure=secure)
    answers[name] = {"status": response.status_code, "type": response.get("Content-Type", ""),
                     "cache": response.get("Cache-Control", ""), "body": response.content.decode()}
print(json.dumps(answers))
"""


def closed_port() -> int:
    port = free_port()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
    return port


def test_database_down_is_503_json_with_no_secret():
    port = closed_port()
    result = run(
        ["-c", DATABASE_DOWN],
        **production_env(
            ALLOWED_HOSTS="testserver",
            DATABASE_URL=f"postgres://vitrine:db-password@127.0.0.1:{port}/vitrine_ops",
            VITRINE_TASKS_BACKEND="django.tasks.backends.immediate.ImmediateBackend",
        ),
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.splitlines()[-1])

    for name in ["healthz", "healthz_https"]:
        answer = answers[name]
        assert answer["status"] == 503, answer
        assert answer["type"] == "application/json"
        assert "no-store" in answer["cache"]
        body = json.loads(answer["body"])
        assert body["status"] == "failed"
        assert body["checks"]["database"] == {
            **body["checks"]["database"],
            "status": "failed",
            "detail": "OperationalError",
        }
        for secret in [str(port), "db-password", "vitrine_ops", "127.0.0.1"]:
            assert secret not in answer["body"]

    assert answers["page"]["status"] == 301  # SECURE_SSL_REDIRECT, which /healthz is exempt from
    assert answers["page_https"]["status"] == 503
    assert answers["page_https"]["type"].startswith("text/html")


# --- media on S3 (moto's server, as in tests/archive/test_s3_storage.py) --------------------


def test_a_remote_storage_that_answers_is_ok(client, bucket, worker):
    response, body = healthz(client)

    assert response.status_code == 200
    assert body["checks"]["storage"] == {**body["checks"]["storage"], "status": "ok"}
    assert body["checks"]["storage"]["detail"] == "S3Storage"


def test_a_remote_storage_that_does_not_answer_is_503(client, bucket, worker, settings):
    options = {**settings.STORAGES["default"]["OPTIONS"]}
    options["endpoint_url"] = f"http://127.0.0.1:{closed_port()}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": options},
    }
    response, body = healthz(client)

    assert response.status_code == 503
    assert body["checks"]["storage"]["status"] == "failed"
    assert body["checks"]["storage"]["detail"] == "EndpointConnectionError"
    assert "127.0.0.1" not in response.content.decode()
