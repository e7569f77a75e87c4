"""Permissions on the register of models (autodiscovered by `rules`)."""

import rules

from danvan.accounts.access import can_write
from danvan.core.registers import may_write_record

rules.add_perm("practices.add_practice", can_write)
rules.add_perm("practices.change_practice", may_write_record)
