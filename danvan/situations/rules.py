"""Permissions on situations (autodiscovered by `rules`)."""

import rules

from danvan.accounts.access import can_write
from danvan.core.registers import may_write_record


@rules.predicate
def is_involved(user, situation) -> bool:
    return (
        situation is not None
        and user.organization_id is not None
        and situation.involved.filter(pk=user.organization_id).exists()
    )


rules.add_perm("situations.add_situation", can_write)
# The reporting organisation (or the standing office) edits it and moves it to resolution…
rules.add_perm("situations.change_situation", may_write_record)
# …and every organisation involved logs what it did.
rules.add_perm("situations.log_action", may_write_record | (can_write & is_involved))
