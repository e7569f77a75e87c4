"""Background jobs (huey): embedded SQLite queue by default, Redis when DANVAN_REDIS_URL is set."""

from django.conf import settings
from django.core.mail import send_mail
from huey.contrib.djhuey import db_task


@db_task(retries=3, retry_delay=60)
def send_notification_email(addresses: list[str], text: str, url: str) -> None:
    body = text if not url else f"{text}\n\n{url}"
    send_mail(
        subject=f"[{settings.DANVAN_SITE_NAME}] {text[:80]}",
        message=body,
        from_email=None,
        recipient_list=addresses,
    )
