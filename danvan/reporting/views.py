from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts.access import can_write, get_for_user, is_committee_wide
from danvan.core.audit import as_actor
from danvan.core.concurrency import ConcurrentEditError
from danvan.core.excel import xlsx_response
from danvan.core.forms import ReasonForm
from danvan.core.periods import Period
from danvan.core.workflow import WorkflowError
from danvan.reporting import excel, services
from danvan.reporting.figures import figures
from danvan.reporting.forms import ImportForm, IndicatorForm, ReportFormForm, RuleForm
from danvan.reporting.grid import build_grid, read_post
from danvan.reporting.models import (
    ImportJob,
    Indicator,
    Report,
    ReportForm,
    ValidationRule,
    Value,
)
from danvan.reporting.tasks import run_import


def _require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


# --- Reports: the section's first page ------------------------------------------------------


@require_GET
def index(request):
    """My organisation's forms by period (to fill in), and the reports I may see."""
    user = request.user
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or _latest_year(user, today))
    except ValueError:
        year = today.year
    todo = []
    if user.organization_id and can_write(user):
        my_forms = list(
            ReportForm.objects.filter(organizations=user.organization_id)
            .valid_on(date(year, 12, 31))
            .order_by("sort_key")
        )
        mine = {
            (r.form_id, r.period_start): r
            for r in Report.objects.filter(
                organization_id=user.organization_id,
                form__in=my_forms,
                period_start__year=year,
            )
        }
        for form in my_forms:
            periods = Period(date(year, 1, 1), "year").children(form.period_type)
            chips = []
            for p in periods:
                report = mine.get((form.pk, p.start))
                overdue = (report is None or report.submitted_at is None) and today > form.deadline(
                    p
                )
                chips.append(
                    {
                        "period": p,
                        "report": report,
                        "overdue": overdue,
                        "future": p.start > today,
                        "url": reverse(
                            "reporting:report_entry", args=[form.pk, user.organization_id, p.code]
                        ),
                    }
                )
            todo.append({"form": form, "chips": chips})

    reports = Report.objects.visible_to(user).select_related("form", "organization")
    status = request.GET.get("status", "")
    if status in dict(Report.STATUSES):
        reports = reports.filter(status=status)
    form_filter = request.GET.get("form", "")
    if form_filter.isdigit():
        reports = reports.filter(form_id=int(form_filter))
    page = Paginator(
        reports.order_by("-period_start", "form__sort_key", "organization__sort_key", "pk"), 50
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/index.html",
        {
            "todo": todo,
            "year": year,
            "years": range(today.year - 4, today.year + 1),
            "page": page,
            "status": status,
            "statuses": Report.STATUSES,
            "forms": ReportForm.objects.order_by("sort_key"),
            "form_filter": form_filter,
            "can_manage": user.has_perm("reporting.manage_forms"),
        },
    )


def _latest_year(user, today: date) -> int:
    """This year, or the last year in which the user's organisation had a form to fill."""
    forms = ReportForm.objects.filter(organizations=user.organization_id)
    if not user.organization_id or forms.valid_on(today).exists():
        return today.year
    last = forms.exclude(valid_to=None).order_by("-valid_to").values_list("valid_to", flat=True)
    return min(last[0].year, today.year) if last else today.year


# --- Catalogue: indicators and forms ---------------------------------------------------------


@require_GET
def indicator_list(request):
    return render(
        request,
        "reporting/indicator_list.html",
        {
            "indicators": Indicator.objects.visible_to(request.user)
            .select_related("area")
            .order_by("order", "sort_key"),
            "can_edit": request.user.has_perm("reporting.manage_forms"),
        },
    )


@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk=None):
    if pk is None:
        _require(request.user, "reporting.manage_forms")
        indicator = None
    else:
        indicator = get_for_user(Indicator.objects, request.user, pk, perm="reporting.manage_forms")
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        with as_actor(request.user):
            indicator = form.save()
        messages.success(request, _("Saved."))
        return redirect(indicator)
    return render(
        request,
        "orgs/simple_form.html",
        {
            "form": form,
            "title": indicator or _("New indicator"),
            "back": reverse("reporting:indicator_list"),
            "audited": indicator,
        },
    )


