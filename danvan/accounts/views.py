from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.accounts.access import get_for_user
from danvan.accounts.forms import NewUserForm, UserFilterForm, UserForm
from danvan.accounts.models import User
from danvan.core.audit import as_actor
from danvan.core.text import search_terms


def profile(request):
    return render(request, "accounts/profile.html", {"account": request.user})


def _require_manager(user):
    if not user.has_perm("accounts.manage_users"):
        raise PermissionDenied


def user_list(request):
    form = UserFilterForm(request.GET)
    users = User.objects.visible_to(request.user).select_related("organization")
    if form.is_valid():
        for term in search_terms(form.cleaned_data["q"]):
            users = users.filter(search_text__contains=term)
        if form.cleaned_data["role"]:
            users = users.filter(role=form.cleaned_data["role"])
    page = Paginator(users.order_by("sort_key", "pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/user_list.html",
        {
            "page": page,
            "filter_form": form,
            "can_manage": request.user.has_perm("accounts.manage_users"),
        },
    )


def user_detail(request, pk):
    account = get_for_user(User.objects.select_related("organization"), request.user, pk)
    return render(
        request,
        "accounts/user_detail.html",
        {"account": account, "can_manage": request.user.has_perm("accounts.manage_users")},
    )


@require_http_methods(["GET", "POST"])
def user_create(request):
    _require_manager(request.user)
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with as_actor(request.user):
            account = form.save()
        messages.success(request, _("Account “%(name)s” created.") % {"name": account})
        return redirect(account)
    return render(request, "accounts/user_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    account = get_for_user(User.objects, request.user, pk, perm="accounts.manage_users")
    form = UserForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        with as_actor(request.user):
            form.save()
        messages.success(request, _("Saved."))
        return redirect(account)
    return render(request, "accounts/user_form.html", {"form": form, "account": account})
