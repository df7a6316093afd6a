"""`manage.py benchmark_iiif_flood` works end to end with tiny numbers: it serves the project under
gunicorn, floods it, prints its lines and cleans up after itself. Its speed is not checked here.

It runs as its own process against a temporary SQLite database and media folder, because the
server it starts must see the photograph it stores (the test database of this process is not
reachable from another one on SQLite)."""

import os
import re
import sqlite3
import subprocess
import sys

from django.conf import settings

from tests.served import manage


def test_it_floods_a_served_site_and_prints_the_medians_and_ratios(tmp_path):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        VITRINE_BENCHMARKS="1",
    )
    manage(env, "migrate", "--noinput", "-v0")
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [
            *(sys.executable, "manage.py", "benchmark_iiif_flood"),
            *("--width", "300", "--height", "200", "--samples", "2", "--warm-up", "0.5"),
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"^idle +\d+\.\d$", output, re.MULTILINE), output
    for label in ("4 clients flooding from one address", "a new address a request"):
        line = re.search(rf"{label} +(\d+\.\d) +(\d+\.\d) +(\d+\.\d\d)$", output, re.MULTILINE)
        assert line, output
        median, p90, ratio = map(float, line.groups())
        assert median <= p90 and ratio > 0
    answers = re.findall(r"^  (\d+) flood requests in \d+ s: (.+)$", output, re.MULTILINE)
    assert len(answers) == 2, output
    for total, counts in answers:
        assert int(total) > 0
        # Every flood request got an answer the bounds allow: drawn, rate-limited or busy.
        assert set(re.findall(r"× (\S+?)(?:,|$)", counts)) <= {"200", "429", "503"}, counts
    with sqlite3.connect(tmp_path / "db.sqlite3") as database:
        left = database.execute(
            "SELECT count(*) FROM archive_photograph WHERE slug = 'bench-iiif-flood'"
        ).fetchone()
    assert left == (0,)
    assert not list((tmp_path / "media").rglob("*.jpg")), "its files were not deleted"
