"""Chương trình - Kế hoạch: programs, their content areas and targets, member plans and their
tasks. Thin views: check access, call a service in services.py, render."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.accounts.access import get_for_user
from danvan.core.audit import as_actor
from danvan.core.concurrency import ConcurrentEditError
from danvan.core.excel import Column, export_list
from danvan.core.text import search_terms
from danvan.core.workflow import WorkflowError
from danvan.orgs.models import Committee
from danvan.planning import services
from danvan.planning.forms import (
    NoteForm,
    NumberForm,
    PlanFilterForm,
    PlanForm,
    PlanTaskForm,
    ProgramAreaForm,
    ProgramForm,
    ProgramTargetFormSet,
    ReasonRequiredForm,
    TargetRows,
)
from danvan.planning.models import Plan, Program, ProgramArea
from danvan.planning.queries import plan_tasks, program_view
from danvan.planning.services import PLAN_WORKFLOW
from danvan.tasks.forms import TaskFilterForm, apply_errors
from danvan.tasks.models import Task, source_tasks
from danvan.tasks.views import export_tasks

PAGE_SIZE = 50

STEP_URLS = {
    "submit": "planning:plan_submit",
    "approve": "planning:plan_approve",
    "return": "planning:plan_return",
}


def _posted(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _form_page(request, form, title, *, back, formset=None, audited=None, submit=None):
    return render(
        request,
        "planning/form.html",
        {
            "form": form,
            "formset": formset,
            "title": title,
            "back": back,
            "audited": audited,
            "submit": submit or _("Save"),
        },
    )


def _without_version(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


def _run(request, form, step, success: str, *, fallback, then=None):
    """Call a service step; its ValidationError goes onto the form, a WorkflowError back to
    `fallback` with the message. On success go to `then`, or to what the step returned.
    Returns the redirect, or None to show the form again."""
    try:
        result = step()
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    except ConcurrentEditError as exc:
        form.add_error(None, str(exc))
        return None
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect(fallback)
    messages.success(request, success)
    return redirect(then or result)


# --- programs ------------------------------------------------------------------------------


@require_GET
def index(request):
    """The section's front page: the committee's programs."""
    programs = Program.objects.visible_to(request.user).annotate(
        n_plans=Count("plans", filter=~Q(plans__status=Plan.SUPERSEDED), distinct=True),
    )
    years = sorted(
        {y for s, e in programs.values_list("start_year", "end_year") for y in range(s, e + 1)},
        reverse=True,
    )
    year = request.GET.get("year")
    if year and year.isdigit():
        programs = programs.filter(start_year__lte=int(year), end_year__gte=int(year))
    if request.GET.get("export") == "xlsx":
        return export_list(
            f"{_('Coordination programs')}.xlsx",
            _("Programs"),
            [
                Column(_("Number-symbol"), lambda p: p.symbol, 16),
                Column(_("Title"), lambda p: p.title, 60),
                Column(_("Period"), lambda p: p.period_label, 12),
                Column(_("Issued on"), lambda p: p.issued_on, 13),
                Column(_("Member plans"), lambda p: p.n_plans, 12),
            ],
            programs,
            title=_("Coordination programs"),
        )
    return render(
        request,
        "planning/program_list.html",
        {
            "programs": programs,
            "years": years,
            "year": year,
            "can_add": request.user.has_perm("planning.change_program"),
        },
    )


@require_http_methods(["GET", "POST"])
def program_create(request):
    if not request.user.has_perm("planning.change_program"):
        raise PermissionDenied
    committee = Committee.objects.order_by("pk").first()
    form = ProgramForm(_posted(request)[0])
    if request.method == "POST" and form.is_valid():
        if committee is None:
            form.add_error(None, _("Set up the steering committee first (Danh mục)."))
        else:
            done = _run(
                request,
                form,
                lambda: services.create_program(
                    acting_user=request.user, committee=committee, **_without_version(form)
                ),
                _("Saved."),
                fallback="planning:index",
            )
            if done:
                return done
    return _form_page(request, form, _("New coordination program"), back="planning:index")


def _program(request, pk, perm=None) -> Program:
    return get_for_user(Program.objects.select_related("committee"), request.user, pk, perm=perm)


@require_http_methods(["GET", "POST"])
def program_edit(request, pk):
    program = _program(request, pk, "planning.change_program")
    form = ProgramForm(_posted(request)[0], instance=program)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in form.changed_data if k != "version"}
        done = _run(
            request,
            form,
            lambda: services.update_program(
                program, acting_user=request.user, version=form.cleaned_data["version"], **fields
            ),
            _("Saved."),
            fallback=program,
        )
        if done:
            return done
    return _form_page(request, form, program, back=program.get_absolute_url(), audited=program)


def _renumber_page(request, document, renumber):
    """The standing office types the paper's number when one already exists."""
    form = NumberForm(_posted(request)[0], initial={"number": document.number})
    if request.method == "POST" and form.is_valid():
        done = _run(
            request,
            form,
            lambda: renumber(
                document, acting_user=request.user, number=form.cleaned_data["number"]
            ),
            _("The number-symbol is changed."),
            fallback=document,
        )
        if done:
            return done
    return _form_page(
        request,
        form,
        _("Number-symbol of %(doc)s") % {"doc": document},
        back=document.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def program_number(request, pk):
    return _renumber_page(
        request, _program(request, pk, "planning.renumber"), services.renumber_program
    )


@require_GET
def program_detail(request, pk):
    program = _program(request, pk)
    today = timezone.localdate()
    visible = Task.objects.visible_to(request.user)
    years = sorted({d.year for d in visible.dates("due_date", "year")}, reverse=True)
    filter_form = TaskFilterForm(request.GET or None, years=years)
    filter_form.is_valid()
    data = program_view(
        program,
        request.user,
        task_filter=lambda tasks: filter_form.filter(tasks, today),
        today=today,
    )
    if request.GET.get("export") == "xlsx":
        tasks = filter_form.filter(
            plan_tasks(data.plans).filter(pk__in=visible.values("pk")), today
        )
        return export_tasks(tasks.order_by("due_date", "pk"), program.symbol.replace("/", "-"))
    return render(
        request,
        "planning/program_detail.html",
        {
            "program": program,
            "view": data,
            "filter_form": filter_form,
            "areas": program.areas.select_related("area"),
            "can_edit": request.user.has_perm("planning.change_program", program),
            "can_renumber": request.user.has_perm("planning.renumber", program),
            "can_add_plan": request.user.has_perm("planning.add_plan", program),
        },
    )


@require_http_methods(["GET", "POST"])
def program_area_add(request, pk):
    program = _program(request, pk, "planning.change_program")
    return _area_form(request, program, ProgramArea(program=program))


@require_http_methods(["GET", "POST"])
def program_area_edit(request, pk):
    area = get_for_user(ProgramArea.objects.select_related("program__committee"), request.user, pk)
    if not request.user.has_perm("planning.change_program", area.program):
        raise PermissionDenied
    return _area_form(request, area.program, area)


def _area_form(request, program, area):
    data = _posted(request)[0]
    form = ProgramAreaForm(data, instance=area, program=program)
    formset = ProgramTargetFormSet(data, instance=area, prefix="targets")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with as_actor(request.user):
            saved = form.save()
            formset.instance = saved
            formset.save()
        messages.success(request, _("Saved."))
        return redirect(program.get_absolute_url() + "#areas")
    return _form_page(
        request,
        form,
        _("Content area of %(doc)s") % {"doc": program.symbol},
        back=program.get_absolute_url(),
        formset=formset,
        audited=area if area.pk else None,
    )


# --- plans ---------------------------------------------------------------------------------


@require_GET
def plan_list(request):
    plans = Plan.objects.visible_to(request.user)
    years = sorted(set(plans.values_list("year", flat=True)), reverse=True)
    form = PlanFilterForm(request.GET or None, years=years)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        for term in search_terms(data["q"]):
            plans = plans.filter(search_text__contains=term)
        if data["year"]:
            plans = plans.filter(year=data["year"])
        if data["organization"]:
            plans = plans.filter(organization=data["organization"])
        if data["status"]:
            plans = plans.filter(status=data["status"])
    if not (form.is_bound and form.is_valid() and form.cleaned_data["status"]):
        plans = plans.current()
    plans = plans.select_related("organization", "program").order_by(
        "-year", "organization__sort_key", "number"
    )
    task_counts = _task_counts(plans)
    if request.GET.get("export") == "xlsx":
        return export_list(
            f"{_('Plans')}.xlsx",
            _("Plans"),
            [
                Column(_("Number-symbol"), lambda p: p.symbol, 16),
                Column(_("Title"), lambda p: p.title, 50),
                Column(_("Organisation"), lambda p: p.organization.display_name, 24),
                Column(_("Year"), lambda p: p.year, 8),
                Column(_("Program"), lambda p: p.program.symbol, 16),
                Column(_("Status"), lambda p: p.get_status_display(), 14),
                Column(_("Revision"), lambda p: p.revision, 9),
                Column(_("Tasks"), lambda p: task_counts.get(p.pk, 0), 9),
            ],
            plans,
            title=_("Plans"),
        )
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "planning/plan_list.html",
        {"page": page, "filter_form": form, "task_counts": task_counts},
    )


