"""Permissions on indicator reports (autodiscovered by `rules`)."""

import rules

from danvan.accounts.access import can_write, is_coordinator


@rules.predicate
def is_reporting_organisation(user, report) -> bool:
    return (
        report is not None
        and user.organization_id is not None
        and report.organization_id == user.organization_id
    )


# The catalogue of indicators and the forms are kept by the standing office.
rules.add_perm("reporting.manage_forms", is_coordinator)
# The organisation enters its own figures; the standing office may enter or correct them for it.
rules.add_perm("reporting.enter_values", can_write & (is_reporting_organisation | is_coordinator))
rules.add_perm("reporting.review_report", is_coordinator)
