"""Counts from the registers (models, training, conferences, situations) and the reporting
completeness, each through its app's `visible_to`. A register that has not been built yet
answers None, and the pages say that its data is not available yet."""

from __future__ import annotations


def counts(scope, user=None) -> dict:
    return {
        "practices": None,
        "training": None,
        "meetings": None,
        "situations": None,
    }


def completeness(scope, user=None) -> dict | None:
    return None


def program_items(period, organization=None) -> list[str] | None:
    """The titles of the tasks of the program (or plan) covering `period`, or None while there
    is none (or the planning app has not landed)."""
    return None
