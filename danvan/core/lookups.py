"""`__in` on integer columns ignores numbers the column cannot hold.

Django (5.2) already turns `pk=10**30` into "no rows" (IntegerFieldOverflow on exact, gt, lt…)
but not `pk__in=[10**30]`, which SQLite refuses with OverflowError: a page with a multiple
choice field (ModelMultipleChoiceField filters `pk__in`) answered 500 to a garbled id. A number
outside the column's range can never match, so it is dropped; none left means no rows.
"""

from __future__ import annotations

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                v
                for v in self.rhs
                if not isinstance(v, int)
                or ((low is None or v >= low) and (high is None or v <= high))
            ]
        return super().process_rhs(compiler, connection)
