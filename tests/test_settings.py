"""Settings from the environment, checked in a fresh interpreter with a clean environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.VITRINE_IMAGE_MAX_BYTES, "
    "settings.DATABASES['default']['ENGINE'], settings.SECURE_SSL_REDIRECT, sep='|')"
)


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run Python in the project with only the given variables (plus PATH) set."""
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **env,
    }
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_env(**overrides: str) -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "archive.example.org",
        **overrides,
    }


def test_debug_off_without_a_secret_key_is_an_error():
    result = run(["-c", PRINT_SETTINGS], DEBUG="0")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_debug_off_with_an_empty_secret_key_is_an_error():
    result = run(["-c", PRINT_SETTINGS], DEBUG="false", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_a_real_key_and_hosts():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production_env())

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


PRINT_WARNINGS = (
    "import django; from django.core import checks; django.setup(); "
    "print(sorted({(m.id, m.obj._meta.label if hasattr(m.obj, '_meta') else str(m.obj)) "
    "for m in checks.run_checks(include_deployment_checks=True) "
    "if m.level >= checks.WARNING}))"
)


def test_the_only_silenced_warning_is_sqlite_ignoring_the_covering_index():
    """SQLite has no INCLUDE: Django warns that the search index's covering index keeps only its
    key columns there. That, and nothing else, is silenced."""
    result = run(["-c", PRINT_WARNINGS], **production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[('models.W040', 'search.SearchEntry')]"
    settings = run(
        [
            "-c",
            "import django; from django.conf import settings; django.setup(); "
            "print(settings.SILENCED_SYSTEM_CHECKS)",
        ],
        **production_env(),
    )
    assert settings.stdout.strip() == "['models.W040']"
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "security.W" not in result.stdout + result.stderr


def test_check_deploy_warns_about_a_weak_key():
    # The opposite case shows that the clean run above really ran the deploy checks.
    result = run(
        ["manage.py", "check", "--deploy"], **production_env(SECRET_KEY="django-insecure-short")
    )

    assert "security.W009" in result.stderr + result.stdout


def test_production_settings_come_from_the_environment():
    result = run(
        ["-c", PRINT_SETTINGS],
        **production_env(
            ALLOWED_HOSTS="archive.example.org, www.example.org",
            VITRINE_IMAGE_MAX_BYTES="1234",
            DATABASE_URL="postgres://vitrine@db.example.org:5432/vitrine",
        ),
    )

    assert result.returncode == 0, result.stderr
    debug, hosts, max_bytes, engine, ssl_redirect = result.stdout.strip().split("|")
    assert debug == "False"
    assert hosts == "['archive.example.org', 'www.example.org']"
    assert max_bytes == "1234"
    assert engine == "django.db.backends.postgresql"
    assert ssl_redirect == "True"


def test_development_defaults_need_no_environment():
    result = run(["-c", PRINT_SETTINGS])

    assert result.returncode == 0, result.stderr
    debug, hosts, _, engine, _ = result.stdout.strip().split("|")
    assert debug == "True"
    assert "localhost" in hosts
    assert engine == "django.db.backends.sqlite3"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be a boolean"),
        ("VITRINE_IMAGE_MAX_BYTES", "50MB", "VITRINE_IMAGE_MAX_BYTES must be an integer"),
        ("OAI_PAGE_SIZE", "0", "OAI_PAGE_SIZE and OAI_TOKEN_LIFETIME must be at least 1"),
        ("OAI_TOKEN_LIFETIME", "ten", "OAI_TOKEN_LIFETIME must be an integer"),
        ("VITRINE_STORAGE", "ftp", "VITRINE_STORAGE must be local or s3"),
        ("VITRINE_STORAGE", "s3", "AWS_STORAGE_BUCKET_NAME must be set"),
        ("VITRINE_LOGIN_FAILURE_LIMIT", "0", "VITRINE_LOGIN_FAILURE_LIMIT must be at least 1"),
        ("VITRINE_LOGIN_FAILURE_LIMIT", "five", "VITRINE_LOGIN_FAILURE_LIMIT must be an integer"),
        ("VITRINE_LOGIN_COOLOFF_MINUTES", "-1", "VITRINE_LOGIN_COOLOFF_MINUTES must be at least 0"),
        ("IIIF_MAX_UPSCALE", "0", "IIIF_MAX_UPSCALE and IIIF_RATE_LIMIT_PERIOD must be at least 1"),
        ("IIIF_RATE_LIMIT_PERIOD", "0", "IIIF_MAX_UPSCALE and IIIF_RATE_LIMIT_PERIOD must be at"),
        ("IIIF_RENDER_SLOTS", "-1", "IIIF_RENDER_SLOTS, IIIF_RENDER_WAIT_MS and IIIF_RATE_LIMIT"),
        ("IIIF_RATE_LIMIT_RENDERS", "-5", "IIIF_RENDER_SLOTS, IIIF_RENDER_WAIT_MS and IIIF_RATE_"),
        ("IIIF_RENDER_WAIT_MS", "soon", "IIIF_RENDER_WAIT_MS must be an integer"),
    ],
)
def test_malformed_values_are_errors(name, value, message):
    result = run(["-c", PRINT_SETTINGS], **{name: value})

    assert result.returncode != 0
    assert message in result.stderr


