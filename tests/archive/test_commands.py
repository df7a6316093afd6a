"""Roles and the commands that set them up: setup_roles and ensure_curator."""

import io
import re
import stat

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

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


def test_roles_only_reach_the_archive_exhibits_and_imports():
    for group in setup_roles().values():
        labels = set(group.permissions.values_list("content_type__app_label", flat=True))
        assert labels <= {"archive", "exhibits", "transfer"}


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
    assert authenticate(username="curator", password=password) == user
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
    assert authenticate(username="curator", password=first) is not None


def test_a_lost_password_file_gets_a_new_password(password_file):
    old = password_in(run("ensure_curator", password_file=str(password_file)))
    password_file.unlink()

    new = password_in(run("ensure_curator", password_file=str(password_file)))

    assert new != old
    assert authenticate(username="curator", password=old) is None
    assert authenticate(username="curator", password=new) is not None


def test_ensure_curator_promotes_an_existing_user(password_file):
    user = factories.UserFactory(username="keeper", is_staff=False)

    password = password_in(
        run("ensure_curator", username="keeper", password_file=str(password_file))
    )

    user.refresh_from_db()
    assert user.is_staff
    assert user.groups.filter(name=CURATOR).exists()
    assert authenticate(username="keeper", password=password) == user


def test_ensure_curator_sets_up_the_roles(password_file):
    run("ensure_curator", password_file=str(password_file))

    assert set(Group.objects.values_list("name", flat=True)) == {CURATOR, EDITOR}
