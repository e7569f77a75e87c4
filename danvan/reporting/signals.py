"""What the reports app tells others."""

from django.dispatch import Signal

# Sent once the step's transaction has committed, when approving or sending back a report
# changed which figures count: `periods`, the report periods whose totals changed. The overview
# has the queue work out the dashboards again (overview.tasks.keep_dashboards).
approved_figures_changed = Signal()
