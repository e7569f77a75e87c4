from django.conf import settings
from django.utils.functional import SimpleLazyObject

from danvan.core.sections import SECTIONS, current_section, waiting_counts


def frame(request):
    """What the page frame needs: the navigation, the active section, counts waiting."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)

    def unread():
        from danvan.core.notify import unread_count

        return unread_count(user) if signed_in else 0

    return {
        "nav_sections": SECTIONS,
        "nav_current": current_section(request.path),
        # Evaluated only if the template reads them, so fragments pay nothing.
        "nav_waiting": SimpleLazyObject(lambda: waiting_counts(user) if signed_in else {}),
        "unread_notifications": SimpleLazyObject(unread),
        "site_name": settings.DANVAN_SITE_NAME,
    }