def _task_counts(plans) -> dict:
    """Tasks per plan, in one GROUP BY."""
    ids = list(plans.values_list("pk", flat=True))
    rows = (
        plan_tasks([Plan(pk=i) for i in ids]).order_by().values("source_id").annotate(n=Count("pk"))
    )
    return {row["source_id"]: row["n"] for row in rows}


@require_http_methods(["GET", "POST"])
def plan_create(request, pk):
    program = _program(request, pk, "planning.add_plan")
    form = PlanForm(_posted(request)[0], program=program, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(
            request,
            form,
            lambda: services.create_plan(
                acting_user=request.user,
                program=program,
                organization=data.get("organization") or request.user.organization,
                title=data["title"],
                year=data["year"],
                summary=data["summary"],
            ),
            _("The plan is drafted: add its tasks, then send it for approval."),
            fallback=program,
        )
        if done:
            return done
    return _form_page(
        request,
        form,
        _("New plan under %(doc)s") % {"doc": program.symbol},
        back=program.get_absolute_url(),
    )


def _plan(request, pk, perm=None) -> Plan:
    return get_for_user(
        Plan.objects.select_related("program__committee", "organization", "previous"),
        request.user,
        pk,
        perm=perm,
    )


@require_GET
def plan_detail(request, pk):
    plan = _plan(request, pk)
    user = request.user
    tasks = (
        source_tasks(plan)
        .filter(pk__in=Task.objects.visible_to(user).values("pk"))
        .select_related("lead", "area")
        .prefetch_related("targets")
        .order_by("due_date", "pk")
    )
    if request.GET.get("export") == "xlsx":
        return export_tasks(tasks, plan.symbol.replace("/", "-"))
    revisions = _revisions(plan, user)
    can_change = user.has_perm("planning.change_plan", plan)
    from django.urls import reverse

    steps = [
        {"label": t.label, "style": t.style, "url": reverse(STEP_URLS[t.action], args=[plan.pk])}
        for t in PLAN_WORKFLOW.available(plan, user)
    ]
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "tasks": tasks,
            "revisions": revisions,
            "steps": steps,
            "can_edit": can_change and plan.is_editable,
            "can_revise": can_change
            and plan.status == Plan.APPROVED
            and not any(r.previous_id == plan.pk for r in revisions),
            "can_renumber": user.has_perm("planning.renumber", plan),
        },
    )


