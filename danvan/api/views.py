"""The profile page's API tokens: create one (shown once, on the answer to the POST, never
stored) and revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.accounts.access import get_for_user
from danvan.api import services
from danvan.api.models import ApiToken
from danvan.core.forms import StyledForm


class TokenForm(StyledForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    expires_on = forms.DateField(
        label=gettext_lazy("Expires on"),
        required=False,
        help_text=gettext_lazy("Empty: the token works until you revoke it."),
    )


@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, raw = services.create_token(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            # 201: the answer to this POST is the created token, the one time it is shown.
            response = render(
                request, "api/token_created.html", {"token": token, "raw": raw}, status=201
            )
            # The token is on this page only: never kept by a cache or the browser's history.
            response["Cache-Control"] = "no-store"
            return response
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("accounts:profile")


@require_POST
def token_revoke(request, pk):
    token = get_for_user(ApiToken.objects, request.user, pk)
    services.revoke_token(token, acting_user=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:profile")
