"""Home Front's data model: schemas, loading, validation, queries and analysis, and in
homefront/charts/ every chart the app and the export draw.

Plain Python with no Streamlit, so scripts, tests and the command line share it.
"""
