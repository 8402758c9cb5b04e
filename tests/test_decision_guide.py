"""docs/decision-guide.md is what scripts/decision_guide.py writes from the questions,
the catalog, the weights and the use cases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_the_decision_guide_is_the_one_the_script_writes() -> None:
    checked = subprocess.run(
        [sys.executable, "scripts/decision_guide.py", "--check"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
