"""One mechanism for every object with a life: a table of allowed transitions.

Each app declares its Workflow once and names its steps in services.py (`submit_plan`, …);
`Workflow.apply` does the rest atomically: lock the row, check the state and the actor, change
the state, record the audit entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from auditlog.context import disable_auditlog
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from danvan.core.audit import log_action


class WorkflowError(Exception):
    """A step that cannot be taken now; the message is for the user."""

    def __init__(self, message: str, code: str = "invalid_state"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    label: str
    allowed: Callable[[object, models.Model], bool]
    needs_note: bool = False
    style: str = "primary"


@dataclass
class Workflow:
    transitions: list[Transition]
    field: str = "status"
    _by_action: dict[str, Transition] = dataclass_field(init=False, repr=False)

    def __post_init__(self):
        self._by_action = {t.action: t for t in self.transitions}

    def __getitem__(self, action: str) -> Transition:
        return self._by_action[action]

    def available(self, obj, user) -> list[Transition]:
        state = getattr(obj, self.field)
        return [t for t in self.transitions if state in t.sources and t.allowed(user, obj)]

    def apply(
        self,
        obj: models.Model,
        action: str,
        *,
        acting_user,
        note: str = "",
        changes: dict | None = None,
        extra: Callable[[models.Model], None] | None = None,
    ) -> models.Model:
        """Take step `action` on `obj`; returns the saved, locked copy.

        `changes` are further field values set with the step; `extra` runs inside the same
        transaction after the save (to create follow-up rows).
        """
        transition = self._by_action[action]
        note = (note or "").strip()
        with transaction.atomic():
            locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            if not transition.allowed(acting_user, locked):
                raise PermissionDenied(_("You may not do this."))
            state = getattr(locked, self.field)
            if state not in transition.sources:
                raise WorkflowError(
                    _("This step cannot be taken now: the record is “%(state)s”.")
                    % {"state": _state_label(locked, self.field)}
                )
            if transition.needs_note and not note:
                raise WorkflowError(_("Please give a reason."), code="note_required")
            diff = {self.field: [state, transition.target]}
            setattr(locked, self.field, transition.target)
            for name, value in (changes or {}).items():
                old = getattr(locked, name)
                if old != value:
                    diff[name] = [_plain(old), _plain(value)]
                setattr(locked, name, value)
            # One audit entry for the step (below), not a second one for its field changes.
            with disable_auditlog():
                locked.save()
            log_action(
                locked, action, actor=acting_user, label=transition.label, note=note, changes=diff
            )
            if extra is not None:
                extra(locked)
        return locked


def _plain(value) -> str:
    # auditlog's own notation for "no value"; its display code parses every value as text.
    return "None" if value is None else str(value)


def _state_label(obj, field_name: str) -> str:
    display = getattr(obj, f"get_{field_name}_display", None)
    return str(display()) if display else str(getattr(obj, field_name))
