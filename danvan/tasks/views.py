"""Task pages: lists, the month timeline, the task page and one page per step.

Every step page is a plain form that works without JavaScript; the task page loads it inline
with htmx when it can (the same view answers with the `_task_action.html` fragment).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from danvan.accounts.access import get_for_user
from danvan.core.excel import Column, export_list
from danvan.core.workflow import WorkflowError
from danvan.tasks import services
from danvan.tasks.forms import (
    CommentForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    FinishForm,
    NoteForm,
    NoteRequiredForm,
    ProgressForm,
    TaskFilterForm,
    apply_errors,
)
from danvan.tasks.models import Task, TaskExtension
from danvan.tasks.services import TASK_WORKFLOW

PAGE_SIZE = 50

# The lists of the section: (title, narrowing of the visible tasks).
LISTS = {
    "all": gettext_lazy("All tasks"),
    "mine": gettext_lazy("My organisation's tasks"),
    "overdue": gettext_lazy("Overdue tasks"),
    "due_soon": gettext_lazy("Tasks due soon"),
}

# Workflow action -> the URL of its page.
STEP_URLS = {
    "complete": "tasks:task_complete",
    "report_result": "tasks:task_report",
    "confirm": "tasks:task_confirm",
    "return_result": "tasks:task_return",
    "cancel": "tasks:task_cancel",
    "reopen": "tasks:task_reopen",
}


def _scoped(user, scope: str, today: date):
    tasks = Task.objects.visible_to(user)
    if scope == "mine":
        if not user.organization_id:
            return tasks.none()
        return tasks.of_organization(user.organization_id)
    # Deadlines bind once the source is in force (plan approved, direction issued).
    if scope == "overdue":
        return tasks.filter(is_published=True).overdue(today)
    if scope == "due_soon":
        return tasks.filter(is_published=True).due_soon(today)
    return tasks


def _filter_form(request, base) -> TaskFilterForm:
    return _filter_form_with(request.GET or None, base)


def _filter_form_with(data, base) -> TaskFilterForm:
    # Distinct dates, years taken here: dates("due_date", "year") truncates every row with a
    # Python function on SQLite (a third of the task list's SQL with 3,400 tasks).
    dates = base.exclude(due_date=None).order_by().values_list("due_date", flat=True).distinct()
    years = sorted({d.year for d in dates}, reverse=True)
    form = TaskFilterForm(data, years=years)
    form.is_valid()
    return form


def export_columns() -> list[Column]:
    def names(items) -> str:
        return ", ".join(str(getattr(i, "display_name", i)) for i in items)

    return [
        Column(_("Task"), lambda t: t.title, 50),
        Column(_("Content area"), lambda t: t.area, 28),
        Column(_("Lead organisation"), lambda t: t.lead.display_name, 24),
        Column(_("Coordinating organisations"), lambda t: names(t.coordinators.all()), 30),
        Column(_("Localities"), lambda t: names(t.units.all()), 24),
        Column(_("Start date"), lambda t: t.start_date, 13),
        Column(_("Due date"), lambda t: t.due_date, 13),
        Column(_("Status"), lambda t: t.status.label, 16),
        Column(_("Progress (%)"), lambda t: t.progress, 10),
        Column(_("Completed on"), lambda t: t.completed_on, 13),
        Column(_("Source"), lambda t: t.source or "", 30),
    ]


def export_tasks(tasks, title: str):
    rows = tasks.select_related("lead", "area").prefetch_related("coordinators", "units", "source")
    return export_list(f"{title}.xlsx", _("Tasks"), export_columns(), rows, title=title)


@require_GET
def task_list(request, scope: str = "all"):
    today = timezone.localdate()
    base = _scoped(request.user, scope, today)
    form = _filter_form(request, Task.objects.visible_to(request.user))
    tasks = form.filter(base, today)
    title = str(LISTS[scope])
    if request.GET.get("export") == "xlsx":
        return export_tasks(tasks, title)
    page = Paginator(tasks.select_related("lead", "area"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "tasks/task_list.html",
        {
            "page": page,
            "filter_form": form,
            "scope": scope,
            "title": title,
            "lists": LISTS,
            "no_organization": scope == "mine" and not request.user.organization_id,
        },
    )


@require_GET
def task_timeline(request):
    today = timezone.localdate()
    visible = Task.objects.visible_to(request.user)
    form = _filter_form(request, visible)
    year = form.cleaned_data.get("year") if form.is_bound else None
    if not year:
        # The latest year with work up to this one; the year box shows which.
        years = [y for y, _label in form.fields["year"].choices if y]
        year = next((y for y in years if y <= today.year), years[0] if years else today.year)
        data = request.GET.copy()
        data["year"] = str(year)
        form = _filter_form_with(data, visible)
    tasks = form.filter(visible, today).filter(due_date__year=year)
    title = _("Tasks by month, %(year)s") % {"year": year}
    if request.GET.get("export") == "xlsx":
        return export_tasks(tasks, title)
    months: OrderedDict[int, list] = OrderedDict((m, []) for m in range(1, 13))
    for task in tasks.select_related("lead"):
        months[task.due_date.month].append(task)
    return render(
        request,
        "tasks/task_timeline.html",
        {
            "filter_form": form,
            "year": year,
            "months": months.items(),
            "title": title,
            "lists": LISTS,
            "scope": "timeline",
        },
    )


def _step_links(task: Task, user) -> list[dict]:
    from django.urls import reverse

    links = [
        {
            "label": t.label,
            "style": t.style,
            "url": reverse(STEP_URLS[t.action], args=[task.pk]),
            "action": t.action,
        }
        for t in TASK_WORKFLOW.available(task, user)
    ]
    return links


@require_GET
def task_detail(request, pk):
    task = get_for_user(
        Task.objects.select_related(
            "lead", "owner", "area", "created_by", "confirmed_by", "carried_from"
        ),
        request.user,
        pk,
    )
    user = request.user
    extensions = list(task.extensions.select_related("requested_by", "decided_by"))
    pending = next((e for e in extensions if e.state == TaskExtension.REQUESTED), None)
    is_open = task.state == Task.OPEN
    targets = list(task.targets.all())
    by_id = {str(t.pk): t for t in targets}
    updates = list(task.updates.select_related("author", "organization"))
    for update in updates:
        update.figure_rows = [
            (by_id[key].label, value, by_id[key].unit)
            for key, value in update.figures.items()
            if key in by_id
        ]
    return render(
        request,
        "tasks/task_detail.html",
        {
            "task": task,
            "source": task.source,
            "newer": task.carried_to.order_by("-pk").first()
            if task.state == Task.SUPERSEDED
            else None,
            "coordinators": task.coordinators.order_by("sort_key"),
            "units": task.units.order_by("level", "sort_key"),
            "targets": targets,
            "updates": updates,
            "extensions": extensions,
            "pending_extension": pending,
            "steps": _step_links(task, user),
            "can_progress": is_open and user.has_perm("tasks.report_progress", task),
            "can_note": user.has_perm("tasks.add_note", task),
            "can_request_extension": is_open
            and pending is None
            and user.has_perm("tasks.request_extension", task),
            "can_decide_extension": pending is not None
            and user.has_perm("tasks.decide_extension", task),
        },
    )


def _posted(request) -> tuple:
    """The form data of a POST (even an empty one: a step may need no input), else None."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _step_page(request, task: Task, form, title: str, *, submit: str, style: str = "primary"):
    context = {
        "task": task,
        "form": form,
        "title": title,
        "submit": submit,
        "style": style,
        "action_url": request.path,
        "multipart": any(f.field.widget.needs_multipart_form for f in form),
    }
    template = "tasks/_task_action.html" if request.htmx else "tasks/task_action.html"
    return render(request, template, context)


