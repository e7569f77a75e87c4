"""Serve plotly.js from the installed plotly package as `vendor/plotly/plotly.min.js`.

The package ships the file; a finder exposes just that one file (not the package's data sets
and templates next to it), so nothing comes from a CDN and `collectstatic` copies it.
"""

from __future__ import annotations

import os

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor/plotly"
NAME = "plotly.min.js"


def _directory() -> str:
    import plotly

    return os.path.join(os.path.dirname(plotly.__file__), "package_data")


class PlotlyFinder(BaseFinder):
    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        find_all = find_all or kwargs.get("all", False)
        if path == f"{PREFIX}/{NAME}":
            found = os.path.join(_directory(), NAME)
            return [found] if find_all else found
        return [] if find_all else ""

    def list(self, ignore_patterns):
        storage = FileSystemStorage(location=_directory())
        storage.prefix = PREFIX
        yield NAME, storage
