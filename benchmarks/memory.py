"""Memory as the benchmarks count it: a process tree's RSS, and what one object holds.

From /proc, since psutil is not among the project's requirements (Linux only, as is the
rest of the benchmark setup).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from types import FunctionType, ModuleType

import pandas as pd

PROC = Path("/proc")


def status_mb(field: str, pid: int | str = "self") -> float:
    """A memory line of /proc/PID/status (VmRSS now, VmHWM at its peak) in MiB."""
    for line in (PROC / str(pid) / "status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def descendants(pid: int) -> list[int]:
    """pid and every process below it (a server may start helpers)."""
    children: dict[int, list[int]] = {}
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def tree_rss_mb(pid: int) -> float:
    """RSS of pid and its descendants, in MiB."""
    return sum(status_mb("VmRSS", p) for p in descendants(pid))


def deep_size(root: object) -> int:
    """Bytes held by root and everything it references, each object once.

    Classes, modules and functions are shared with the rest of the process and left out; a
    DataFrame counts its memory_usage(deep=True) (its object columns' strings included).
    tracemalloc would give much the same, but tracing slows a load severalfold.
    """
    seen: set[int] = set()
    stack = [root]
    total = 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type | ModuleType | FunctionType):
            continue
        seen.add(id(obj))
        if isinstance(obj, pd.DataFrame):
            total += int(obj.memory_usage(deep=True, index=True).sum())
            continue
        total += sys.getsizeof(obj)
        stack.extend(gc.get_referents(obj))
    return total
