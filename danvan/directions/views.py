from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts.access import get_for_user
from danvan.core.concurrency import ConcurrentEditError
from danvan.core.excel import Column, export_list
from danvan.core.models import Attachment
from danvan.core.periods import QUARTER, YEAR, Period
from danvan.core.text import search_terms
from danvan.core.uploads import attachments_of
from danvan.core.workflow import WorkflowError
from danvan.directions import inbox, stats, timeline
from danvan.directions.forms import (
    STEP_FORMS,
    AssignForm,
    AssignmentFilterForm,
    AssignmentForm,
    AssignmentFormSet,
    PeriodForm,
    ProposalFilterForm,
    ProposalForm,
)
from danvan.directions.models import Direction, Proposal
from danvan.directions.services import (
    PROPOSAL_WORKFLOW,
    STEP_FUNCTIONS,
    assign_tasks,
    create_proposal,
    remove_attachment,
    update_proposal,
)
from danvan.tasks.models import Status, Task

PAGE_SIZE = 50


def _proposals(user):
    return Proposal.objects.visible_to(user).select_related("organization", "area", "author")


def _get_proposal(request, pk, perm=None) -> Proposal:
    return get_for_user(
        Proposal.objects.select_related("organization", "area", "author", "committee"),
        request.user,
        pk,
        perm=perm,
    )


def _add_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# ---------------------------------------------------------------------------------------------
# Việc chờ tôi


@require_GET
def index(request):
    counts = inbox.counts(request.user)
    boxes = []
    for box in inbox.BOXES:
        if box.key not in counts:
            continue
        count = counts[box.key]
        rows = list(inbox.items(request.user, box.key)[:20]) if count else []
        boxes.append({"box": box, "count": count, "rows": rows})
    return render(
        request,
        "directions/index.html",
        {
            "boxes": boxes,
            "can_add": request.user.has_perm("directions.add_proposal"),
            "today": timezone.localdate(),
        },
    )


# ---------------------------------------------------------------------------------------------
# Proposals


def _filtered_proposals(request):
    form = ProposalFilterForm(request.GET or None)
    qs = _proposals(request.user)
    if form.is_valid():
        data = form.cleaned_data
        for term in search_terms(data["q"]):
            qs = qs.filter(search_text__contains=term)
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
        if data["organization"]:
            qs = qs.filter(organization=data["organization"])
        if data["year"]:
            qs = qs.filter(created_at__year=data["year"])
    # Not yet registered first (they wait), then the register, newest first: the same on
    # SQLite and PostgreSQL, which put NULLs at opposite ends by default.
    return form, qs.order_by(
        F("incoming_year").desc(nulls_first=True),
        F("incoming_number").desc(nulls_first=True),
        "-created_at",
        "-pk",
    )


@require_GET
def proposal_list(request):
    form, qs = _filtered_proposals(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directions/proposal_list.html",
        {
            "page": page,
            "filter_form": form,
            "query": query.urlencode(),
            "can_add": request.user.has_perm("directions.add_proposal"),
        },
    )


@require_GET
def proposal_export(request):
    _form, qs = _filtered_proposals(request)
    columns = [
        Column(_("Incoming no."), lambda p: p.incoming_label, 12),
        Column(_("Date received"), lambda p: p.incoming_date, 14),
        Column(_("Number and symbol"), lambda p: p.outgoing_symbol, 16),
        Column(_("Kind of document"), lambda p: p.get_kind_display(), 14),
        Column(_("Title"), lambda p: p.title, 50),
        Column(_("Sending organisation"), lambda p: p.organization.name, 30),
        Column(_("Content area"), lambda p: p.area.name if p.area else "", 25),
        Column(_("Sent at"), lambda p: p.sent_at, 18),
        Column(_("Status"), lambda p: p.get_status_display(), 16),
    ]
    return export_list(
        "van-ban-de-xuat.xlsx",
        _("Proposals"),
        columns,
        qs.iterator(),
        title=_("Register of proposals"),
    )


