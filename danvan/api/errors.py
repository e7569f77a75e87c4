"""Every refusal of the API as JSON: a stable `code` for programs, a `message` for people
(Vietnamese, through gettext), and, for refused input, the reason per field or per value.

The exceptions are the ones pages already handle: `Http404`, `PermissionDenied`,
`WorkflowError`, Django's `ValidationError`, the report grid's `GridInvalid` and the optimistic
lock's `ConcurrentEditError`. Services raise them; this module only says how they look.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from danvan.core.concurrency import ConcurrentEditError
from danvan.core.workflow import WorkflowError


class ErrorOut(Schema):
    code: str
    message: str
    errors: Any = None


class ApiError(Exception):
    """A refusal raised by the API's own code (an unknown filter value, a bad token…)."""

    def __init__(self, status: int, code: str, message: str, errors: Any = None):
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors


def error_response(api, request: HttpRequest, status: int, code: str, message: str, errors=None):
    body = {"code": code, "message": str(message)}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


def _django_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def _grid_errors(exc) -> list[dict]:
    return [
        {"indicator": indicator, "unit": unit, "message": str(reason)}
        for (indicator, unit), reason in sorted(
            exc.errors.items(), key=lambda item: (item[0][0], item[0][1] or 0)
        )
    ]


def install(api) -> None:
    """Register the handlers on the NinjaAPI `api`."""
    from danvan.reporting.services import GridInvalid

    def handle(exc_class, build):
        api.add_exception_handler(exc_class, lambda request, exc: build(request, exc))

    handle(
        ApiError,
        lambda r, e: error_response(api, r, e.status, e.code, e.message, e.errors),
    )
    handle(Http404, lambda r, e: error_response(api, r, 404, "not_found", _("Not found.")))
    handle(
        PermissionDenied,
        lambda r, e: error_response(
            api, r, 403, "forbidden", str(e) if str(e) else _("You may not do this.")
        ),
    )
    handle(WorkflowError, lambda r, e: error_response(api, r, 409, e.code, e.message))
    handle(
        ConcurrentEditError,
        lambda r, e: error_response(api, r, 409, "conflict", str(e)),
    )
    handle(
        DjangoValidationError,
        lambda r, e: error_response(
            api,
            r,
            422,
            "invalid",
            _("Some values are wrong; nothing was saved."),
            _django_errors(e),
        ),
    )
    handle(
        GridInvalid,
        lambda r, e: error_response(
            api,
            r,
            422,
            "invalid_values",
            _("Some figures are wrong; nothing was saved."),
            _grid_errors(e),
        ),
    )
    handle(
        NinjaValidationError,
        lambda r, e: error_response(
            api, r, 422, "invalid_request", _("The request is not valid."), _plain(e.errors)
        ),
    )
    handle(Throttled, _throttled(api))
    handle(
        AuthenticationError,
        lambda r, e: error_response(
            api, r, 401, "not_authenticated", _("Sign in or send a valid API token.")
        ),
    )
    handle(HttpError, _http_error(api))


def _throttled(api):
    def build(request, exc):
        response = error_response(
            api, request, 429, "rate_limited", _("Too many requests; wait a moment and try again.")
        )
        return response

    return build


def _http_error(api):
    codes = {403: "forbidden", 404: "not_found", 405: "method_not_allowed"}

    def build(request, exc: HttpError) -> HttpResponse:
        if exc.status_code == 403 and "CSRF" in exc.message:
            return error_response(
                api,
                request,
                403,
                "csrf_failed",
                _("The page's security token is missing or wrong; reload the page."),
            )
        return error_response(
            api, request, exc.status_code, codes.get(exc.status_code, "error"), exc.message
        )

    return build


def _plain(errors) -> list[dict]:
    """Ninja's validation errors as plain JSON (locations as dotted strings)."""
    out = []
    for error in errors:
        location = ".".join(str(part) for part in error.get("loc", ()))
        out.append({"field": location, "message": str(error.get("msg", ""))})
    return out
