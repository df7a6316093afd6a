"""The apps import in layers (docs/architecture.md): scripts/check_layers.py reads every import of
the project's apps and finds none that goes upwards or sideways, no cycle between apps, and no
import of project code tucked inside a function to dodge one."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_layers.py"


def load_checker():
    spec = importlib.util.spec_from_file_location("check_layers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_app_imports_upwards_or_inside_a_function():
    assert load_checker().problems() == []


def test_the_app_graph_has_no_cycle():
    checker = load_checker()
    assert checker.cycles(checker.app_graph()) == []


def test_archive_imports_no_other_project_app():
    assert load_checker().app_graph()["archive"] == set()


def test_the_checker_finds_an_upward_import_a_cycle_and_a_deferred_import(tmp_path, monkeypatch):
    """The check can fail: a planted archive -> public import, inside a function, is reported."""
    checker = load_checker()
    for app in checker.APPS:
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").write_text("")
    (tmp_path / "public" / "views.py").write_text("from archive import models\n")
    (tmp_path / "archive" / "models.py").write_text("def f():\n    from public import views\n")
    monkeypatch.setattr(checker, "ROOT", tmp_path)
    found = checker.problems()
    assert any("archive imports public, which is not below it" in line for line in found)
    assert any("public imported inside f()" in line for line in found)
    assert checker.cycles(checker.app_graph()) == [["archive", "public", "archive"]]
