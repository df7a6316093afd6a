"""Roles and the commands that set them up: setup_roles and ensure_curator."""

import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import RequestFactory

from archive.management.commands.ensure_curator import password_file_for
from archive.roles import CURATOR, EDITOR, setup_roles
from tests import factories

pytestmark = pytest.mark.django_db


def codenames(group: Group, app_label: str = "archive") -> set[str]:
    return set(
        group.permissions.filter(content_type__app_label=app_label).values_list(
            "codename", flat=True
        )
    )


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


# setup_roles -------------------------------------------------------------------------------


def test_setup_roles_creates_both_groups():
    output = run("setup_roles")

    curator, editor = Group.objects.get(name=CURATOR), Group.objects.get(name=EDITOR)
    assert f"Curator: {curator.permissions.count()} permissions" in output
    assert f"Editor: {editor.permissions.count()} permissions" in output
    assert editor.permissions.count() < curator.permissions.count()


def test_curator_has_every_archive_permission_including_publish():
    curator = setup_roles()[CURATOR]
    every = set(
        Permission.objects.filter(content_type__app_label="archive").values_list(
            "codename", flat=True
        )
    )

    assert codenames(curator) == every
    assert {"publish_person", "publish_document", "publish_photograph"} <= every
    assert {"publish_trial", "publish_event", "delete_person", "delete_source"} <= every


def test_curator_holds_the_exhibits_permissions_too():
    curator = setup_roles()[CURATOR]
    every = set(
        Permission.objects.filter(content_type__app_label="exhibits").values_list(
            "codename", flat=True
        )
    )

    assert codenames(curator, "exhibits") == every


def test_editor_may_add_change_and_view_but_not_delete_or_publish():
    editor = setup_roles()[EDITOR]
    names = codenames(editor)

    assert {"add_person", "change_person", "view_person", "change_source"} <= names
    assert not {name for name in names if name.startswith(("delete_", "publish_"))}
    for app in ("archive", "exhibits"):
        assert not any(name.startswith(("delete_", "publish_")) for name in codenames(editor, app))


def test_roles_only_reach_the_archive_exhibits_imports_and_curators_the_lock_outs():
    roles = setup_roles()
    for group in roles.values():
        labels = set(group.permissions.values_list("content_type__app_label", flat=True))
        assert labels <= {"archive", "exhibits", "transfer", "axes"}
    # Curators may view and clear login lock-outs, nothing more of axes; Editors nothing of it.
    assert codenames(roles[CURATOR], "axes") == {"view_accessattempt", "delete_accessattempt"}
    assert codenames(roles[EDITOR], "axes") == set()


def test_editor_user_permissions_follow_the_group(editor, curator):
    assert editor.has_perm("archive.change_document")
    assert not editor.has_perm("archive.publish_document")
    assert not editor.has_perm("archive.delete_document")
    assert curator.has_perm("archive.publish_document")
    assert curator.has_perm("archive.delete_document")


def test_setup_roles_is_idempotent():
    first = run("setup_roles")
    groups = {g.name: codenames(g) for g in Group.objects.all()}

    second = run("setup_roles")

    assert second == first
    assert Group.objects.count() == 2
    assert {g.name: codenames(g) for g in Group.objects.all()} == groups


def test_setup_roles_restores_a_tampered_group():
    editor = setup_roles()[EDITOR]
    editor.permissions.add(Permission.objects.get(codename="publish_person"))
    editor.permissions.remove(Permission.objects.get(codename="change_person"))

    setup_roles()

    assert "publish_person" not in codenames(editor)
    assert "change_person" in codenames(editor)


# ensure_curator ----------------------------------------------------------------------------


def logs_in(username: str, password: str):
    """authenticate() as the admin's login form calls it, with the request (which django-axes,
    the login throttle, needs); the user, or None."""
    request = RequestFactory().post("/admin/login/")
    return authenticate(request, username=username, password=password)


def password_in(output: str) -> str:
    match = re.search(r"password: (\S+)", output)
    assert match, output
    return match.group(1)


@pytest.fixture
def password_file(tmp_path):
    return tmp_path / "secrets" / "curator-password.txt"


def test_ensure_curator_creates_a_staff_curator_and_prints_the_password(password_file):
    output = run("ensure_curator", password_file=str(password_file))

    password = password_in(output)
    user = get_user_model().objects.get(username="curator")
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [CURATOR]
    assert user.has_perm("archive.publish_person")
    assert logs_in("curator", password) == user
    assert password_file.read_text().strip() == password
    assert str(password_file) in output
    assert "user: curator" in output


def test_the_password_file_is_private(password_file):
    run("ensure_curator", password_file=str(password_file))

    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600


def test_ensure_curator_run_twice_keeps_the_same_password(password_file):
    first = password_in(run("ensure_curator", password_file=str(password_file)))

    second = password_in(run("ensure_curator", password_file=str(password_file)))

    assert second == first
    assert get_user_model().objects.filter(username="curator").count() == 1
    assert logs_in("curator", first) is not None


