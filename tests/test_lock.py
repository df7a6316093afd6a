"""requirements.lock (`make lock`) matches pyproject.toml: every pinned dependency, of the
project and of its dev and s3 extras, is in the lock at the same version, and every package of the
lock carries hashes (`make install` installs it with pip's --require-hashes)."""

import re
import tomllib
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    pins = {}
    for requirement in [*project["dependencies"], *extras["dev"], *extras["s3"]]:
        match = PIN.fullmatch(requirement.split(";")[0].strip())
        assert match, f"pyproject.toml pins every dependency with ==, not {requirement!r}"
        pins[normalised(match.group(1))] = match.group(2)
    return pins


def locked() -> dict[str, tuple[str, list[str]]]:
    """Each locked package: its version and its hashes."""
    text = (BASE_DIR / "requirements.lock").read_text()
    packages = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = PIN.match(block)
        if match:
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
            packages[normalised(match.group(1))] = (match.group(2), hashes)
    return packages


def test_every_pin_of_pyproject_is_locked_at_its_version():
    lock = locked()
    stale = {
        name: (version, lock.get(name, ("missing",))[0])
        for name, version in pyproject_pins().items()
        if lock.get(name, (None,))[0] != version
    }
    assert not stale, f"run `make lock`: pyproject.toml and requirements.lock differ: {stale}"


def test_every_locked_package_has_hashes():
    lock = locked()
    assert len(lock) > 50
    assert not [name for name, (_, hashes) in lock.items() if not hashes]


def test_the_gpl_iiif_package_is_not_locked():
    assert "iiif" not in locked()
