"""Where the overview's numbers come from, and whether each source has been built yet.

Indicator figures come only from the figures service of `reporting`; the rest from the apps'
own querysets, always through `visible_to`. An app whose models do not exist yet is reported as
not available, so the dashboard and the review report can say so plainly instead of failing.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache


@cache
def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def figures_function(name: str):
    """A function of `danvan.reporting.figures` by name (`figures`, `figures_by`, …), or None
    while the reports app has not landed."""
    if not has_module("danvan.reporting.figures"):
        return None
    return getattr(importlib.import_module("danvan.reporting.figures"), name)


def figures_service():
    """`figures`: one grouping of the figures."""
    return figures_function("figures")


def figures_by_service():
    """`figures_by`: several groupings at once."""
    return figures_function("figures_by")


def model(app_label: str, name: str):
    """A model of another app by name, or None while that app has no such model yet."""
    from django.apps import apps

    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None
