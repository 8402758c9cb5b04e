"""The bare benchmark apps, found by their files: `benchmarks/bare_<key>.py`, one per
catalog key, each declaring in module-level literal constants what the scripts need of it:

- `BASELINE` (bench.py): the server it runs under and the generated service's target ratio;
- `SERVER_CANDIDATES` (servers.py): which of its applications the candidate servers load;
- `LAMBDA` (cold_import.py): the one-route app behind the framework's Lambda adapter, and
  the layers the generated handler adds on top.

The constants are read from the source with `ast.literal_eval`, never imported: the
frameworks are installed in the generated projects' environments, not in this one.
"""

from __future__ import annotations

import ast
from pathlib import Path

from extensions.catalog import FRAMEWORKS

BENCHMARKS = Path(__file__).resolve().parent
PREFIX = "bare_"


def module_name(key: str) -> str:
    """The bare app's module in benchmarks/, as a server's `module:attribute` names it."""
    return f"{PREFIX}{key}"


def bare_app_path(key: str) -> Path:
    return BENCHMARKS / f"{module_name(key)}.py"


def bare_app_keys() -> list[str]:
    """The framework keys with a bare app, in catalog order."""
    keys = {path.stem.removeprefix(PREFIX) for path in BENCHMARKS.glob(f"{PREFIX}*.py")}
    unknown = keys - FRAMEWORKS.keys()
    if unknown:
        raise SystemExit(f"bare apps named after no catalog key: {sorted(unknown)}")
    return [key for key in FRAMEWORKS if key in keys]


def declared(constant: str) -> dict[str, object]:
    """`constant`'s value in each bare app that assigns it, keyed by framework, in catalog
    order."""
    found = {}
    for key in bare_app_keys():
        path = bare_app_path(key)
        for statement in ast.parse(path.read_text(), str(path)).body:
            if (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and statement.targets[0].id == constant
            ):
                try:
                    found[key] = ast.literal_eval(statement.value)
                except ValueError:
                    where = f"{path}:{statement.lineno}"
                    raise SystemExit(f"{where}: {constant} must be a plain literal") from None
    return found
