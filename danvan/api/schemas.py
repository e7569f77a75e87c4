"""Pieces of the API's schemas shared by every router."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema

from danvan.api.errors import ErrorOut

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


def ref(obj, name_attr: str = "name") -> dict | None:
    if obj is None:
        return None
    return {"id": obj.pk, "name": str(getattr(obj, name_attr) or obj)}


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
