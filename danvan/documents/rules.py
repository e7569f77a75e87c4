"""Permissions on review reports (autodiscovered by `rules`)."""

import rules

from danvan.accounts.access import can_write, is_committee_wide, is_coordinator


@rules.predicate
def is_issuer_officer(user, report) -> bool:
    return (
        report is not None
        and report.organization_id is not None
        and user.organization_id == report.organization_id
    )


@rules.predicate
def is_committee_report(user, report) -> bool:
    return report is not None and report.committee_id is not None


rules.add_perm(
    "documents.change_review",
    can_write
    & (
        (is_committee_report & is_committee_wide)
        | (~is_committee_report & (is_issuer_officer | is_coordinator))
    ),
)
