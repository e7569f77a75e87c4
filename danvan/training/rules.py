"""Permissions on training courses (autodiscovered by `rules`)."""

import rules

from danvan.accounts.access import can_write
from danvan.core.registers import may_write_record

rules.add_perm("training.add_course", can_write)
# The organiser (or the standing office) keeps the course and its participants' results.
rules.add_perm("training.change_course", may_write_record)