def _refuse(request, task: Task, message: str):
    messages.error(request, message)
    return redirect(task)


def _wrong_state(request, task: Task):
    return _refuse(
        request,
        task,
        _("This step cannot be taken now: the task is “%(status)s”.")
        % {"status": task.status.label},
    )


def _run(request, task: Task, form, step, success: str):
    """Call a service step with the form's data; errors go back onto the form."""
    try:
        step()
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    except WorkflowError as exc:
        return _refuse(request, task, exc.message)
    messages.success(request, success)
    return redirect(task)


@require_http_methods(["GET", "POST"])
def task_progress(request, pk):
    task = get_for_user(Task.objects, request.user, pk, perm="tasks.report_progress")
    if task.state != Task.OPEN:
        return _wrong_state(request, task)
    form = ProgressForm(*_posted(request), task=task)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(
            request,
            task,
            form,
            lambda: services.record_progress(
                task,
                acting_user=request.user,
                on=data["on"],
                percent=data["percent"],
                text=data["text"],
                figures=form.figures(),
                files=data["files"],
            ),
            _("Progress recorded."),
        )
        if done:
            return done
    return _step_page(request, task, form, _("Record progress"), submit=_("Save"))


@require_http_methods(["GET", "POST"])
def task_note(request, pk):
    task = get_for_user(Task.objects, request.user, pk, perm="tasks.add_note")
    form = NoteForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        done = _run(
            request,
            task,
            form,
            lambda: services.add_note(
                task,
                acting_user=request.user,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["files"],
            ),
            _("Note added."),
        )
        if done:
            return done
    return _step_page(request, task, form, _("Add a note"), submit=_("Save"))


def _gate(request, pk, action: str):
    """The task for a workflow step: 404 outside scope, 403 without the right, else the task
    and, if its state does not allow the step now, the redirect that says so."""
    task = get_for_user(Task.objects, request.user, pk)
    transition = TASK_WORKFLOW[action]
    if not transition.allowed(request.user, task):
        raise PermissionDenied
    if task.state not in transition.sources:
        return task, _wrong_state(request, task)
    return task, None


