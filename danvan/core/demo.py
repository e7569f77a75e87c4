"""`danvan demo`: each app contributes a `demo.py` with ORDER and load() -> number created.

Loaders are idempotent: they look things up by natural keys and create only what is missing,
so a second run creates nothing and the command says so.
"""

from __future__ import annotations

import importlib
import importlib.util

from django.apps import apps

DEMO_PASSWORD = "danvan-demo"  # noqa: S105 - printed for the demo, refused in production


def loaders():
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("danvan."):
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if not hasattr(module, "load"):
            continue
        found.append((getattr(module, "ORDER", 100), config.label, module))
    return [
        (label, module)
        for _order, label, module in sorted(found, key=lambda item: (item[0], item[1]))
    ]


def load_all(log=print) -> dict[str, int]:
    created = {}
    for label, module in loaders():
        created[label] = module.load()
        log(f"  {label}: {created[label]}")
    return created
