"""Every chart the app draws, built here and only here: Plotly figures, the pydeck map's
spec, chart HTML for the export, their colours and their wording.

Streamlit-free, so the offline briefing export draws what the pages draw and each figure is
unit tested; components/ only places these figures with st.*. theme.py holds the look they
share (fonts, palettes, chart config); text.py the one escape every data string passes
through before Plotly reads it. Domain rules (which claims, which regions, which counts)
live outside, in homefront/, and are imported here, never the other way round.
"""