def _finish_view(request, pk, action: str, step, success: str):
    task, refused = _gate(request, pk, action)
    if refused:
        return refused
    form = FinishForm(*_posted(request), task=task)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(
            request,
            task,
            form,
            lambda: step(
                task,
                acting_user=request.user,
                text=data["text"],
                files=data["files"],
                on=data["on"],
                figures=form.figures(),
            ),
            success,
        )
        if done:
            return done
    transition = TASK_WORKFLOW[action]
    return _step_page(
        request, task, form, transition.label, submit=transition.label, style=transition.style
    )


@require_http_methods(["GET", "POST"])
def task_complete(request, pk):
    return _finish_view(
        request, pk, "complete", services.complete_task, _("The task is marked done.")
    )


@require_http_methods(["GET", "POST"])
def task_report(request, pk):
    return _finish_view(
        request,
        pk,
        "report_result",
        services.report_result,
        _("The result is reported; the standing office will confirm it."),
    )


def _note_view(request, pk, action: str, step, success: str, *, required: bool = True):
    task, refused = _gate(request, pk, action)
    if refused:
        return refused
    form_class = NoteRequiredForm if required else CommentForm
    form = form_class(*_posted(request)[:1])
    if request.method == "POST" and form.is_valid():
        done = _run(
            request,
            task,
            form,
            lambda: step(task, acting_user=request.user, note=form.cleaned_data["note"]),
            success,
        )
        if done:
            return done
    transition = TASK_WORKFLOW[action]
    return _step_page(
        request, task, form, transition.label, submit=transition.label, style=transition.style
    )


@require_http_methods(["GET", "POST"])
def task_confirm(request, pk):
    return _note_view(
        request,
        pk,
        "confirm",
        services.confirm_result,
        _("Completion confirmed."),
        required=False,
    )


@require_http_methods(["GET", "POST"])
def task_return(request, pk):
    return _note_view(
        request, pk, "return_result", services.return_result, _("The result was returned.")
    )


@require_http_methods(["GET", "POST"])
def task_cancel(request, pk):
    return _note_view(request, pk, "cancel", services.cancel_task, _("The task is cancelled."))


@require_http_methods(["GET", "POST"])
def task_reopen(request, pk):
    return _note_view(request, pk, "reopen", services.reopen_task, _("The task is reopened."))


@require_http_methods(["GET", "POST"])
def task_extension(request, pk):
    task = get_for_user(Task.objects, request.user, pk, perm="tasks.request_extension")
    if task.state != Task.OPEN:
        return _wrong_state(request, task)
    form = ExtensionRequestForm(*_posted(request)[:1])
    if request.method == "POST" and form.is_valid():
        done = _run(
            request,
            task,
            form,
            lambda: services.request_extension(
                task,
                acting_user=request.user,
                new_due_date=form.cleaned_data["requested_due_date"],
                reason=form.cleaned_data["reason"],
            ),
            _("The extension request is sent."),
        )
        if done:
            return done
    return _step_page(request, task, form, _("Request an extension"), submit=_("Send"))


@require_http_methods(["GET", "POST"])
def extension_decide(request, pk):
    extension = get_for_user(TaskExtension.objects.select_related("task"), request.user, pk)
    task = extension.task
    if not request.user.has_perm("tasks.decide_extension", task):
        raise PermissionDenied
    if extension.state != TaskExtension.REQUESTED:
        return _refuse(request, task, _("This extension request has already been decided."))
    form = ExtensionDecisionForm(*_posted(request)[:1])
    if request.method == "POST" and form.is_valid():
        grant = form.cleaned_data["decision"] == ExtensionDecisionForm.GRANT
        done = _run(
            request,
            task,
            form,
            lambda: services.decide_extension(
                extension, acting_user=request.user, grant=grant, note=form.cleaned_data["note"]
            ),
            _("The extension is granted.") if grant else _("The extension is refused."),
        )
        if done:
            return done
    return _step_page(
        request,
        task,
        form,
        _("Extension to %(due)s requested: %(reason)s")
        % {"due": extension.requested_due_date.strftime("%d/%m/%Y"), "reason": extension.reason},
        submit=_("Save"),
    )


def waiting_count(user) -> int:
    """The planning section's inbox: my organisation's overdue tasks, and results waiting for
    my confirmation. One query (it runs on every page, in the navigation)."""
    if not user.is_authenticated:
        return 0
    today = timezone.localdate()
    overdue = (
        Q(lead_id=user.organization_id, is_published=True, state=Task.OPEN, due_date__lt=today)
        if user.organization_id
        else Q(pk__in=[])
    )
    # rules' own check: the model backend's would query the permission tables on every page.
    reported = (
        Q(state=Task.REPORTED) if rules.has_perm("tasks.confirm_result", user) else Q(pk__in=[])
    )
    counts = Task.objects.visible_to(user).aggregate(
        overdue=Count("pk", filter=overdue), reported=Count("pk", filter=reported)
    )
    return counts["overdue"] + counts["reported"]
