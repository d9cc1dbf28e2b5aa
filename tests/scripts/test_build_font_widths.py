"""scripts/build_font_widths.py: the committed widths are what the script measures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from homefront.charts.margins import WIDTHS_FILE
from homefront.paths import ROOT

FONTS = Path("/usr/share/fonts/truetype/liberation")


@pytest.mark.skipif(
    not (FONTS / "LiberationSans-Regular.ttf").exists(),
    reason=f"Liberation Sans not installed at {FONTS} (Debian's fonts-liberation)",
)
def test_the_committed_widths_are_what_the_script_measures(tmp_path):
    output = tmp_path / "font_widths.json"
    subprocess.run(
        [sys.executable, "scripts/build_font_widths.py", "--output", output],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert output.read_text(encoding="utf-8") == WIDTHS_FILE.read_text(encoding="utf-8")
