"""Permissions on proposals (autodiscovered by `rules`). The workflow's own table says who may
take each step (see services.PROPOSAL_WORKFLOW); these cover the rest."""

import rules

from danvan.accounts.access import can_write, is_committee_wide


@rules.predicate
def has_organization(user) -> bool:
    return getattr(user, "organization_id", None) is not None


@rules.predicate
def is_sender(user, proposal) -> bool:
    return (
        proposal is not None
        and user.organization_id is not None
        and proposal.organization_id == user.organization_id
    )


@rules.predicate
def is_editable(user, proposal) -> bool:
    return proposal is not None and proposal.is_editable


rules.add_perm("directions.add_proposal", can_write & has_organization)
rules.add_perm("directions.change_proposal", can_write & is_sender & is_editable)
rules.add_perm("directions.view_overdue", is_committee_wide)
