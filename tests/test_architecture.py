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


# --- one source of truth per schema (issue 16.4)


def test_every_csv_the_app_reads_is_described_by_a_table_schema():
    """data/datapackage.yaml states each CSV's columns, in the order the file has them."""
    from homefront.paths import DATA_FILES
    from homefront.table_schema import table_schema

    csvs = [name for name in DATA_FILES if name.endswith(".csv")]
    assert csvs
    for name in csvs:
        header = (ROOT / "data" / name).read_text(encoding="utf-8").splitlines()[0]
        assert table_schema(name).columns == header.split(","), name


def test_regional_leaves_cell_rules_to_the_table_schema():
    """No pattern or cell-shape check written again in code beside the descriptor's: the
    regional loader reads CSVs and adds only the named cross-table rules."""
    tree = ast.parse((ROOT / "homefront" / "regional.py").read_text(encoding="utf-8"))
    calls = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not calls & {"compile", "fullmatch", "match"}, calls & {"compile", "fullmatch", "match"}


def test_config_yaml_holds_settings_only():
    """Curated content (what the pages present from the records) lives in data/, where it
    is validated and described with the rest; config.yaml names no record."""
    from homefront.config import AppConfig

    assert not set(AppConfig.model_fields) & {"headline_figures", "phases", "briefing"}
