"""Home Front's data model: schemas, loading, validation and queries.

Plain Python with no Streamlit, so scripts, tests and the command line share it.
"""
