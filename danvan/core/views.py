from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from danvan.core import search as site_search
from danvan.core.models import Notification
from danvan.core.uploads import attachment_for, attachment_response


@login_not_required
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    groups = site_search.search(request.user, query) if query else []
    return render(request, "core/search.html", {"query": query, "groups": groups})


@require_GET
def attachment(request, key):
    """Serve an attachment only to users who may see what it is attached to."""
    return attachment_response(attachment_for(request.user, key))


@require_GET
def notifications(request):
    page = Paginator(Notification.objects.filter(recipient=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notifications.html", {"page": page})


@require_POST
def notifications_read(request):
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("core:notifications")


@require_GET
def notification_open(request, pk):
    try:
        item = Notification.objects.get(pk=pk, recipient=request.user)
    except Notification.DoesNotExist:
        raise Http404 from None
    if item.read_at is None:
        item.read_at = timezone.now()
        item.save(update_fields=["read_at"])
    # Notification URLs are written by our own code; refuse anything pointing elsewhere anyway.
    if item.url and url_has_allowed_host_and_scheme(item.url, allowed_hosts={request.get_host()}):
        return redirect(item.url)
    return redirect("core:notifications")


def section_pending(request, section_label):
    """A section of the navigation that is not built yet says so plainly."""
    return render(request, "core/section_pending.html", {"section_label": section_label})
