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


# ---- link state: one module reads a link, one component reads and writes the URL ----------

PAGE_STATE = ROOT / "components" / "page_state.py"
LINKS = ROOT / "homefront" / "links.py"
UI_FILES = sources("app_pages") + sources("components") + [ROOT / "app.py"]


def url_uses(path: Path) -> list[int]:
    """Lines where a file touches the URL: `query_params` (st.query_params, or any alias of
    it) or a widget bound to it (`bind=`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr == "query_params")
        or (isinstance(node, ast.Name) and node.id == "query_params")
        or (isinstance(node, ast.alias) and node.name.endswith("query_params"))
        or (isinstance(node, ast.keyword) and node.arg == "bind")
    )


def test_url_uses_finds_every_form(tmp_path):
    path = tmp_path / "page.py"
    path.write_text(
        "import streamlit as st\n"
        "from streamlit import query_params\n"
        "a = st.query_params.get('x')\n"
        "b = query_params['y']\n"
        "c = getattr(st, 'session_state')\n"
        "st.pills('Tags', ['a'], key='tag', bind='query-params')\n",
        encoding="utf-8",
    )
    assert url_uses(path) == [2, 3, 4, 6]


@pytest.mark.parametrize("path", [p for p in UI_FILES if p != PAGE_STATE], ids=label)
def test_only_the_page_state_component_touches_the_url(path):
    """A page or component reads its link through components/page_state.py (seed once,
    notices, kept across page switches, published): a second reader, or a widget bound with
    `bind="query-params"` (which drops a bad value silently), would skip the notices."""
    assert not url_uses(path), f"{label(path)} lines {url_uses(path)} read or write the URL"


def test_the_page_state_component_is_the_one_that_does():
    assert url_uses(PAGE_STATE)


@pytest.mark.parametrize(
    "path", [p for p in sources("homefront") + UI_FILES if p != LINKS], ids=label
)
def test_link_parameters_are_read_in_one_module(path):
    """Every notice about a link's parameter is written by homefront/links.py, where each
    parameter's name, parser and formatter live."""
    assert "Link parameter" not in path.read_text(encoding="utf-8"), label(path)


# ---- charts have one home: homefront/charts/ ---------------------------------------------

CHARTS = ROOT / "homefront" / "charts"
# the modules whose calls build a chart: a Plotly figure or trace, a subplot grid, a deck
CHART_MODULES = {"plotly.graph_objects", "plotly.express", "plotly.subplots", "pydeck"}


def chart_building_calls(path: Path) -> list[str]:
    """'line 12: go.Figure(' for each call into a chart-building module (go.Figure(...),
    go.Scatter(...), make_subplots(...), pdk.Deck(...), pdk.Layer(...), pdk.types.String(...)).

    Naming a class of those modules (a type hint, a base class) builds nothing and is allowed.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    aliases: dict[str, str] = {}  # local name -> the chart module it is, or a name from it
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in CHART_MODULES:
                    aliases[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module in CHART_MODULES:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        root = node.func
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name) and root.id in aliases:
            found.append((node.lineno, node.col_offset, ast.unparse(node.func)))
    return [f"line {line}: {call}(" for line, _, call in sorted(found)]


def outside_charts() -> list[Path]:
    everything = [ROOT / "app.py", *sources("app_pages"), *sources("components")]
    everything += sources("homefront") + sources("scripts")
    return [p for p in everything if CHARTS not in p.parents]


def test_chart_building_calls_sees_every_form(tmp_path):
    path = tmp_path / "sample.py"
    path.write_text(
        "import plotly.graph_objects as go\n"
        "import pydeck as pdk\n"
        "from plotly.subplots import make_subplots\n"
        "def f(chart: go.Figure) -> None:\n"
        "    go.Figure(go.Bar(x=[1]))\n"
        "    pdk.Deck(layers=[pdk.Layer('TextLayer')])\n"
        "    make_subplots(rows=2)\n"
        "    chart.update_layout(height=3)\n",
        encoding="utf-8",
    )
    assert chart_building_calls(path) == [
        "line 5: go.Figure(",
        "line 5: go.Bar(",
        "line 6: pdk.Deck(",
        "line 6: pdk.Layer(",
        "line 7: make_subplots(",
    ]


@pytest.mark.parametrize("path", outside_charts(), ids=label)
def test_charts_are_built_only_in_homefront_charts(path):
    """Figures, traces and decks come from homefront/charts/; components and pages place them."""
    calls = chart_building_calls(path)
    assert not calls, f"{label(path)} builds a chart outside homefront/charts/: {calls}"


@pytest.mark.parametrize("path", sorted(CHARTS.rglob("*.py")), ids=label)
def test_charts_never_import_streamlit(path):
    """The offline export draws these figures with no Streamlit running."""
    assert not top_levels(path) & UI_PACKAGES, f"{label(path)} imports the UI layer"


def homefront_imports(path: Path) -> set[Path]:
    """The homefront/ files a file imports, and the files they import, and so on."""
    seen: set[Path] = set()
    todo = [path]
    while todo:
        for name in imported_modules(todo.pop()):
            parts = name.split(".")
            if parts[0] != "homefront":
                continue
            module = ROOT.joinpath(*parts)
            for candidate in (module.with_suffix(".py"), module / "__init__.py"):
                if candidate.is_file() and candidate not in seen:
                    seen.add(candidate)
                    todo.append(candidate)
    return seen


def test_homefront_imports_follows_imports_of_imports():
    found = {label(p) for p in homefront_imports(ROOT / "homefront" / "briefing_export.py")}
    assert {"homefront/charts/timeline.py", "homefront/death_tolls.py"} <= found


def test_validation_imports_no_chart_code():
    """Checking the data needs no presentation: validation reaches nothing in homefront/charts."""
    reached = homefront_imports(ROOT / "homefront" / "validation.py")
    assert not [label(p) for p in reached if CHARTS in p.parents or p == CHARTS]


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


@pytest.mark.parametrize("path", UI_FILES, ids=label)
def test_caches_are_made_in_one_place(path):
    """Streamlit caches are made in components/cached.py, and the views shared between
    sessions, whose arguments are their keys, are in components/views.py: a page or another
    component that cached by hand could key a view by less than it draws from."""
    text = path.read_text(encoding="utf-8")
    if path.name != "cached.py":
        assert "st.cache_" not in text, f"{label(path)} makes a Streamlit cache"
    if path.name != "views.py":
        assert "@shared" not in text and "cached.shared" not in text, f"{label(path)}"
