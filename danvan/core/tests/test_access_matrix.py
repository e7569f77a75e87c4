"""The site-wide role × URL matrix, built from the URL patterns themselves.

Every named URL of the site must have a row in some app's `tests/matrix.py` (ROWS); a new
view without one fails `test_every_url_is_in_the_matrix`. Each row is then requested by every
persona and by an anonymous visitor.
"""

from __future__ import annotations

import importlib
import importlib.util

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from danvan.core.testing import ANONYMOUS, PERSONAS, Row

# Framework URLs that are not ours to test here (Django's admin, the language switch).
NOT_OURS = ("admin:", "set_language", "django.contrib")


def _named_urls(resolver=None, namespace="") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _named_urls(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return {n for n in names if not n.startswith(NOT_OURS)}


def _rows() -> list[Row]:
    rows = []
    for config in apps.get_app_configs():
        name = f"{config.name}.tests.matrix"
        if (
            config.name.startswith("danvan.")
            and importlib.util.find_spec(f"{config.name}.tests")
            and importlib.util.find_spec(name)
        ):
            rows.extend(importlib.import_module(name).ROWS)
    return rows


ROWS = _rows()


def test_every_url_is_in_the_matrix():
    covered = {row.url_name for row in ROWS}
    missing = sorted(_named_urls() - covered)
    assert not missing, f"URLs without a row in any tests/matrix.py: {missing}"


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.url_name)
def test_matrix(row, world):
    kwargs = row.kwargs(world) if row.kwargs else {}
    url = reverse(row.url_name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
    failures = []
    for persona in [*PERSONAS, ANONYMOUS]:
        response = world.client(persona).get(url)
        if persona == ANONYMOUS:
            expected = (
                row.anonymous
                if row.anonymous is not None
                else (401 if url.startswith("/api/") else 302)
            )
        else:
            expected = row.status_for(persona)
        if response.status_code != expected:
            failures.append(f"{persona}: {response.status_code} (expected {expected})")
        if persona == ANONYMOUS and expected == 302:
            assert response["Location"].startswith(reverse("login")), url
    assert not failures, f"{url}: " + "; ".join(failures)
