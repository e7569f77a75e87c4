"""Background jobs of the overview (huey: embedded by default, Redis when configured)."""

from huey.contrib.djhuey import db_task


@db_task()
def keep_dashboards(years: list[int]) -> None:
    """Work out the committee-wide dashboard of these years, so its answer is kept (shared by
    the server's processes) before the next officer opens it: after an approval, the first
    view reads thousands of figures no longer."""
    from danvan.overview.services import keep_figures, latest_year_with_data

    for year in sorted({*years, latest_year_with_data()}):
        keep_figures(year)
