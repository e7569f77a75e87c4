"""In-app notifications, with an email for each sent through the background queue."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from danvan.core.models import Notification


def notify(
    recipients: Iterable, text: str, url: str = "", *, event_key: str = "", email: bool = True
) -> int:
    """Tell each recipient once about one event; returns how many were newly told.

    `event_key` names the event (e.g. "proposal:12:registered"): calling again for the same
    event, as a retried request would, adds nothing and sends no second email.
    """
    from danvan.core.tasks import send_notification_email

    told = []
    for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values():
        try:
            with transaction.atomic():
                Notification.objects.create(
                    recipient=user, text=text[:500], url=url, event_key=event_key
                )
        except IntegrityError:
            continue
        told.append(user)
    addresses = [u.email for u in told if u.email]
    if email and addresses:
        transaction.on_commit(lambda: send_notification_email(addresses, text, url))
    return len(told)


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
