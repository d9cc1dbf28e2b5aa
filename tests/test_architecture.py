"""The one-way flow, checked on the source: homefront/ and scripts/ never reach the UI layer.

data/ -> homefront/ -> components/ -> pages (app_pages/) -> app.py. Only the UI layer may
import Streamlit; components/ never imports a page; homefront/paths.py is a leaf.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the page folder is app_pages/ (named pages/ in earlier layouts); app.py is the entry file
PAGE_PACKAGES = {"app_pages", "pages", "app"}
UI_PACKAGES = {"streamlit", "components"} | PAGE_PACKAGES


def sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module a file imports, absolute names; relative imports resolved from the path."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = path.relative_to(root).parent.parts
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            module = ".".join((*base, *([node.module] if node.module else [])))
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def top_levels(path: Path, root: Path = ROOT) -> set[str]:
    return {name.split(".")[0] for name in imported_modules(path, root) if name}


def label(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_walk_finds_the_package():
    names = {p.name for p in sources("homefront")}
    assert {"paths.py", "schemas.py", "queries.py", "__main__.py"} <= names


def test_imported_modules_sees_every_form_of_import(tmp_path):
    path = tmp_path / "homefront" / "sample.py"
    path.parent.mkdir()
    path.write_text(
        "import streamlit as st\n"
        "import os, pages.data\n"
        "from components.text import escape_md\n"
        "from . import paths\n"
        "from .schemas import Event\n"
        "def later():\n"
        "    import plotly.express as px\n",
        encoding="utf-8",
    )
    assert top_levels(path, tmp_path) == {
        "streamlit",
        "os",
        "pages",
        "components",
        "homefront",
        "plotly",
    }
    assert "homefront.paths" in imported_modules(path, tmp_path)


@pytest.mark.parametrize("path", sources("homefront") + sources("scripts"), ids=label)
def test_data_code_never_imports_the_ui(path):
    assert not top_levels(path) & UI_PACKAGES, f"{label(path)} imports the UI layer"


@pytest.mark.parametrize("path", sources("components"), ids=label)
def test_components_never_import_pages(path):
    assert not top_levels(path) & PAGE_PACKAGES, f"{label(path)} imports a page"


def test_paths_is_a_leaf_module():
    assert "homefront" not in top_levels(ROOT / "homefront" / "paths.py")


UI_SOURCES = sources("app_pages") + sources("components") + [ROOT / "app.py"]


@pytest.mark.parametrize("path", UI_SOURCES, ids=label)
def test_caches_are_made_in_one_place(path):
    """Streamlit caches are made in components/cached.py, and the views shared between
    sessions, whose arguments are their keys, are in components/views.py: a page or another
    component that cached by hand could key a view by less than it draws from."""
    text = path.read_text(encoding="utf-8")
    if path.name != "cached.py":
        assert "st.cache_" not in text, f"{label(path)} makes a Streamlit cache"
    if path.name != "views.py":
        assert "@shared" not in text and "cached.shared" not in text, f"{label(path)}"
