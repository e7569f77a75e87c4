"""Permissions on conferences (autodiscovered by `rules`)."""

import rules

from danvan.accounts.access import can_write
from danvan.core.registers import may_write_record

rules.add_perm("meetings.add_meeting", can_write)
# Documents, the notice of conclusions and its items are part of the conference's record.
rules.add_perm("meetings.change_meeting", may_write_record)
