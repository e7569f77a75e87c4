"""The top navigation of UI.md, in its order. Each entry names its URL; counts come from
inbox providers that apps register (what waits for the user in that section)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    url_name: str
    prefix: str | tuple[str, ...]


SECTIONS = [
    Section("overview", _("Overview"), "overview:index", "/"),
    Section("planning", _("Programs and plans"), "planning:index", ("/programs/", "/tasks/")),
    Section("reporting", _("Figure reports"), "reporting:index", "/reports/"),
    Section("directions", _("Documents and directions"), "directions:index", "/directions/"),
    Section("meetings", _("Conferences"), "meetings:index", "/meetings/"),
    Section("practices", _("Skilful mobilization models"), "practices:index", "/practices/"),
    Section("situations", _("Situations"), "situations:index", "/situations/"),
    Section("training", _("Training"), "training:index", "/training/"),
    Section("catalog", _("Registries"), "orgs:catalog", "/catalog/"),
]

# section key -> functions(user) -> number of things waiting for the user there
_inbox: dict[str, list[Callable]] = {}


def register_inbox(section: str, count: Callable) -> None:
    _inbox.setdefault(section, []).append(count)


def waiting_counts(user) -> dict[str, int]:
    return {key: sum(count(user) for count in counters) for key, counters in _inbox.items()}


def current_section(path: str) -> str:
    best = "overview"
    for section in SECTIONS:
        if section.prefix != "/" and path.startswith(section.prefix):
            best = section.key
    return best


@dataclass(frozen=True)
class CatalogEntry:
    key: str
    label: str
    url_name: str
    description: str
    order: int


_catalog: dict[str, CatalogEntry] = {}


def register_catalog(
    key: str, label: str, url_name: str, description: str = "", order: int = 100
) -> None:
    """A registry listed under Danh mục (apps call this in AppConfig.ready)."""
    _catalog[key] = CatalogEntry(key, label, url_name, description, order)


def catalog_entries() -> list[CatalogEntry]:
    return sorted(_catalog.values(), key=lambda e: e.order)
