"""Where every benchmark writes its numbers, and which machine they came from.

One JSON file per benchmark in benchmarks/results/, read back by benchmarks.summary.
"""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).parent / "results"


def write_result(name: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Write results/<name>.json: the machine first, then the benchmark's own fields."""
    machine = f"{platform.node()} {platform.machine()} Python {platform.python_version()}"
    result = {"machine": machine, **fields}
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    return result
