"""Counts from the registers (models, training, conferences, situations), the reporting
completeness and the next program's items, each through its app's `visible_to`. A source that
has not been built yet answers None, and the pages say its data is not available yet."""

from __future__ import annotations

from django.db.models.functions import TruncDate
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.overview import sources

# register key → (app label, model, the date that places a row in a period). Only a register
# whose model and date field exist is counted; its list page is `<app label>:index`.
REGISTERS = {
    "practices": ("practices", "Practice", "started_on"),
    "training": ("training", "Course", "start_date"),
    "meetings": ("meetings", "Meeting", "held_on"),
    "situations": ("situations", "Situation", "occurred_on"),
}


def _words(key: str) -> str:
    return {
        "practices": _("skilful mass mobilization models"),
        "training": _("training courses"),
        "meetings": _("conferences and reviews"),
        "situations": _("situations handled"),
    }[key]


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def _field_names(model) -> set[str]:
    return {f.name for f in model._meta.get_fields()}


def counts(scope, user=None) -> dict:
    out: dict = {}
    for key, (app_label, model_name, date_field) in REGISTERS.items():
        model = sources.model(app_label, model_name)
        if model is None or date_field not in _field_names(model):
            out[key] = None
            continue
        rows = model.objects.all() if user is None else model.objects.visible_to(user)
        rows = rows.filter(**{f"{date_field}__gte": scope.start, f"{date_field}__lte": scope.end})
        count = rows.count()
        out[key] = {
            "count": count,
            "words": _words(key),
            "url": _url(f"{app_label}:index"),
            "sentence": _("In the period: %(count)s %(words)s.")
            % {
                "count": count,
                "words": _words(key),
            },
        }
    return out


def completeness(scope, user=None) -> dict | None:
    """Reports expected in the period (form × organisation × period whose deadline has come),
    sent, sent on time and approved, by form: three queries whatever the number of reports."""
    form_model = sources.model("reporting", "ReportForm")
    report_model = sources.model("reporting", "Report")
    if form_model is None or report_model is None:
        return None
    today = timezone.localdate()
    forms = form_model.objects.all() if user is None else form_model.objects.visible_to(user)
    forms = list(forms.prefetch_related("organizations").order_by("sort_key"))
    reports = report_model.objects.all() if user is None else report_model.objects.visible_to(user)
    reports = reports.filter(period_start__gte=scope.start, period_start__lte=scope.end)
    if scope.organization is not None:
        reports = reports.filter(organization=scope.organization)
    # The day each was sent, in the committee's time zone, worked out by the database (a
    # national year is 14,400 reports: converting each timestamp in Python took 85 ms).
    found: dict[tuple, tuple] = {
        (form_id, org_id, start): (status, sent_on)
        for form_id, org_id, start, status, sent_on in reports.annotate(
            sent_on=TruncDate("submitted_at")
        ).values_list("form_id", "organization_id", "period_start", "status", "sent_on")
    }
    rows = []
    for form in forms:
        row = {"name": form.name, "expected": 0, "sent": 0, "on_time": 0, "approved": 0}
        try:
            row["url"] = reverse("reporting:completeness") + f"?form={form.pk}"
        except NoReverseMatch:
            row["url"] = ""
        for period in scope.period.children(form.period_type) if _fits(scope, form) else []:
            deadline = form.deadline(period)
            if deadline > today:
                continue
            for org in form.organizations.all():
                if scope.organization is not None and org.pk != scope.organization.pk:
                    continue
                if not org.is_valid_on(period.start):
                    continue
                row["expected"] += 1
                status, sent_on = found.get((form.pk, org.pk, period.start), (None, None))
                if sent_on is not None:
                    row["sent"] += 1
                    if sent_on <= deadline:
                        row["on_time"] += 1
                if status == report_model.APPROVED:
                    row["approved"] += 1
        if row["expected"]:
            row["percent"] = round(row["sent"] * 100 / row["expected"])
            rows.append(row)
    total = {key: sum(r[key] for r in rows) for key in ("expected", "sent", "on_time", "approved")}
    total["percent"] = round(total["sent"] * 100 / total["expected"]) if total["expected"] else 0
    return {"rows": rows, **total}


def _fits(scope, form) -> bool:
    """A form reported by month fits in a year; a yearly form does not fit in a quarter."""
    order = ["month", "quarter", "half", "year"]
    return order.index(form.period_type) <= order.index(scope.period.type)


def program_items(period, organization=None) -> list[str] | None:
    """The titles of the tasks of the program (or plan) covering `period`, or None while there
    is none (or the planning app has not landed)."""
    program_model = sources.model("planning", "Program")
    if program_model is None:
        return None
    fields = _field_names(program_model)
    if "year" not in fields:
        return None
    program = program_model.objects.filter(year=period.start.year).order_by("pk").first()
    if program is None:
        return None
    from danvan.tasks.models import source_tasks

    titles = list(source_tasks(program).order_by("pk").values_list("title", flat=True))
    return titles or None