def test_a_lost_password_file_gets_a_new_password(password_file):
    old = password_in(run("ensure_curator", password_file=str(password_file)))
    password_file.unlink()

    new = password_in(run("ensure_curator", password_file=str(password_file)))

    assert new != old
    assert logs_in("curator", old) is None
    assert logs_in("curator", new) is not None


def test_ensure_curator_promotes_an_existing_user(password_file):
    user = factories.UserFactory(username="keeper", is_staff=False)

    password = password_in(
        run("ensure_curator", username="keeper", password_file=str(password_file))
    )

    user.refresh_from_db()
    assert user.is_staff
    assert user.groups.filter(name=CURATOR).exists()
    assert logs_in("keeper", password) == user


def test_ensure_curator_sets_up_the_roles(password_file):
    run("ensure_curator", password_file=str(password_file))

    assert set(Group.objects.values_list("name", flat=True)) == {CURATOR, EDITOR}


# The password file belongs to its database ------------------------------------------------

SQLITE = "django.db.backends.sqlite3"
POSTGRESQL = "django.db.backends.postgresql"


def test_the_development_database_keeps_the_password_file_the_readme_names(tmp_path):
    development = {"ENGINE": SQLITE, "NAME": str(tmp_path / "db.sqlite3")}

    assert password_file_for(development, tmp_path) == tmp_path / "var" / "curator-password.txt"


def test_two_databases_get_two_password_files(tmp_path):
    first = {"ENGINE": POSTGRESQL, "NAME": "vitrine", "HOST": "127.0.0.1", "PORT": "5432"}
    databases = [
        first,
        {**first, "NAME": "vitrine_h1"},
        {**first, "HOST": "db.example.org"},  # the same name on another server
        {"ENGINE": SQLITE, "NAME": str(tmp_path / "copy.sqlite3")},
        {"ENGINE": SQLITE, "NAME": str(tmp_path / "db.sqlite3")},
    ]

    files = [password_file_for(database, tmp_path) for database in databases]

    assert len(set(files)) == len(databases)
    assert {file.parent for file in files} == {tmp_path / "var"}
    assert re.fullmatch(r"curator-password-vitrine-[0-9a-f]{8}\.txt", files[0].name)
    assert re.fullmatch(r"curator-password-vitrine_h1-[0-9a-f]{8}\.txt", files[1].name)
    assert re.fullmatch(r"curator-password-copy-[0-9a-f]{8}\.txt", files[3].name)
    # The same database always has the same file, whoever logs in to it.
    assert password_file_for({**first, "USER": "someone", "PASSWORD": "x"}, tmp_path) == files[0]


# Run in a fresh interpreter against the database DATABASE_URL names, with the project's var/
# moved to a temporary folder; prints the command's output and whether the password printed
# logs in to that database.
ENSURE_CURATOR = """
import io, re, sys
from pathlib import Path
import django
from django.conf import settings
django.setup()
settings.BASE_DIR = Path(sys.argv[1])
from django.contrib.auth import get_user_model
from django.core.management import call_command
call_command("migrate", "auth", verbosity=0)
out = io.StringIO()
call_command("ensure_curator", stdout=out)
print(out.getvalue().strip())
password = re.search(r"password: (\\S+)", out.getvalue()).group(1)
print("logs in:", get_user_model().objects.get(username="curator").check_password(password))
"""


def ensure_curator_in(base_dir: Path, database: Path) -> tuple[str, Path]:
    """Run ensure_curator against a SQLite database; its output and the password file named."""
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", ENSURE_CURATOR, str(base_dir)],
        cwd=Path(__file__).resolve().parents[2],
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{database}",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("logs in: True"), result.stdout
    match = re.search(r"kept in (\S+), for the database (\S+)\)", result.stdout)
    assert match, result.stdout
    assert match.group(2) == str(database)
    return result.stdout, Path(match.group(1))


def test_ensure_curator_against_a_second_database_keeps_the_first_ones_password(tmp_path):
    development = tmp_path / "db.sqlite3"
    second = tmp_path / "second.sqlite3"

    first_output, first_file = ensure_curator_in(tmp_path, development)
    first_password = password_in(first_output)
    second_output, second_file = ensure_curator_in(tmp_path, second)
    again_output, again_file = ensure_curator_in(tmp_path, development)

    assert first_file == tmp_path / "var" / "curator-password.txt"
    assert second_file.parent == tmp_path / "var"
    assert second_file.name.startswith("curator-password-second-")
    assert password_in(second_output) != first_password
    assert second_file.read_text().strip() == password_in(second_output)
    # The development database's password was not overwritten, and still logs in there.
    assert again_file == first_file
    assert password_in(again_output) == first_password
    assert first_file.read_text().strip() == first_password
