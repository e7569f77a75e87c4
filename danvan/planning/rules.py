"""Permissions on programs and plans (autodiscovered by `rules`)."""

import rules

from danvan.accounts.access import can_write, is_coordinator


@rules.predicate
def is_plan_organization(user, plan) -> bool:
    return (
        plan is not None
        and user.organization_id is not None
        and plan.organization_id == user.organization_id
    )


@rules.predicate
def has_organization(user) -> bool:
    return user.organization_id is not None


# The standing office keeps the committee's programs.
rules.add_perm("planning.change_program", is_coordinator)
# A member drafts its own plans; the standing office may draft for any member.
rules.add_perm("planning.add_plan", can_write & (has_organization | is_coordinator))
rules.add_perm("planning.change_plan", can_write & (is_plan_organization | is_coordinator))
rules.add_perm("planning.approve_plan", is_coordinator)
# A paper number already issued is typed in by the standing office.
rules.add_perm("planning.renumber", is_coordinator)
