"""Rows of the site-wide matrix for the API's URLs.

The operations themselves are held to the access rules from the OpenAPI document
(`core/tests/test_api_access.py`); here every named URL gets its row: lists answer every
persona, objects by an unknown id answer 404, and the docs are public.
"""

from __future__ import annotations

import re

from danvan.core.testing import Row, everyone

STATIC = [
    Row("api:v1:openapi-json", everyone(200), anonymous=200),
    Row("api:v1:openapi-view", everyone(200), anonymous=200),
    Row("api:v1:root", everyone(200), anonymous=200),
    # django-ninja's own name for the root, answered by ours (mounted first).
    Row("api:v1:api-root", everyone(200), anonymous=200),
    Row("tokens:token_create", everyone(405)),
    Row("tokens:token_revoke", everyone(405), kwargs=lambda w: {"pk": 999999}),
]


def _operation_rows() -> list[Row]:
    """A row per operation's URL name: GET answers the list (200) or, for an unknown id, 404;
    a route without a GET answers 405 (before any sign-in check, as Django's own views do)."""
    from django.urls import URLPattern

    from danvan.api.v1 import api

    schema = api.get_openapi_schema(path_prefix="")
    rows = []
    patterns, _app, _ns = api.urls
    for pattern in patterns:
        if not isinstance(pattern, URLPattern) or not pattern.name:
            continue
        if pattern.name in ("openapi-json", "openapi-view", "api-root", "root"):
            continue
        route = str(pattern.pattern)
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route).rstrip("/")
        methods = schema["paths"][path]
        kwargs = (lambda w, p=tuple(params): dict.fromkeys(p, 999999)) if params else None
        name = f"api:v1:{pattern.name}"
        if "get" not in methods:
            rows.append(Row(name, everyone(405), kwargs=kwargs, anonymous=405))
        elif params:
            rows.append(Row(name, everyone(404), kwargs=kwargs))
        else:
            rows.append(Row(name, everyone(200)))
    return rows


ROWS = [*STATIC, *_operation_rows()]
