"""Background jobs of indicator reports (huey: embedded by default, Redis when configured)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_periodic_task(crontab(hour="7", minute="0"))
def remind_reporters() -> int:
    """Every morning: remind organisations whose report is due soon (each reminder once)."""
    from danvan.reporting.services import send_reminders

    return send_reminders()


@db_task()
def run_import(job_id: int) -> None:
    from danvan.reporting.excel import run_import_job

    run_import_job(job_id)
