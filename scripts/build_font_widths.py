"""Build homefront/charts/font_widths.json: how wide each character is in the charts' fonts.

Plotly sizes a chart's margins to its axis labels by drawing the chart, measuring the labels
and drawing it all again (automargin); every chart a rerun changes was drawn twice. A chart
whose margins already fit its labels is drawn once (homefront/charts/margins.py), and sizing
them needs the labels' widths before the browser has them. This writes each character's
advance width, in thousandths of the font size, for the two families the charts use:

- `streamlit`: Source Sans, the font Streamlit's chart theme sets, shipped with Streamlit's
  frontend (the same on every machine), regular and bold;
- `sans-serif`: what a browser gives the timeline's and the briefing's charts, which varies
  by machine: Arial on Windows, Liberation Sans (Arial's metrics) in Chromium on Linux,
  Helvetica (within a few per cent of Arial) on a Mac; Liberation Sans is measured. A
  browser whose sans-serif is wider (Firefox on Debian: DejaVu Sans) draws those charts
  twice, as every browser did before.

Usage:
    python scripts/build_font_widths.py [--output homefront/charts/font_widths.json]

Needs Pillow (Streamlit's own dependency) and Debian's fonts-liberation; run again after
Streamlit changes its font.
"""

from __future__ import annotations

import argparse
import json
from importlib.metadata import distribution
from pathlib import Path

from PIL import ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "homefront" / "charts" / "font_widths.json"
UNITS = 1000  # widths in thousandths of the font size
# the characters labels use: ASCII, Latin-1, general punctuation, Cyrillic
CHARACTERS = "".join(
    chr(c)
    for block in ((0x20, 0x7F), (0xA0, 0x100), (0x2010, 0x2027), (0x400, 0x460))
    for c in range(*block)
)
SYSTEM_FONTS = Path("/usr/share/fonts/truetype")
SANS = {
    "regular": "liberation/LiberationSans-Regular.ttf",
    "bold": "liberation/LiberationSans-Bold.ttf",
}


def source_sans(weight: str) -> ImageFont.FreeTypeFont:
    """Streamlit's Source Sans (a variable font) at the named weight."""
    # found through the installed package's files: a script never imports the UI layer
    media = Path(distribution("streamlit").locate_file("streamlit/static/static/media"))
    path = next(media.glob("SourceSansVF-Upright*.woff2"))
    font = ImageFont.truetype(str(path), UNITS)
    font.set_variation_by_name(weight.capitalize())
    return font


def widths(font: ImageFont.FreeTypeFont) -> dict[str, int]:
    """Each character's advance, rounded up."""
    return {ch: -int(-font.getlength(ch) // 1) for ch in CHARACTERS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    table = {
        "streamlit": {w: widths(source_sans(w)) for w in ("regular", "bold")},
        "sans-serif": {
            w: widths(ImageFont.truetype(str(SYSTEM_FONTS / f), UNITS)) for w, f in SANS.items()
        },
    }
    args.output.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {args.output} ({len(CHARACTERS)} characters, 2 families, 2 weights)")


if __name__ == "__main__":
    main()
