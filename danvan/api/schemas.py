"""Pieces of the API's schemas shared by every router."""

from __future__ import annotations

from typing import Annotated, Any

import ninja
from ninja import Field
from pydantic import field_validator


class Schema(ninja.Schema):
    """Every schema of the API: text holding a NUL character is refused (422) here, as Django's
    forms refuse it, rather than by the database (PostgreSQL cannot store it)."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("NUL characters are not allowed.")
        return value


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple | set):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


from danvan.api.errors import ErrorOut  # noqa: E402 - after Schema, which errors.py does not need

# An object's id: bounded so that a garbled number is refused (422) before it reaches a
# database that cannot hold it.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]

# Every refusal the API answers (see errors.py), each as ErrorOut.
ERROR_CODES = frozenset({400, 401, 403, 404, 405, 409, 422, 429})


def responses(ok: int | dict = 200, schema=None) -> dict:
    """`response=` of an operation: its success schema and the JSON error of every refusal."""
    success = ok if isinstance(ok, dict) else {ok: schema}
    return {**success, ERROR_CODES: ErrorOut}


class Ref(Schema):
    """Another object, named."""

    id: int
    name: str


class StepOut(Schema):
    """A workflow step the caller may take on the object now (its table in `core.workflow`)."""

    action: str
    label: str
    needs_note: bool


def steps(workflow, obj, user) -> list[dict]:
    return [
        {"action": t.action, "label": str(t.label), "needs_note": t.needs_note}
        for t in workflow.available(obj, user)
    ]


class NoteIn(Schema):
    note: str = ""


class ReasonIn(Schema):
    note: str


def objects_by_id(model, ids, field: str):
    """The rows of `model` with these ids, in order; an unknown id is refused (422) naming
    `field`."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if ids is None:
        return None
    ids = list(dict.fromkeys(ids))
    found = model._default_manager.in_bulk(ids)
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError({field: [_("Unknown id: %(ids)s") % {"ids": missing}]})
    return [found[i] for i in ids]


def object_by_id(model, pk, field: str):
    if pk is None:
        return None
    return objects_by_id(model, [pk], field)[0]
