from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.accounts.access import get_for_user
from danvan.areas.models import ContentArea
from danvan.core.audit import as_actor
from danvan.core.forms import StyledModelForm


class ContentAreaForm(StyledModelForm):
    class Meta:
        model = ContentArea
        fields = ["code", "name", "description", "order", "is_active"]


def area_list(request):
    return render(
        request,
        "areas/area_list.html",
        {
            "areas": ContentArea.objects.visible_to(request.user).order_by("order", "sort_key"),
            "can_edit": request.user.has_perm("orgs.change_registry"),
        },
    )


@require_http_methods(["GET", "POST"])
def area_edit(request, pk=None):
    if pk is None:
        if not request.user.has_perm("orgs.change_registry"):
            raise PermissionDenied
        area = None
    else:
        area = get_for_user(ContentArea.objects, request.user, pk, perm="orgs.change_registry")
    form = ContentAreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        with as_actor(request.user):
            form.save()
        messages.success(request, _("Saved."))
        return redirect("areas:area_list")
    return render(
        request,
        "orgs/simple_form.html",
        {
            "form": form,
            "title": area or _("New content area"),
            "back": reverse("areas:area_list"),
            "audited": area,
        },
    )
