"""Comparison across letters: the catalogue of prohibited acts, matching, scope, lineage, cited instruments, findings and the report.

This stage reads letters (pydantic records), not tables: the corpus hands it the effective records and stores
the findings it returns."""

import sys
import types


class _Stage(types.ModuleType):
    """``edaran.compare`` names this package, and called it runs the comparison (``edaran.compare(letters)``,
    :func:`.comparison.compare`): importing any module of the package binds the package to that name,
    so a function of the same name could not keep it."""

    def __call__(self, *args, **kwargs):
        from .comparison import compare

        return compare(*args, **kwargs)


sys.modules[__name__].__class__ = _Stage
