"""Run by `copier update` in the updated project (copier.yml, `_migrations`).

A release that changes the project's pinned dependencies conflicts with a dependency the
user added next to them: `git merge-file` sees two insertions at one place and keeps
both between conflict markers. Where both sides of such a conflict in `pyproject.toml`
are only requirement lines, and no package is named on both sides with different
specifiers, the answer is the two lists together, so this resolves it. Any other conflict,
a package pinned differently on each side among them, is left for the user to decide.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PYPROJECT = Path("pyproject.toml")
CONFLICT = re.compile(
    r"^<<<<<<< before updating\n(?P<ours>(?:.*\n)*?)"
    r"=======\n(?P<theirs>(?:.*\n)*?)"
    r">>>>>>> after updating\n",
    re.MULTILINE,
)
REQUIREMENT_LINE = re.compile(r'^\s*"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)[^"]*",\s*$')


def _package(line: str) -> str | None:
    match = REQUIREMENT_LINE.match(line)
    return re.sub(r"[-_.]+", "-", match["name"]).lower() if match else None


def _union(ours: str, theirs: str) -> str | None:
    """The template's requirement lines, then the user's that name other packages; None
    unless every line is a requirement and a package pinned on both sides agrees."""
    template_lines, user_lines = theirs.splitlines(), ours.splitlines()
    pinned = {}
    for line in template_lines:
        name = _package(line)
        if name is None:
            return None
        pinned[name] = line.strip()
    kept = []
    for line in user_lines:
        name = _package(line)
        if name is None or (name in pinned and pinned[name] != line.strip()):
            return None
        if name not in pinned:
            kept.append(line)
    return "".join(f"{line}\n" for line in [*template_lines, *kept])


def merge(text: str) -> str:
    def resolve(conflict: re.Match[str]) -> str:
        union = _union(conflict["ours"], conflict["theirs"])
        return conflict[0] if union is None else union

    return CONFLICT.sub(resolve, text)


def main() -> int:
    if not PYPROJECT.is_file():
        return 0
    text = PYPROJECT.read_text()
    merged = merge(text)
    if merged == text:
        return 0
    PYPROJECT.write_text(merged)
    if not CONFLICT.search(merged):
        # Copier recorded the file as unmerged in git's index; with no conflict left it is
        # an ordinary unstaged change, like every other file the update touched.
        subprocess.run(["git", "reset", "-q", "--", str(PYPROJECT)], check=False)
    print(f"{PYPROJECT}: the template's and your dependencies were both kept", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