@require_http_methods(["GET", "POST"])
def proposal_create(request):
    if not request.user.has_perm("directions.add_proposal"):
        raise PermissionDenied
    form = ProposalForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = create_proposal(
                acting_user=request.user,
                units=form.cleaned_data["units"],
                related_tasks=form.cleaned_data["related_tasks"],
                files=form.cleaned_data["files"],
                **form.model_values(),
            )
        except ValidationError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Saved as a draft. Send it when it is ready."))
            return redirect(proposal)
    return render(request, "directions/proposal_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk):
    proposal = _get_proposal(request, pk, perm="directions.change_proposal")
    form = ProposalForm(
        request.POST or None, request.FILES or None, instance=proposal, user=request.user
    )
    version = proposal.version
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        if form.is_valid():
            try:
                update_proposal(
                    Proposal.objects.get(pk=proposal.pk),
                    acting_user=request.user,
                    expected_version=version,
                    units=form.cleaned_data["units"],
                    related_tasks=form.cleaned_data["related_tasks"],
                    files=form.cleaned_data["files"],
                    **form.model_values(),
                )
            except ValidationError as exc:
                _add_error(form, exc)
            except ConcurrentEditError as exc:  # tell, and keep what was typed
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect(proposal)
    return render(
        request,
        "directions/proposal_form.html",
        {
            "form": form,
            "proposal": proposal,
            "version": version,
            "attachments": attachments_of(proposal),
        },
    )


@require_POST
def proposal_file_delete(request, pk, key):
    proposal = _get_proposal(request, pk, perm="directions.change_proposal")
    try:
        item = attachments_of(proposal).get(key=key)
    except (Attachment.DoesNotExist, ValidationError):
        raise Http404 from None
    remove_attachment(proposal, item, acting_user=request.user)
    messages.success(request, _("File removed."))
    return redirect("directions:proposal_edit", pk=proposal.pk)


def _task_rows(proposal: Proposal):
    return list(
        proposal.tasks()
        .with_status()
        .select_related("lead")
        .prefetch_related("coordinators")
        .order_by("source_id", "pk")
    )


@require_GET
def proposal_detail(request, pk):
    proposal = _get_proposal(request, pk)
    user = request.user
    actions = []
    for transition in PROPOSAL_WORKFLOW.available(proposal, user):
        if transition.action == "assign":
            actions.append({"transition": transition, "form": None})
            continue
        form_class = STEP_FORMS[transition.action]
        actions.append(
            {
                "transition": transition,
                "form": form_class(proposal=proposal, auto_id=f"id_{transition.action}_%s"),
            }
        )
    return render(
        request,
        "directions/proposal_detail.html",
        {
            "proposal": proposal,
            "units": proposal.units.all(),
            "related_tasks": proposal.related_tasks.select_related("lead"),
            "attachments": attachments_of(proposal),
            "directions": proposal.directions.select_related("directed_by"),
            "tasks": _task_rows(proposal),
            "steps": timeline.build(proposal),
            "actions": actions,
            "can_edit": user.has_perm("directions.change_proposal", proposal),
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_step(request, pk, action):
    proposal = _get_proposal(request, pk)
    transition = PROPOSAL_WORKFLOW[action]
    if not transition.allowed(request.user, proposal):
        raise PermissionDenied
    form_class = STEP_FORMS[action]
    form = form_class(request.POST or None, proposal=proposal)
    if request.method == "POST":
        if form.is_valid():
            try:
                STEP_FUNCTIONS[action](
                    proposal,
                    acting_user=request.user,
                    expected_version=form.cleaned_data["version"],
                    **form.step_kwargs(),
                )
            except WorkflowError as exc:
                messages.error(request, exc.message)
                return redirect(proposal)
            except ValidationError as exc:
                _add_error(form, exc)
            else:
                messages.success(request, _("Done: %(step)s.") % {"step": transition.label})
                return redirect(proposal)
    elif proposal.status not in transition.sources:
        messages.error(
            request,
            _("This step cannot be taken now: the record is “%(state)s”.")
            % {"state": proposal.get_status_display()},
        )
        return redirect(proposal)
    return render(
        request,
        "directions/proposal_step.html",
        {"proposal": proposal, "form": form, "transition": transition},
    )


def _with_one_more_row(data, proposal):
    """The typed rows as initial values (so no errors show yet) and one empty row more."""
    total = min(int(data.get("task-TOTAL_FORMS") or 1), 19)
    initial = []
    for i in range(total):
        prefix = f"task-{i}-"
        initial.append(
            {
                "title": data.get(prefix + "title", ""),
                "lead": data.get(prefix + "lead") or None,
                "coordinators": data.getlist(prefix + "coordinators"),
                "due_date": data.get(prefix + "due_date", ""),
                "expected_result": data.get(prefix + "expected_result", ""),
            }
        )
    more = forms.formset_factory(AssignmentForm, extra=1, max_num=20)
    form = AssignForm(
        initial={"note": data.get("note", ""), "version": data.get("version")}, proposal=proposal
    )
    return form, more(initial=initial, prefix="task")


@require_http_methods(["GET", "POST"])
def proposal_assign(request, pk):
    """Giao nhiệm vụ: a direction and one or more assignments. Without JavaScript, "Add a
    task" posts the form back with one more row; with htmx only the rows are swapped."""
    proposal = _get_proposal(request, pk)
    transition = PROPOSAL_WORKFLOW["assign"]
    if not transition.allowed(request.user, proposal):
        raise PermissionDenied
    if request.method == "GET" and proposal.status not in transition.sources:
        messages.error(
            request,
            _("This step cannot be taken now: the record is “%(state)s”.")
            % {"state": proposal.get_status_display()},
        )
        return redirect(proposal)
    data = request.POST if request.method == "POST" else None
    form = AssignForm(data, proposal=proposal)
    formset = AssignmentFormSet(data, prefix="task")
    if data is not None and "add_row" in data:
        form, formset = _with_one_more_row(data, proposal)
    elif data is not None and form.is_valid() and formset.is_valid():
        assignments = [f.cleaned_data for f in formset.forms if f.cleaned_data]
        try:
            assign_tasks(
                proposal,
                acting_user=request.user,
                expected_version=form.cleaned_data["version"],
                assignments=assignments,
                **form.step_kwargs(),
            )
        except WorkflowError as exc:
            messages.error(request, exc.message)
            return redirect(proposal)
        except ValidationError as exc:
            _add_error(form, exc)
        else:
            messages.success(
                request,
                ngettext("%(n)d task assigned.", "%(n)d tasks assigned.", len(assignments))
                % {"n": len(assignments)},
            )
            return redirect(proposal)
    return render(
        request,
        "directions/proposal_assign.html",
        {"proposal": proposal, "form": form, "formset": formset, "transition": transition},
    )


# ---------------------------------------------------------------------------------------------
# Assignments, statistics, overdue


def _proposal_of(tasks) -> dict[int, Proposal]:
    """The proposal behind each assignment, in one query."""
    directions = Direction.objects.filter(pk__in={t.source_id for t in tasks}).select_related(
        "proposal"
    )
    return {d.pk: d.proposal for d in directions}


def _filtered_assignments(request):
    form = AssignmentFilterForm(request.GET or None)
    qs = (
        stats.direction_tasks()
        .visible_to(request.user)
        .with_status()
        .select_related("lead")
        .prefetch_related(Prefetch("coordinators"))
    )
    if form.is_valid():
        data = form.cleaned_data
        for term in search_terms(data["q"]):
            qs = qs.filter(search_text__contains=term)
        if data["status"]:
            qs = qs.filter(status_code=data["status"])
        if data["lead"]:
            qs = qs.filter(lead=data["lead"])
        if data["year"]:
            qs = qs.filter(due_date__year=data["year"])
    return form, qs.order_by("due_date", "pk")


@require_GET
def assignment_list(request):
    form, qs = _filtered_assignments(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    proposals = _proposal_of(page.object_list)
    rows = [(task, proposals.get(task.source_id)) for task in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directions/assignment_list.html",
        {
            "page": page,
            "rows": rows,
            "filter_form": form,
            "query": query.urlencode(),
            "statuses": dict(Status.choices),
        },
    )


@require_GET
def assignment_export(request):
    _form, qs = _filtered_assignments(request)
    tasks = list(qs)
    proposals = _proposal_of(tasks)
    statuses = dict(Status.choices)
    columns = [
        Column(_("Task"), lambda t: t.title, 50),
        Column(_("Lead organisation"), lambda t: t.lead.name, 30),
        Column(
            _("Coordinating organisations"),
            lambda t: "; ".join(o.display_name for o in t.coordinators.all()),
            30,
        ),
        Column(_("Deadline"), lambda t: t.due_date, 14),
        Column(_("Completed on"), lambda t: t.completed_on, 14),
        Column(_("Status"), lambda t: statuses.get(t.status_code, ""), 16),
        Column(_("Expected result"), lambda t: t.expected_result, 40),
        Column(
            _("Proposal"),
            lambda t: str(proposals.get(t.source_id, "")),
            40,
        ),
    ]
    return export_list(
        "nhiem-vu-duoc-giao.xlsx",
        _("Assignments"),
        columns,
        tasks,
        title=_("Tasks assigned by the head's directions"),
    )


@require_GET
def statistics(request):
    today = timezone.localdate()
    years = stats.years_with_assignments(request.user)
    default_year = years[0] if years else today.year
    form = PeriodForm(request.GET or {"year": default_year})
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    else:
        year, quarter = default_year, None
    period = Period.parse(f"{year}Q{quarter}") if quarter else Period.parse(str(year))
    rows, total = stats.completion(request.user, period, today)
    quarters = []
    if not quarter:
        for child in period.children(QUARTER):
            _rows, q_total = stats.completion(request.user, child, today)
            quarters.append((child, q_total))
    return render(
        request,
        "directions/statistics.html",
        {
            "form": form,
            "period": period,
            "rows": rows,
            "total": total,
            "quarters": quarters,
            "years": years,
            "is_year": period.type == YEAR,
        },
    )


@require_GET
def overdue(request):
    if not request.user.has_perm("directions.view_overdue"):
        raise PermissionDenied
    today = timezone.localdate()
    qs = (
        stats.direction_tasks()
        .visible_to(request.user)
        .overdue(today)
        .select_related("lead")
        .prefetch_related("coordinators")
        .order_by("due_date", "pk")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    proposals = _proposal_of(page.object_list)
    rows = [
        (task, proposals.get(task.source_id), (today - task.due_date).days)
        for task in page.object_list
    ]
    return render(
        request,
        "directions/overdue.html",
        {"page": page, "rows": rows, "today": today, "overdue_code": Task.OPEN},
    )
