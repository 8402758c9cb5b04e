"""Adding a framework is its web-layer folder, its catalog entry, its bare benchmark app and
its upgrade-test route (CONTRIBUTING.md, "Adding a framework"): no other file of the
template's code may name a framework by its catalog key, so nothing else needs an edit."""

from __future__ import annotations

import re
import subprocess
from fnmatch import fnmatch

from extensions.catalog import FRAMEWORKS
from tests.support.rendering import REPO_ROOT

# Where a framework's key belongs. The decision and validator tests, and the articles' use
# cases they read, hold named frameworks to the articles and the refusals: they test the
# rules, and a new framework needs no edit there.
ALLOWED = (
    "extensions/catalog.py",
    "template/src/{{package_name}}/{{web_layer.*}}/*",
    "benchmarks/bare_*.py",
    "tests/support/upgrades.py",
    "tests/test_decision.py",
    "extensions/use_cases.py",
    "tests/test_validators.py",
    "tests/test_framework_keys.py",
)
# Prose and data, where frameworks are named for readers: not code that must change.
NOT_CODE = ("*.md", "*.lock", "LICENSE")
# A key as a word of its own: a distribution such as drf-spectacular-sidecar is not one.
KEY_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, FRAMEWORKS)) + r")(?![\w-])")


def _files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    return [
        name
        for name in listed
        if name
        and (REPO_ROOT / name).is_file()
        and not any(fnmatch(name, pattern) for pattern in (*ALLOWED, *NOT_CODE))
    ]


def test_no_file_outside_a_framework_s_own_places_names_its_key() -> None:
    found = [
        f"{name}:{number}: {line.strip()}"
        for name in _files()
        for number, line in enumerate(
            (REPO_ROOT / name).read_text(errors="replace").splitlines(), 1
        )
        if KEY_PATTERN.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_check_reads_the_shared_code() -> None:
    files = _files()
    for shared in ("copier.yml", "tests/matrix.py", "template/tests/conftest.py.jinja"):
        assert shared in files
    assert KEY_PATTERN.search("uses flask here")
    assert KEY_PATTERN.search("fastapi.Depends")
    assert not KEY_PATTERN.search("drf-spectacular-sidecar")