@require_GET
def form_list(request):
    return render(
        request,
        "reporting/form_list.html",
        {
            "forms": ReportForm.objects.visible_to(request.user).order_by("sort_key"),
            "can_edit": request.user.has_perm("reporting.manage_forms"),
        },
    )


@require_GET
def form_detail(request, pk):
    form = get_for_user(ReportForm.objects, request.user, pk)
    return render(
        request,
        "reporting/form_detail.html",
        {
            "form": form,
            "indicators": form.ordered_indicators(),
            "organizations": form.organizations.order_by("sort_key"),
            "rules": form.rules.select_related("left", "right"),
            "rule_form": RuleForm(form=form),
            "can_edit": request.user.has_perm("reporting.manage_forms"),
        },
    )


@require_http_methods(["GET", "POST"])
def form_edit(request, pk=None):
    if pk is None:
        _require(request.user, "reporting.manage_forms")
        instance = None
    else:
        instance = get_for_user(ReportForm.objects, request.user, pk, perm="reporting.manage_forms")
    form = ReportFormForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        report_form = services.save_report_form(form, acting_user=request.user)
        messages.success(request, _("Saved."))
        return redirect(report_form)
    return render(
        request,
        "orgs/simple_form.html",
        {
            "form": form,
            "title": instance or _("New report form"),
            "back": instance.get_absolute_url() if instance else reverse("reporting:form_list"),
            "audited": instance,
        },
    )


