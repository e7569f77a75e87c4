from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts.access import get_for_user
from danvan.core.excel import Column, export_list
from danvan.core.registers import name_on, record_form_page
from danvan.core.workflow import WorkflowError
from danvan.situations import services
from danvan.situations.forms import ActionForm, SituationFilterForm, SituationForm, StepForm
from danvan.situations.models import Situation


def _situations(request):
    form = SituationFilterForm(request.GET)
    return form, form.filter(Situation.objects.visible_to(request.user))


def _counts(situations) -> dict[str, list[tuple[str, int]]]:
    """Counts by kind and by status of what the user may see (one GROUP BY each)."""
    base = situations.order_by()
    by_kind = dict(base.values_list("kind").annotate(n=Count("id")))
    by_status = dict(base.values_list("status").annotate(n=Count("id")))
    return {
        "total": sum(by_kind.values()),
        "by_kind": [(label, by_kind.get(code, 0)) for code, label in Situation.KINDS],
        "by_status": [(label, by_status.get(code, 0)) for code, label in Situation.STATUSES],
    }


@require_GET
def index(request):
    form, situations = _situations(request)
    page = Paginator(
        situations.select_related("unit__parent", "organization")
        .prefetch_related("organization__names")
        .order_by("-occurred_on", "-pk"),
        30,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "situations/index.html",
        {
            "page": page,
            "filter_form": form,
            "counts": _counts(situations),
            "can_add": request.user.has_perm("situations.add_situation"),
        },
    )


@require_GET
def export(request):
    _form, situations = _situations(request)
    rows = (
        situations.select_related("unit__parent", "organization")
        .prefetch_related("organization__names", "involved__names")
        .order_by("-occurred_on", "-pk")
    )
    columns = [
        Column(_("Arose on"), lambda s: s.occurred_on, 12),
        Column(_("Name of the situation"), lambda s: s.title, 45),
        Column(_("Kind of situation"), lambda s: s.get_kind_display(), 20),
        Column(_("Locality"), lambda s: s.unit.name, 20),
        Column(_("District"), lambda s: s.unit.parent.name if s.unit.parent else "", 20),
        Column(_("Severity"), lambda s: s.get_severity_display(), 16),
        Column(_("Reporting organisation"), lambda s: name_on(s.organization, s.occurred_on), 25),
        Column(
            _("Organisations involved"),
            lambda s: "; ".join(name_on(o, s.occurred_on) for o in s.involved.all()),
            35,
        ),
        Column(_("Status"), lambda s: s.get_status_display(), 16),
        Column(_("Resolved on"), lambda s: s.resolved_on, 12),
        Column(_("Resolution"), lambda s: s.resolution, 45),
    ]
    return export_list("tinh-huong.xlsx", _("Situations"), columns, rows, title=_("Situations"))


@require_http_methods(["GET", "POST"])
def situation_create(request):
    if not request.user.has_perm("situations.add_situation"):
        raise PermissionDenied
    return record_form_page(
        request, SituationForm, title=_("New situation"), back=reverse("situations:index")
    )


@require_http_methods(["GET", "POST"])
def situation_edit(request, pk):
    situation = get_for_user(
        Situation.objects, request.user, pk, perm="situations.change_situation"
    )
    return record_form_page(
        request,
        SituationForm,
        instance=situation,
        title=situation,
        back=situation.get_absolute_url(),
    )


@require_GET
def situation_detail(request, pk):
    situation = get_for_user(
        Situation.objects.select_related("unit__parent", "organization"), request.user, pk
    )
    can_log = request.user.has_perm("situations.log_action", situation)
    return render(
        request,
        "situations/situation_detail.html",
        {
            "situation": situation,
            "actions": situation.actions.select_related("organization", "author").prefetch_related(
                "organization__names"
            ),
            "involved": situation.involved.prefetch_related("names").order_by("sort_key"),
            "can_edit": request.user.has_perm("situations.change_situation", situation),
            "action_form": ActionForm()
            if can_log and situation.status != Situation.RESOLVED
            else None,
            "steps": services.WORKFLOW.available(situation, request.user),
        },
    )


@require_POST
def action_create(request, pk):
    situation = get_for_user(Situation.objects, request.user, pk, perm="situations.log_action")
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.log_action(situation, acting_user=request.user, **form.cleaned_data)
        except (ValidationError, WorkflowError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Action logged."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(situation.get_absolute_url() + "#actions")


@require_POST
def situation_step(request, pk, action):
    situation = get_for_user(Situation.objects, request.user, pk)
    step = services.STEPS.get(action)
    if step is None:
        raise Http404
    form = StepForm(request.POST)
    form.is_valid()
    try:
        step(situation, acting_user=request.user, note=form.cleaned_data.get("note", ""))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Status updated."))
    return redirect(situation)