def _revisions(plan: Plan, user) -> list[Plan]:
    """Every revision of the plan the user may see, newest first (a handful of rows)."""
    first = plan
    while first.previous_id:
        first = Plan.objects.only("pk", "previous_id").get(pk=first.previous_id)
    ids = [first.pk]
    while True:
        nxt = Plan.objects.filter(previous_id=ids[-1]).values_list("pk", flat=True).first()
        if nxt is None:
            break
        ids.append(nxt)
    return list(Plan.objects.visible_to(user).filter(pk__in=ids).order_by("-revision"))


@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = _plan(request, pk, "planning.change_plan")
    if not plan.is_editable:
        return _frozen(request, plan)
    form = PlanForm(_posted(request)[0], instance=plan, program=plan.program, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in form.changed_data if k != "version"}
        done = _run(
            request,
            form,
            lambda: services.update_plan(
                plan, acting_user=request.user, version=form.cleaned_data["version"], **fields
            ),
            _("Saved."),
            fallback=plan,
        )
        if done:
            return done
    return _form_page(request, form, plan, back=plan.get_absolute_url(), audited=plan)


def _frozen(request, plan):
    messages.error(
        request,
        _("An approved or submitted plan is frozen: changes go through a new revision.")
        if plan.status in (Plan.APPROVED, Plan.SUPERSEDED)
        else _("This plan is waiting for approval and cannot be changed now."),
    )
    return redirect(plan)