def test_s3_media_storage_comes_from_the_environment():
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, "
        "s.endpoint_url, s.region_name, s.default_acl, s.querystring_auth, s.file_overwrite, "
        "sep='|')"
    )
    result = run(
        ["-c", code],
        VITRINE_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="vitrine-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_S3_REGION_NAME="eu-central-1",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|") == [
        "S3Storage",
        "vitrine-media",
        "http://127.0.0.1:9000",
        "eu-central-1",
        "private",
        "True",
        "False",
    ]


# The s3 extra (boto3, django-storages) not installed: importing either fails, as it would.
WITHOUT_S3_EXTRA = "import sys; sys.modules['boto3'] = sys.modules['storages'] = None; "


def test_s3_storage_without_the_s3_extra_says_what_to_install():
    result = run(
        ["-c", WITHOUT_S3_EXTRA + PRINT_SETTINGS],
        VITRINE_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="vitrine-media",
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert (
        "VITRINE_STORAGE=s3 needs boto3 and storages, which this installation lacks: "
        'install Vitrine with its s3 extra (pip install ".[s3]").'
    ) in result.stderr


def test_local_storage_needs_no_s3_extra():
    """The default install has no boto3: the settings, every URLconf and the default storage
    load without it."""
    code = WITHOUT_S3_EXTRA + (
        "import django; django.setup(); import config.urls; "
        "from django.core.files.storage import storages; "
        "print(type(storages['default']).__name__)"
    )
    result = run(["-c", code])

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "FileSystemStorage"


PRINT_LOGIN_THROTTLE = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME, "
    "settings.AXES_LOCKOUT_PARAMETERS, settings.AXES_RESET_ON_SUCCESS, "
    "settings.AUTHENTICATION_BACKENDS[0], settings.MIDDLEWARE[-1], "
    "getattr(settings, 'AXES_CLIENT_IP_CALLABLE', None), sep='|')"
)


def test_login_throttling_comes_from_the_environment():
    default = run(["-c", PRINT_LOGIN_THROTTLE]).stdout.strip().split("|")
    assert default == [
        "5",
        "0:15:00",
        "[['username', 'ip_address']]",
        "True",
        "axes.backends.AxesStandaloneBackend",
        "axes.middleware.AxesMiddleware",
        "None",
    ]

    result = run(
        ["-c", PRINT_LOGIN_THROTTLE],
        **production_env(
            VITRINE_LOGIN_FAILURE_LIMIT="3", VITRINE_LOGIN_COOLOFF_MINUTES="0", BEHIND_PROXY="1"
        ),
    )
    assert result.returncode == 0, result.stderr
    limit, cool_off, *_, client_ip = result.stdout.strip().split("|")
    assert (limit, cool_off) == ("3", "None")  # no cool-off: locked until a Curator clears it
    assert client_ip == "archive.admin.lockout.forwarded_client_address"


PRINT_APPS = (
    "import django; from django.apps import apps; django.setup(); "
    "print(apps.is_installed('benchmarks'))"
)


def test_production_settings_leave_the_development_tools_out():
    assert run(["-c", PRINT_APPS], **production_env()).stdout.strip() == "False"
    assert run(["-c", PRINT_APPS], DEBUG="1").stdout.strip() == "True"


def test_the_development_tools_can_be_installed_with_debug_off_or_left_out_with_it_on():
    with_tools = run(["-c", PRINT_APPS], **production_env(VITRINE_BENCHMARKS="1"))
    assert with_tools.stdout.strip() == "True", with_tools.stderr
    assert run(["-c", PRINT_APPS], DEBUG="1", VITRINE_BENCHMARKS="0").stdout.strip() == "False"
