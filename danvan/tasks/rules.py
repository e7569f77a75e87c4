"""Permissions on tasks (autodiscovered by `rules`)."""

import rules

from danvan.accounts.access import can_write, is_committee_wide, is_coordinator, is_leadership


@rules.predicate
def is_task_lead(user, task) -> bool:
    return (
        task is not None
        and user.organization_id is not None
        and task.lead_id == user.organization_id
    )


@rules.predicate
def is_task_owner(user, task) -> bool:
    return (
        task is not None
        and user.organization_id is not None
        and task.owner_id == user.organization_id
    )


@rules.predicate
def is_task_coordinator(user, task) -> bool:
    return (
        task is not None
        and user.organization_id is not None
        and task.coordinators.filter(pk=user.organization_id).exists()
    )


# The lead organisation carries the task out; the standing office may record for it.
rules.add_perm("tasks.report_progress", can_write & (is_task_lead | is_coordinator))
rules.add_perm(
    "tasks.add_note",
    can_write & (is_task_lead | is_task_coordinator | is_task_owner | is_committee_wide),
)
rules.add_perm("tasks.confirm_result", is_coordinator | is_leadership)
rules.add_perm("tasks.request_extension", can_write & is_task_lead)
rules.add_perm("tasks.decide_extension", is_coordinator | is_leadership)
rules.add_perm("tasks.cancel_task", is_coordinator | is_leadership)
# A draft task (not yet published with its source) is edited by the organisation whose plan or
# request it is, or by the standing office.
rules.add_perm("tasks.change_task", can_write & (is_task_owner | is_coordinator))