@require_http_methods(["GET", "POST"])
def plan_number(request, pk):
    return _renumber_page(request, _plan(request, pk, "planning.renumber"), services.renumber_plan)


def _step(request, pk, action: str, step, success: str, *, reason_required: bool = False):
    plan = _plan(request, pk)
    transition = PLAN_WORKFLOW[action]
    if not transition.allowed(request.user, plan):
        raise PermissionDenied
    if plan.status not in transition.sources:
        messages.error(
            request,
            _("This step cannot be taken now: the plan is “%(status)s”.")
            % {"status": plan.get_status_display()},
        )
        return redirect(plan)
    form = (ReasonRequiredForm if reason_required else NoteForm)(_posted(request)[0])
    if request.method == "POST" and form.is_valid():
        done = _run(
            request,
            form,
            lambda: step(plan, acting_user=request.user, note=form.cleaned_data["note"]),
            success,
            fallback=plan,
        )
        if done:
            return done
    return render(
        request,
        "planning/plan_step.html",
        {
            "plan": plan,
            "form": form,
            "title": transition.label,
            "style": transition.style,
            "tasks": source_tasks(plan).select_related("lead").order_by("due_date", "pk"),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_submit(request, pk):
    return _step(request, pk, "submit", services.submit_plan, _("The plan is sent for approval."))


@require_http_methods(["GET", "POST"])
def plan_approve(request, pk):
    return _step(
        request,
        pk,
        "approve",
        services.approve_plan,
        _("The plan is approved and its tasks are published."),
    )


@require_http_methods(["GET", "POST"])
def plan_return(request, pk):
    return _step(
        request,
        pk,
        "return",
        services.return_plan,
        _("The plan is returned to its organisation."),
        reason_required=True,
    )


@require_http_methods(["GET", "POST"])
def plan_revise(request, pk):
    plan = _plan(request, pk, "planning.change_plan")
    if plan.status != Plan.APPROVED:
        messages.error(request, _("Only an approved plan can be revised."))
        return redirect(plan)
    if request.method == "POST":
        try:
            revision = services.revise_plan(plan, acting_user=request.user)
        except WorkflowError as exc:
            messages.error(request, exc.message)
            return redirect(plan)
        messages.success(
            request,
            _(
                "Revision %(n)s is drafted with a copy of the tasks. The approved plan stays in "
                "force until the revision is approved."
            )
            % {"n": revision.revision},
        )
        return redirect(revision)
    return render(
        request,
        "planning/plan_step.html",
        {
            "plan": plan,
            "form": None,
            "title": _("Revise the plan"),
            "style": "primary",
            "explain": _(
                "A new draft of this plan is made with a copy of its tasks. You change the draft "
                "and send it for approval; until it is approved, this plan stays in force and "
                "work goes on under it."
            ),
            "tasks": source_tasks(plan).select_related("lead").order_by("due_date", "pk"),
        },
    )


# --- the tasks of a plan -------------------------------------------------------------------


def _plan_task(request, pk):
    task = get_for_user(Task.objects.select_related("lead"), request.user, pk)
    plan = task.source
    if not isinstance(plan, Plan):
        from django.http import Http404

        raise Http404
    if not request.user.has_perm("planning.change_plan", plan):
        raise PermissionDenied
    return task, plan


def _task_form_page(request, plan, form, rows, title, task=None):
    return render(
        request,
        "planning/plan_task_form.html",
        {"plan": plan, "form": form, "rows": rows, "title": title, "task": task},
    )


@require_http_methods(["GET", "POST"])
def plan_task_add(request, pk):
    plan = _plan(request, pk, "planning.change_plan")
    if not plan.is_editable:
        return _frozen(request, plan)
    data = _posted(request)[0]
    form = PlanTaskForm(data, plan=plan)
    rows = TargetRows(data, prefix="targets")
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        fields = _without_version(form)  # a new task has no earlier save to compare with
        done = _run(
            request,
            form,
            lambda: services.add_plan_task(
                plan, acting_user=request.user, targets=rows.targets(), **fields
            ),
            _("The task is added to the plan."),
            fallback=plan,
            then=plan,
        )
        if done:
            return done
    return _task_form_page(
        request, plan, form, rows, _("New task of %(doc)s") % {"doc": plan.symbol}
    )


@require_http_methods(["GET", "POST"])
def plan_task_edit(request, pk):
    task, plan = _plan_task(request, pk)
    if not plan.is_editable:
        return _frozen(request, plan)
    data = _posted(request)[0]
    initial = {
        "title": task.title,
        "area": task.area_id,
        "description": task.description,
        "expected_result": task.expected_result,
        "lead": task.lead_id,
        "coordinators": list(task.coordinators.values_list("pk", flat=True)),
        "units": list(task.units.values_list("pk", flat=True)),
        "start_date": task.start_date,
        "due_date": task.due_date,
        "version": task.version,
    }
    form = PlanTaskForm(data, plan=plan, initial=initial)
    rows = TargetRows(
        data,
        prefix="targets",
        initial=[
            {"label": t.label, "unit": t.unit, "target": t.target} for t in task.targets.all()
        ],
    )
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        fields = dict(form.cleaned_data)  # carries `version`: a stale edit is refused
        done = _run(
            request,
            form,
            lambda: services.change_plan_task(
                task, acting_user=request.user, targets=rows.targets(), **fields
            ),
            _("Saved."),
            fallback=plan,
            then=plan,
        )
        if done:
            return done
    return _task_form_page(request, plan, form, rows, task.title, task)


@require_http_methods(["GET", "POST"])
def plan_task_delete(request, pk):
    task, plan = _plan_task(request, pk)
    if not plan.is_editable:
        return _frozen(request, plan)
    if request.method == "POST":
        try:
            services.remove_plan_task(task, acting_user=request.user)
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The task is removed from the plan."))
        return redirect(plan)
    return render(request, "planning/plan_task_delete.html", {"plan": plan, "task": task})


def waiting_count(user) -> int:
    """Plans waiting for the standing office's approval; my organisation's returned plans.
    One query (it runs on every page, in the navigation)."""
    if not user.is_authenticated:
        return 0
    nothing = Q(pk__in=[])
    # rules' own check: the model backend's would query the permission tables on every page.
    submitted = (
        Q(status=Plan.SUBMITTED) if rules.has_perm("planning.approve_plan", user) else nothing
    )
    returned = (
        Q(organization_id=user.organization_id, status=Plan.RETURNED)
        if user.organization_id
        else nothing
    )
    counts = Plan.objects.aggregate(
        submitted=Count("pk", filter=submitted), returned=Count("pk", filter=returned)
    )
    return counts["submitted"] + counts["returned"]
