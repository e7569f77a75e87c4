"""`danvan bench`: build a synthetic dataset at provincial or national scale in a database of
its own, then time what officers wait for (the dashboard, drill-downs, saving a report grid,
an Excel import, the year-end report, the busiest lists), each beside the same question asked
of the database in plain SQL. See docs/PERFORMANCE.md for the figures and how to read them.
"""
