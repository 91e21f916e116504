"""Comparison across letters: the catalogue of prohibited acts, matching, scope, lineage, cited instruments,
findings and the report.

This stage reads letters (pydantic records), not tables: the corpus hands it the effective records and stores
the findings it returns.  :func:`edaran.compare` is :func:`.compare.compare`."""
