"""Every operation of the API, found from its own OpenAPI document, held to the access rules:
anonymous callers get 401 everywhere; every persona reads every list without a server error;
and for every kind of object the API serves by id, another organisation's objects answer 404
to every method — the same rules as the pages (`test_object_access.py`)."""

from __future__ import annotations

import importlib.util
import re

import pytest
from django.test import Client

from danvan.core.testing import PERSONAS
from danvan.core.tests.test_object_access import (
    _checked_models,
    demo,  # noqa: F401 - the fixture
)

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("danvan.api.v1") is None, reason="the API has not landed"
)
PREFIX = "/api/v1"
PARAM = re.compile(r"\{([^}]+)\}")
METHODS = ("get", "post", "put", "patch", "delete")


def _operations() -> list[tuple[str, str, dict]]:
    from danvan.api.v1 import api

    schema = api.get_openapi_schema(path_prefix="")
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in METHODS:
                found.append((method, path, operation))
    return found


def _url(path: str, value="999999999") -> str:
    return PREFIX + PARAM.sub(lambda m: str(value), path)


def test_the_api_document_lists_operations():
    operations = _operations()
    assert len(operations) >= 10
    assert any(m == "get" and not PARAM.search(p) for m, p, _ in operations)


def test_every_operation_refuses_an_anonymous_caller(db):
    client = Client()
    wrong = []
    for method, path, _operation in _operations():
        response = getattr(client, method)(_url(path), content_type="application/json")
        if response.status_code not in (401, 405):
            wrong.append(f"{method.upper()} {path}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_every_read_answers_every_persona_in_json_without_a_server_error(world):
    wrong = []
    for persona in PERSONAS:
        client = world.client(persona)
        for method, path, _operation in _operations():
            if method != "get":
                continue
            response = client.get(_url(path))
            allowed = (404,) if PARAM.search(path) else (200, 403)
            if response.status_code not in allowed:
                wrong.append(f"{persona} GET {path}: {response.status_code}")
            elif "json" not in response.get("Content-Type", ""):
                wrong.append(f"{persona} GET {path}: not JSON")
    assert not wrong, "\n".join(wrong)


def _routes_for(model, operations) -> list[tuple[str, str]]:
    """Operations whose path names this kind of object and takes one id first."""
    name = model._meta.model_name
    out = []
    for method, path, _operation in operations:
        params = PARAM.findall(path)
        head = path.split("{", 1)[0]
        segment = head.rstrip("/").rsplit("/", 1)[-1].replace("-", "").replace("_", "")
        if len(params) == 1 and segment in (name, name + "s", name + "es", name[:-1] + "ies"):
            out.append((method, path))
    return out


@pytest.mark.usefixtures("demo")
def test_another_organisations_objects_answer_404_through_the_api():
    from danvan.accounts.models import User

    operations = _operations()
    leaks, checked = [], 0
    for persona in PERSONAS:
        user = User.objects.get(username=persona)
        client = Client()
        client.force_login(user)
        for model in _checked_models():
            routes = _routes_for(model, operations)
            if not routes:
                continue
            manager = model._default_manager
            hidden = manager.exclude(pk__in=manager.visible_to(user).values("pk"))
            for obj in hidden.order_by("pk")[:2]:
                for method, path in routes:
                    checked += 1
                    response = getattr(client, method)(
                        _url(path, obj.pk), data={}, content_type="application/json"
                    )
                    # 405: no such method; 422: the body is refused before any lookup, alike
                    # for objects that exist and those that do not.
                    if response.status_code not in (404, 405, 422):
                        leaks.append(
                            f"{persona} {method.upper()} {path} ({model._meta.label} "
                            f"#{obj.pk}): {response.status_code}"
                        )
    assert checked, "no API route serves an object kind with hidden objects"
    assert not leaks, "\n".join(leaks)
