"""Installs are reproducible: every package comes from a lock file, at one version, with its hashes."""

import configparser
import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def _setup_cfg():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config


def _requirements(text):
    return [Requirement(line) for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def _locked(name):
    """{package: version} from a lock file, checking that every entry carries hashes."""
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    locked = {}
    for entry in entries:
        match = LOCK_LINE.match(entry)
        assert match, f"{name}: not an exact pin: {entry.splitlines()[0]!r}"
        assert "--hash=sha256:" in entry, f"{name}: {match[1]} has no hash"
        locked[canonicalize_name(match[1])] = match[2]
    return locked


APP = _requirements(_setup_cfg()["options"]["install_requires"])
TEST = _requirements(_setup_cfg()["options.extras_require"]["test"])


@pytest.mark.parametrize("lock, requirements", [("app.txt", APP), ("test.txt", APP + TEST)], ids=["app", "test"])
def test_every_requirement_is_locked_at_a_version_it_allows(lock, requirements):
    """A package added to setup.cfg without running scripts/lock fails here, not on a new machine."""
    locked = _locked(lock)
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements/{lock}: run scripts/lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), \
            f"requirements/{lock} has {name} {locked[name]}, outside {requirement}: run scripts/lock"


def test_the_app_and_test_locks_agree():
    app, test = _locked("app.txt"), _locked("test.txt")
    assert {"pip", "setuptools", "wheel", "flask", "babel"} <= app.keys(), "the installer and build backend too"
    assert {name: version for name, version in test.items() if name in app} == app


def test_bootstrap_installs_only_from_the_lock():
    bootstrap = (ROOT / "scripts" / "bootstrap").read_text(encoding="utf-8")
    assert "--require-hashes" in bootstrap and "requirements/test.txt" in bootstrap
    assert "--no-deps" in bootstrap, "fgc itself adds nothing the lock does not hold"
    assert "--upgrade" not in bootstrap, "nothing is taken at whatever version is newest today"
