"""deploy/'s systemd units pass `systemd-analyze verify`, are hardened, and run what they say.

The units name the installed paths (/srv/vitrine); the test renders them with this checkout and
its virtualenv in their place, since `verify` wants every ExecStart program to exist.
"""

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from gunicorn.config import Config

from transfer.management.commands.run_worker import Command as RunWorker

DEPLOY = Path(settings.BASE_DIR) / "deploy"
INSTALLED = "/srv/vitrine"
UNITS = ["vitrine-web.service", "vitrine-worker.service", "vitrine.target"]
SERVICES = UNITS[:2]
SYSTEMD_ANALYZE = shutil.which("systemd-analyze") or "/usr/bin/systemd-analyze"

needs_systemd_analyze = pytest.mark.skipif(
    not Path(SYSTEMD_ANALYZE).exists(), reason="systemd-analyze is not installed here"
)


def render(target: Path, root: str = str(settings.BASE_DIR)) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in UNITS:
        path = target / name
        path.write_text((DEPLOY / name).read_text().replace(INSTALLED, root))
        paths.append(path)
    return paths


def analyze(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (fixed arguments)
        [SYSTEMD_ANALYZE, *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def directives(name: str) -> dict[str, list[str]]:
    """Each key of a unit file and its values (continued lines joined)."""
    found: dict[str, list[str]] = {}
    text = (DEPLOY / name).read_text().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key, []).append(value)
    return found


@needs_systemd_analyze
def test_the_units_pass_systemd_analyze_verify_without_a_word(tmp_path):
    paths = render(tmp_path)
    result = analyze("verify", *[f"./{path.name}" for path in paths], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout + result.stderr == ""  # not even a warning (unknown keys are warnings)


@needs_systemd_analyze
def test_verify_would_catch_a_broken_unit(tmp_path):
    """The check above can fail: a program that is not there, or a misspelt key."""
    render(tmp_path / "nowhere", root="/nonexistent/vitrine")
    result = analyze("verify", "./vitrine-worker.service", cwd=tmp_path / "nowhere")
    assert result.returncode != 0 and "is not executable" in result.stderr
    [worker] = [p for p in render(tmp_path / "typo") if p.name == "vitrine-worker.service"]
    worker.write_text(worker.read_text().replace("RestartSec=", "RestartSecs="))
    result = analyze("verify", "./vitrine-worker.service", cwd=tmp_path / "typo")
    assert "Unknown key 'RestartSecs'" in result.stderr


@needs_systemd_analyze
def test_the_services_are_hardened(tmp_path):
    render(tmp_path)
    for name in SERVICES:
        # "Exposure" from 0 (locked down) to 10 (none of systemd's sandboxing): at most 2.
        result = analyze("security", "--offline=yes", "--threshold=20", f"./{name}", cwd=tmp_path)
        assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_restarts_runs_as_its_own_user_and_writes_only_var_and_media(name):
    unit = directives(name)
    assert unit["Restart"] == ["always"]
    assert int(unit["RestartSec"][0]) > 0
    assert unit["User"] == ["vitrine"] and unit["Group"] == ["vitrine"]
    assert unit["EnvironmentFile"] == ["/etc/vitrine/vitrine.env"]
    assert "DEBUG=0" in unit["Environment"][0].split()  # even if the file forgets it
    assert unit["WorkingDirectory"] == [INSTALLED]
    assert unit["NoNewPrivileges"] == ["yes"]
    assert unit["ProtectSystem"] == ["strict"]
    assert unit["ReadWritePaths"] == [f"{INSTALLED}/var {INSTALLED}/media"]
    assert unit["PrivateTmp"] == ["yes"]
    assert unit["PartOf"] == ["vitrine.target"]
    assert unit["WantedBy"] == ["vitrine.target"]


def test_the_worker_service_runs_run_worker_with_options_it_accepts():
    unit = directives("vitrine-worker.service")
    program, manage, command, *options = shlex.split(unit["ExecStart"][0])
    assert (program, manage, command) == (
        f"{INSTALLED}/.venv/bin/python",
        f"{INSTALLED}/manage.py",
        "run_worker",
    )
    parsed = RunWorker().create_parser("manage.py", "run_worker").parse_args(options)
    assert (parsed.reload, parsed.queue_name) == (False, "*")
    assert int(unit["TimeoutStopSec"][0]) >= 60  # time for a running import to finish
    assert unit["StartLimitIntervalSec"] == ["0"]  # never gives up restarting


def test_the_web_service_runs_gunicorn_with_options_it_accepts():
    unit = directives("vitrine-web.service")
    program, *options = shlex.split(unit["ExecStart"][0])
    assert program == f"{INSTALLED}/.venv/bin/gunicorn"
    defaults = dict(item.split("=", 1) for item in unit["Environment"][0].split())
    options = [defaults.get(o[2:-1], o) if o.startswith("${") else o for o in options]
    parsed = Config().parser().parse_args(options)
    assert parsed.args == ["config.wsgi"]
    assert parsed.bind == ["unix:/run/vitrine-web/gunicorn.sock"] and parsed.workers == 2
    assert parsed.control_socket.startswith("/run/vitrine-web/")
    assert unit["RuntimeDirectory"] == ["vitrine-web"]
    assert unit["Type"] == ["notify"]  # gunicorn tells systemd when it is ready


def test_the_target_starts_both_and_the_environment_file_turns_debug_off():
    assert directives("vitrine.target")["Wants"] == ["vitrine-web.service vitrine-worker.service"]
    env = dict(
        line.split("=", 1)
        for line in (DEPLOY / "vitrine.env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert env["DEBUG"] == "0"
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["MEDIA_ROOT"] == f"{INSTALLED}/media"
