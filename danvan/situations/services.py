"""Steps of a situation toward resolution, and its log of actions."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import is_coordinator
from danvan.core.audit import as_actor
from danvan.core.workflow import Transition, Workflow, WorkflowError
from danvan.situations.models import Situation, SituationAction


def _writer(user, situation) -> bool:
    return user.has_perm("situations.change_situation", situation)


def _handler(user, situation) -> bool:
    # Any organisation involved may take it up; closing it is the reporter's call.
    return user.has_perm("situations.log_action", situation)


WORKFLOW = Workflow(
    [
        Transition(
            "start",
            (Situation.NEW,),
            Situation.HANDLING,
            gettext_lazy("Start handling"),
            _handler,
        ),
        Transition(
            "resolve",
            (Situation.HANDLING,),
            Situation.RESOLVED,
            gettext_lazy("Mark resolved"),
            _writer,
            needs_note=True,
            style="success",
        ),
        Transition(
            "reopen",
            (Situation.RESOLVED,),
            Situation.HANDLING,
            gettext_lazy("Reopen"),
            _writer,
            needs_note=True,
            style="outline-secondary",
        ),
    ]
)


def start_handling(situation: Situation, *, acting_user, note: str = "") -> Situation:
    return WORKFLOW.apply(situation, "start", acting_user=acting_user, note=note)


def resolve_situation(
    situation: Situation, *, acting_user, note: str, on: date | None = None
) -> Situation:
    """Close it with the resolution (the note says how it was settled)."""
    return WORKFLOW.apply(
        situation,
        "resolve",
        acting_user=acting_user,
        note=note,
        changes={"resolved_on": on or timezone.localdate(), "resolution": note.strip()},
    )


def reopen_situation(situation: Situation, *, acting_user, note: str) -> Situation:
    return WORKFLOW.apply(
        situation, "reopen", acting_user=acting_user, note=note, changes={"resolved_on": None}
    )


STEPS = {"start": start_handling, "resolve": resolve_situation, "reopen": reopen_situation}


@transaction.atomic
def log_action(
    situation: Situation,
    *,
    acting_user,
    on: date,
    action: str,
    result: str = "",
    organization=None,
) -> SituationAction:
    """Record what was done; the first action on a new situation starts its handling.

    The standing office may record an action on behalf of the organisation that took it."""
    situation = Situation.objects.select_for_update().get(pk=situation.pk)
    if not acting_user.has_perm("situations.log_action", situation):
        raise PermissionDenied
    on_behalf = organization is not None and organization.pk != acting_user.organization_id
    if on_behalf and not is_coordinator(acting_user):
        raise PermissionDenied
    if situation.status == Situation.RESOLVED:
        raise WorkflowError(_("The situation is resolved: reopen it to log further actions."))
    if on < situation.occurred_on:
        raise ValidationError({"on": _("The action is dated before the situation arose.")})
    with as_actor(acting_user):
        entry = SituationAction.objects.create(
            situation=situation,
            on=on,
            action=action.strip(),
            result=result.strip(),
            organization=organization or acting_user.organization,
            author=acting_user,
        )
    if situation.status == Situation.NEW:
        start_handling(situation, acting_user=acting_user, note=_("First action logged."))
    return entry