@require_POST
def rule_create(request, pk):
    report_form = get_for_user(ReportForm.objects, request.user, pk, perm="reporting.manage_forms")
    form = RuleForm(request.POST, form=report_form)
    if form.is_valid():
        with as_actor(request.user):
            form.instance.form = report_form
            form.save()
        messages.success(request, _("Saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(report_form)


@require_POST
def rule_delete(request, pk):
    rule = get_for_user(ValidationRule.objects.select_related("form"), request.user, pk)
    _require(request.user, "reporting.manage_forms")
    with as_actor(request.user):
        rule.delete()
    messages.success(request, _("Deleted."))
    return redirect(rule.form)


# --- Data entry -------------------------------------------------------------------------------


def _entry_target(request, form_pk: int, org_pk: int, period_code: str):
    """The form, organisation, period and existing report of an entry page, or 404."""
    form = get_for_user(ReportForm.objects, request.user, form_pk)
    try:
        period = Period.parse(period_code)
    except ValueError:
        raise Http404 from None
    if period.type != form.period_type:
        raise Http404
    organization = form.organizations.filter(pk=org_pk).select_related("unit").first()
    if organization is None:
        raise Http404
    report = (
        Report.objects.filter(form=form, organization=organization, period_start=period.start)
        .select_related("form", "organization", "approved_by")
        .first()
    )
    if report is not None:
        if not Report.objects.visible_to(request.user).filter(pk=report.pk).exists():
            raise Http404
    elif not (is_committee_wide(request.user) or request.user.organization_id == organization.pk):
        raise Http404
    return form, organization, period, report


@require_http_methods(["GET", "POST"])
def report_entry(request, form_pk, org_pk, period):
    form, organization, period, report = _entry_target(request, form_pk, org_pk, period)
    user = request.user
    indicators = form.ordered_indicators()
    units = services.localities(form, organization, period)
    values = {(v.indicator_id, v.unit_id): v for v in report.values.all()} if report else {}
    typed, errors = None, None

    if request.method == "POST":
        probe = report or Report(form=form, organization=organization, status=Report.DRAFT)
        if not services.can_edit_values(user, probe):
            if not user.has_perm("reporting.enter_values", probe):
                raise PermissionDenied
            messages.error(request, _("This report cannot be changed now."))
            return redirect(request.path)
        grid = build_grid(form, indicators, units, values)
        typed = read_post(request.POST, grid)
        try:
            version = int(request.POST.get("version") or 0) or None
        except ValueError:
            version = None
        try:
            with transaction.atomic():
                if report is None:
                    report = services.open_report(form, organization, period, acting_user=user)
                    version = report.version
                changed = services.save_values(
                    report, typed, acting_user=user, expected_version=version
                )
        except services.GridInvalid as exc:
            errors = exc.errors
            report = Report.objects.filter(pk=report.pk).first() if report and report.pk else None
            messages.error(
                request,
                _("%(n)d figures are wrong (marked in red); nothing was saved.")
                % {"n": len(errors)},
            )
        except ConcurrentEditError as exc:
            messages.error(request, str(exc))
            report.refresh_from_db()
            errors = {}
        except WorkflowError as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
        else:
            if "send" in request.POST:
                try:
                    services.submit_report(report, acting_user=user)
                except WorkflowError as exc:
                    messages.error(request, exc.message)
                else:
                    messages.success(request, _("Saved and sent for approval."))
                    return redirect(request.path)
            elif changed:
                messages.success(request, _("Saved %(n)d figures.") % {"n": changed})
            else:
                messages.info(request, _("Nothing had changed."))
            return redirect(request.path)

    grid = build_grid(form, indicators, units, values, typed=typed, errors=errors)
    probe = report or Report(form=form, organization=organization, status=Report.DRAFT)
    editable = services.can_edit_values(user, probe)
    if grid.by_commune:
        grid.render_cells(editable)
    steps = (
        [t for t in services.REPORT_WORKFLOW.available(report, user) if t.action != "submit"]
        if report
        else []
    )
    return render(
        request,
        "reporting/report_entry.html",
        {
            "form": form,
            "organization": organization,
            "period": period,
            "report": report,
            "grid": grid,
            "editable": editable,
            "can_send": editable and (report is None or report.status in Report.EDITABLE),
            "steps": steps,
            "reason_form": ReasonForm(),
            "deadline": form.deadline(period),
            "previous": period.previous(),
            "next": period.next(),
            "org_name": organization.name_on(period.start),
            "can_import": editable,
        },
    )


@require_POST
def report_step(request, pk, action):
    report = get_for_user(Report.objects.select_related("form", "organization"), request.user, pk)
    step = services.STEPS.get(action)
    if step is None:
        raise Http404
    form = ReasonForm(request.POST)
    note = form.data.get("note", "")
    try:
        if action == "submit":
            step(report, acting_user=request.user)
        else:
            step(report, acting_user=request.user, note=note)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Done: %(step)s.") % {"step": services.REPORT_WORKFLOW[action].label}
        )
    return redirect(report)


# --- Excel round-trip -------------------------------------------------------------------------


@require_GET
def report_template(request, form_pk, org_pk, period):
    form, organization, period, report = _entry_target(request, form_pk, org_pk, period)
    book = excel.template(form, organization, period, report)
    return xlsx_response(book, excel.file_name(form, organization, period))


@require_http_methods(["GET", "POST"])
def report_import(request, form_pk, org_pk, period):
    form, organization, period_obj, report = _entry_target(request, form_pk, org_pk, period)
    probe = report or Report(form=form, organization=organization, status=Report.DRAFT)
    if not request.user.has_perm("reporting.enter_values", probe):
        raise PermissionDenied
    upload_form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload_form.is_valid():
        if not services.can_edit_values(request.user, probe):
            messages.error(request, _("This report cannot be changed now."))
            return redirect(request.path)
        upload = upload_form.cleaned_data["file"]
        problem = excel.refuse_early(upload)
        if problem:
            upload_form.add_error("file", problem)
        else:
            if report is None:
                report = services.open_report(
                    form, organization, period_obj, acting_user=request.user
                )
            job = ImportJob.objects.create(
                report=report,
                file=upload,
                file_name=upload.name[:255],
                created_by=request.user,
            )
            transaction.on_commit(lambda: run_import(job.pk))
            return redirect(job)
    return render(
        request,
        "reporting/report_import.html",
        {
            "form": form,
            "organization": organization,
            "period": period_obj,
            "report": report,
            "upload_form": upload_form,
            "back": reverse("reporting:report_entry", args=[form.pk, organization.pk, period]),
        },
    )


def _job_for(request, pk) -> ImportJob:
    job = get_for_user(
        ImportJob.objects.select_related("report__form", "report__organization"), request.user, pk
    )
    if job.created_by_id != request.user.pk and not is_committee_wide(request.user):
        raise Http404
    return job


@require_GET
def import_detail(request, pk):
    job = _job_for(request, pk)
    return render(request, "reporting/import_detail.html", {"job": job})


@require_GET
def import_progress(request, pk):
    job = _job_for(request, pk)
    return render(request, "reporting/_import_progress.html", {"job": job})


# --- Completeness and totals ------------------------------------------------------------------


def _form_and_period(request, forms):
    form = None
    form_id = request.GET.get("form", "")
    if form_id.isdigit():
        form = next((f for f in forms if f.pk == int(form_id)), None)
    if form is None and forms:
        form = forms[0]
    period = None
    if form is not None:
        try:
            period = Period.parse(request.GET["period"]) if request.GET.get("period") else None
        except ValueError:
            period = None
        if period is None or period.type != form.period_type:
            period = services.opening_period(form)
    return form, period


@require_GET
def completeness(request):
    """Who has reported on a form for a period, on time or late, and who has not."""
    forms = list(ReportForm.objects.visible_to(request.user).order_by("sort_key"))
    form, period = _form_and_period(request, forms)
    rows, periods = [], []
    if form is not None:
        rows = services.completeness(form, period)
        periods = [
            p
            for year in (period.start.year + 1, period.start.year, period.start.year - 1)
            for p in reversed(Period(date(year, 1, 1), "year").children(form.period_type))
        ]
    today = timezone.localdate()
    return render(
        request,
        "reporting/completeness.html",
        {
            "forms": forms,
            "form": form,
            "period": period,
            "periods": periods,
            "rows": [(r, r.overdue(today)) for r in rows],
            **services.completeness_counts(rows),
            "deadline": form.deadline(period) if form else None,
            "today": today,
        },
    )


SUMMARY_GROUPINGS = [
    ("district", _("District")),
    ("commune", _("Commune")),
    ("organization", _("Organisation")),
    ("month", _("Month")),
    ("quarter", _("Quarter")),
    ("area", _("Content area")),
]


def _latest_figures_year() -> int | None:
    latest = (
        Value.objects.filter(report__status=Report.APPROVED)
        .order_by("-period_start")
        .values_list("period_start", flat=True)
        .first()
    )
    return latest.year if latest else None


@require_GET
def summary(request):
    """Totals of a form's indicators over a period, by place, organisation or time (the
    figures service, shown as a table)."""
    from django.utils.translation import gettext_lazy

    forms = list(ReportForm.objects.visible_to(request.user).order_by("sort_key"))
    form = None
    form_id = request.GET.get("form", "")
    if form_id.isdigit():
        form = next((f for f in forms if f.pk == int(form_id)), None)
    form = form or (forms[0] if forms else None)
    default = str(_latest_figures_year() or timezone.localdate().year)
    try:
        period = Period.parse(request.GET.get("period") or default)
    except ValueError:
        period = Period.parse(default)
    by = request.GET.get("by", "district")
    if by not in dict(SUMMARY_GROUPINGS):
        by = "district"
    regroup = request.GET.get("regroup") == "1" and by in ("commune",)
    include_pending = request.GET.get("pending") == "1"
    indicators, table = [], []
    if form is not None:
        indicators = form.ordered_indicators()
        rows = figures(
            forms=[form],
            period=period,
            group_by=[by, "indicator"],
            approved_only=not include_pending,
            regroup_2025=regroup,
            user=request.user,
        )
        by_group: dict = {}
        for row in rows:
            entry = by_group.setdefault(
                row[by],
                {"name": row[f"{by}_name"] or gettext_lazy("Whole organisation"), "values": {}},
            )
            entry["values"][row["indicator"]] = row["value"]
        table = [
            {"name": g["name"], "values": [g["values"].get(i.pk) for i in indicators]}
            for g in by_group.values()
        ]
        totals = figures(
            forms=[form],
            period=period,
            group_by=["indicator"],
            approved_only=not include_pending,
            user=request.user,
        )
        total_by = {r["indicator"]: r["value"] for r in totals}
    else:
        total_by = {}
    return render(
        request,
        "reporting/summary.html",
        {
            "forms": forms,
            "form": form,
            "period": period,
            "by": by,
            "groupings": SUMMARY_GROUPINGS,
            "regroup": regroup,
            "pending": include_pending,
            "indicators": indicators,
            "table": table,
            "totals": [total_by.get(i.pk) for i in indicators],
        },
    )
