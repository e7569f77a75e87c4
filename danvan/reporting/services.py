"""Steps on indicator reports. Each is atomic, takes `acting_user`, checks permission and writes
the audit entry; pages, the Excel import and the API call these and nothing else."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import is_coordinator
from danvan.accounts.models import Role, User
from danvan.core.audit import as_actor, log_action
from danvan.core.concurrency import ConcurrentEditError
from danvan.core.notify import notify
from danvan.core.numbers import NumberFormatError, parse_vn_number
from danvan.core.periods import Period
from danvan.core.workflow import Transition, Workflow, WorkflowError
from danvan.geo.models import AdminUnit
from danvan.reporting.models import Indicator, Report, ReportForm, Value, places
from danvan.reporting.signals import approved_figures_changed

# The largest figure accepted: far above any real one, well inside the column (18 digits, 4
# after the comma), so a typo of a few extra digits is caught rather than stored.
MAX_VALUE = Decimal("1000000000000")
MAX_DECIMALS = 4


def _can_enter(user, report) -> bool:
    return user.has_perm("reporting.enter_values", report)


def _reviewer(user, report) -> bool:
    return user.has_perm("reporting.review_report", report)


REPORT_WORKFLOW = Workflow(
    [
        Transition(
            "submit",
            (Report.DRAFT, Report.RETURNED),
            Report.SUBMITTED,
            gettext_lazy("Send for approval"),
            _can_enter,
        ),
        Transition(
            "approve",
            (Report.SUBMITTED,),
            Report.APPROVED,
            gettext_lazy("Approve"),
            _reviewer,
            style="success",
        ),
        Transition(
            "return",
            (Report.SUBMITTED,),
            Report.RETURNED,
            gettext_lazy("Return"),
            _reviewer,
            needs_note=True,
            style="warning",
        ),
        Transition(
            "reopen",
            (Report.APPROVED,),
            Report.RETURNED,
            gettext_lazy("Reopen"),
            _reviewer,
            needs_note=True,
            style="outline-secondary",
        ),
    ]
)


# --- Localities -------------------------------------------------------------------------------


def localities(form: ReportForm, organization, period: Period) -> list[AdminUnit | None]:
    """The columns of a report: the communes of the organisation's locality valid when the
    period starts (in Vietnamese order, grouped by district), or [None] for the organisation
    as a whole."""
    if not form.by_commune:
        return [None]
    unit = organization.unit
    if unit is None:
        return [None]
    if unit.level == AdminUnit.COMMUNE:
        return [unit]
    communes = (
        AdminUnit.objects.filter(level=AdminUnit.COMMUNE)
        .filter(Q(parent=unit) | Q(parent__parent=unit))
        .valid_on(period.start)
        .select_related("parent", "parent__parent")
    )
    return sorted(
        communes,
        key=lambda c: (
            c.parent.sort_key if c.parent.level == AdminUnit.DISTRICT else "",
            c.sort_key,
        ),
    )


# --- Opening a report -------------------------------------------------------------------------


def check_reporter(form: ReportForm, organization, period: Period) -> None:
    if period.type != form.period_type:
        raise WorkflowError(
            _("This form is reported by %(type)s.") % {"type": form.get_period_type_display()}
        )
    if not form.organizations.filter(pk=organization.pk).exists():
        raise WorkflowError(
            _("%(org)s does not report on this form.") % {"org": organization.display_name}
        )


def open_report(form: ReportForm, organization, period: Period, *, acting_user) -> Report:
    """The report of `organization` for `period`, created as a draft when missing."""
    check_reporter(form, organization, period)
    probe = Report(form=form, organization=organization)
    if not acting_user.has_perm("reporting.enter_values", probe):
        raise PermissionDenied(_("You may not do this."))
    with as_actor(acting_user):
        report, _created = Report.objects.get_or_create(
            form=form,
            organization=organization,
            period_start=period.start,
            defaults={"period_type": period.type},
        )
    return report


def save_report_form(form, *, acting_user) -> ReportForm:
    """A valid `ReportFormForm` saved with its indicators, in one audited transaction."""
    with as_actor(acting_user), transaction.atomic():
        report_form = form.save()
        set_form_indicators(report_form, form.cleaned_data["indicators"])
    return report_form


def set_form_indicators(form: ReportForm, indicators) -> None:
    """The form's indicators, in the catalogue's order."""
    from danvan.reporting.models import FormIndicator

    wanted = sorted(indicators, key=lambda i: (i.order, i.sort_key))
    FormIndicator.objects.filter(form=form).exclude(indicator__in=wanted).delete()
    present = set(FormIndicator.objects.filter(form=form).values_list("indicator_id", flat=True))
    for order, indicator in enumerate(wanted):
        if indicator.pk in present:
            FormIndicator.objects.filter(form=form, indicator=indicator).update(order=order)
        else:
            FormIndicator.objects.create(form=form, indicator=indicator, order=order)


# --- Values -----------------------------------------------------------------------------------


Cell = tuple[int, int | None]  # (indicator id, commune id or None)


@dataclass
class CellInput:
    text: object  # what was typed or read: "1.234,5", 12, None…
    comment: str = ""


@dataclass
class GridInvalid(Exception):
    """Some figures are wrong; nothing was stored. `errors` maps each cell to its reason."""

    errors: dict[Cell, str] = field(default_factory=dict)
    message: str = ""

    def __str__(self) -> str:
        return self.message or _("Some figures are wrong; nothing was saved.")


def parse_cell(indicator: Indicator, text) -> Decimal | None:
    """A figure as typed, checked against its indicator; raises ValueError with the reason."""
    try:
        number = parse_vn_number(text, allow_machine_dot=not isinstance(text, str))
    except NumberFormatError as exc:
        raise ValueError(str(exc)) from None
    if number is None:
        return None
    if not number.is_finite():
        raise ValueError(_("“%(text)s” is not a number.") % {"text": text})
    if number < 0:
        raise ValueError(_("A figure cannot be negative."))
    if number >= MAX_VALUE:
        raise ValueError(_("This figure is too large; check for extra digits."))
    if not indicator.decimal and number != number.to_integral_value():
        raise ValueError(
            _("Only whole numbers are allowed for %(unit)s.") % {"unit": indicator.measure_unit}
        )
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise ValueError(_("At most %(n)d digits after the comma.") % {"n": MAX_DECIMALS})
    return number


def check_rules(
    form: ReportForm, figures: dict[Cell, Decimal], rules=None, indicators=None
) -> dict[Cell, str]:
    """The cells that break a validation rule of the form, with the reason (both cells of a
    broken rule are marked)."""
    errors: dict[Cell, str] = {}
    rules = list(form.rules.select_related("left", "right")) if rules is None else rules
    units = {unit for (_indicator, unit) in figures}
    for rule in rules:
        for unit in units:
            left = figures.get((rule.left_id, unit))
            right = figures.get((rule.right_id, unit))
            if rule.holds(left, right):
                continue
            reason = rule.message or _(
                "%(left)s must be %(op)s %(right)s (%(lvalue)s against %(rvalue)s)."
            ) % {
                "left": rule.left.name,
                "op": rule.get_operator_display(),
                "right": rule.right.name,
                "lvalue": _fmt(left),
                "rvalue": _fmt(right),
            }
            errors.setdefault((rule.left_id, unit), reason)
            errors.setdefault((rule.right_id, unit), reason)
    return errors


def _fmt(value) -> str:
    from danvan.core.templatetags.danvan import vn_number

    return vn_number(value)


def can_edit_values(user, report: Report) -> bool:
    """The organisation edits its draft or returned report; the standing office may also
    correct one waiting for approval. An approved report is locked."""
    if report.status == Report.APPROVED:
        return False
    if not user.has_perm("reporting.enter_values", report):
        return False
    return report.status in Report.EDITABLE or (
        report.status == Report.SUBMITTED and is_coordinator(user)
    )


@transaction.atomic
def save_values(
    report: Report,
    entries: dict[Cell, CellInput],
    *,
    acting_user,
    expected_version: int | None = None,
    how: str = "",
) -> int:
    """Set the given cells of `report` all together, or none of them.

    An empty cell removes its figure. Every figure is checked (a number written the Vietnamese
    way, not negative, whole when the indicator wants it) and then the form's rules against the
    report as it would be; any error raises GridInvalid with a reason per cell. Once the report
    has been sent, every change is written to its audit trail with the old and new figure.
    Returns the number of cells changed.
    """
    locked = (
        Report.objects.select_for_update().select_related("form", "organization").get(pk=report.pk)
    )
    if not can_edit_values(acting_user, locked):
        if locked.status == Report.APPROVED:
            raise WorkflowError(_("This report is approved and locked."), code="locked")
        if not acting_user.has_perm("reporting.enter_values", locked):
            raise PermissionDenied(_("You may not do this."))
        raise WorkflowError(
            _("This report is waiting for approval and cannot be changed now."), code="locked"
        )
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentEditError()

    form = locked.form
    indicators = {i.pk: i for i in form.indicators.all()}
    allowed_units = {
        u.pk if u else None for u in localities(form, locked.organization, locked.period)
    }
    errors: dict[Cell, str] = {}
    parsed: dict[Cell, tuple[Decimal | None, str]] = {}
    for cell, entry in entries.items():
        indicator_id, unit_id = cell
        indicator = indicators.get(indicator_id)
        if indicator is None or unit_id not in allowed_units:
            errors[cell] = _("This cell is not part of the form.")
            continue
        comment = (entry.comment or "").strip()
        try:
            number = parse_cell(indicator, entry.text)
        except ValueError as exc:
            errors[cell] = str(exc)
            continue
        if number is None and comment:
            errors[cell] = _("Enter the figure this comment is about (0 if there was none).")
            continue
        if len(comment) > 500:
            errors[cell] = _("The comment is too long (at most 500 characters).")
            continue
        parsed[cell] = (number, comment)

    existing = {(v.indicator_id, v.unit_id): v for v in locked.values.all()}
    figures = {cell: v.value for cell, v in existing.items()}
    for cell, (number, _comment) in parsed.items():
        if number is None:
            figures.pop(cell, None)
        else:
            figures[cell] = number
    for cell, reason in check_rules(form, figures).items():
        # A broken rule is reported on the cells being changed; on stored ones only if this
        # save touches the same locality.
        if cell in entries or any(c[1] == cell[1] for c in entries):
            errors.setdefault(cell, reason)
    if errors:
        raise GridInvalid(errors)

    unit_objects = {
        u.pk: u
        for u in AdminUnit.objects.filter(pk__in=[c[1] for c in parsed if c[1]]).select_related(
            "parent__parent"
        )
    }
    place = places(locked.organization, unit_objects.values())
    changes: dict[str, list] = {}
    create, update, delete = [], [], []
    for cell, (number, comment) in parsed.items():
        current = existing.get(cell)
        if number is None:
            if current is not None:
                delete.append(current.pk)
                changes[_cell_label(indicators, unit_objects, cell, current)] = [
                    _plain(current.value),
                    None,
                ]
            continue
        if current is None:
            value = Value(
                report=locked,
                indicator=indicators[cell[0]],
                unit_id=cell[1],
                value=number,
                comment=comment,
            )
            value.fill_copies(locked, place[cell[1]])
            create.append(value)
            changes[_cell_label(indicators, unit_objects, cell, value)] = [None, _plain(number)]
        elif current.value != number or current.comment != comment:
            if current.value != number:
                changes[_cell_label(indicators, unit_objects, cell, current)] = [
                    _plain(current.value),
                    _plain(number),
                ]
            current.value, current.comment = number, comment
            update.append(current)
    if delete:
        Value.objects.filter(pk__in=delete).delete()
    if create:
        Value.objects.bulk_create(create, batch_size=500)
    if update:
        _update_values(update)
    touched = len(create) + len(update) + len(delete)
    if touched:
        locked.save_if_unchanged(locked.version, update_fields=["version", "updated_at"])
        report.version = locked.version
        if locked.submitted_at is not None and changes:
            log_action(
                locked,
                "change_values",
                actor=acting_user,
                label=_("Figures changed"),
                note=how,
                changes=changes,
            )
    return touched


def _update_values(values: list[Value]) -> None:
    """Change figures in place: one plain UPDATE per figure sent together (SQLite), one
    UPDATE … FROM (VALUES …) per thousand figures (PostgreSQL).

    Django's bulk_update writes a CASE branch per row and spent minutes building them for a
    50,000-figure Excel import (`danvan bench`); this takes about a second.
    """
    quote = connection.ops.quote_name
    figure, comment = Value._meta.get_field("value"), Value._meta.get_field("comment")
    table, pk = quote(Value._meta.db_table), quote(Value._meta.pk.column)
    rows = [(figure.get_db_prep_save(v.value, connection), v.comment, v.pk) for v in values]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement per thousand figures: each statement fires the figures stamp's
            # trigger once, and PostgreSQL plans it once.
            for n in range(0, len(rows), 1000):
                batch = rows[n : n + 1000]
                marks = ", ".join(["(%s::numeric, %s, %s::bigint)"] * len(batch))
                cursor.execute(
                    f"UPDATE {table} AS v SET {quote(figure.column)} = d.value, "  # noqa: S608
                    f"{quote(comment.column)} = d.comment FROM (VALUES {marks}) "
                    f"AS d(value, comment, id) WHERE v.{pk} = d.id",
                    [part for row in batch for part in row],
                )
            return
        cursor.executemany(
            f"UPDATE {table} SET {quote(figure.column)} = %s, "  # noqa: S608
            f"{quote(comment.column)} = %s WHERE {pk} = %s",
            rows,
        )


def _cell_label(indicators, units, cell, value) -> str:
    indicator = indicators[cell[0]]
    where = units[cell[1]].name if cell[1] else _("whole organisation")
    return f"{indicator.code} · {where}"


def _plain(value) -> str | None:
    """1234.5 → "1.234,5" whatever the language of the request (or of the queue worker)."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    whole, _sep, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + ".".join(groups or ["0"]) + ("," + fraction if fraction else "")


# --- Workflow steps ---------------------------------------------------------------------------


def _reporters(report: Report):
    return User.objects.filter(organization_id=report.organization_id, is_active=True).exclude(
        role=Role.VIEWER
    )


def _reviewers():
    return User.objects.filter(role=Role.STANDING, is_active=True)


def _event(report: Report, action: str) -> str:
    return f"report:{report.pk}:{action}:{timezone.now().timestamp():.6f}"


def submit_report(report: Report, *, acting_user) -> Report:
    """Gửi duyệt: the figures go to the standing office for approval."""
    form = report.form
    values = list(report.values.all())
    if not values:
        raise WorkflowError(_("Enter at least one figure before sending."), code="empty")
    broken = check_rules(form, {(v.indicator_id, v.unit_id): v.value for v in values})
    if broken:
        raise WorkflowError(
            _("Some figures break the form's rules; correct them before sending."),
            code="invalid",
        )
    now = timezone.now()

    def tell(locked):
        _stamp(
            locked,
            last_submitted_at=now,
            submitted_at=locked.submitted_at or now,
        )
        notify(
            _reviewers(),
            _("%(org)s sent “%(form)s” for %(period)s for approval.")
            % {
                "org": locked.organization.display_name,
                "form": locked.form.name,
                "period": locked.period.label,
            },
            locked.get_absolute_url(),
            event_key=_event(locked, "submit"),
        )

    return REPORT_WORKFLOW.apply(report, "submit", acting_user=acting_user, extra=tell)


def approve_report(report: Report, *, acting_user, note: str = "") -> Report:
    """Phê duyệt: the figures count in every total; the report is locked."""

    def tell(locked):
        _stamp(locked, approved_at=timezone.now(), approved_by=acting_user)
        _mark_values(locked)
        notify(
            _reporters(locked),
            _("“%(form)s” for %(period)s was approved.")
            % {"form": locked.form.name, "period": locked.period.label},
            locked.get_absolute_url(),
            event_key=_event(locked, "approve"),
        )

    return REPORT_WORKFLOW.apply(
        report,
        "approve",
        acting_user=acting_user,
        note=note,
        extra=tell,
    )


def return_report(report: Report, *, acting_user, note: str) -> Report:
    """Trả lại, with a reason: the organisation corrects and sends again."""
    return _send_back(report, "return", acting_user=acting_user, note=note)


def reopen_report(report: Report, *, acting_user, note: str) -> Report:
    """The standing office unlocks an approved report, with a reason."""
    return _send_back(report, "reopen", acting_user=acting_user, note=note)


def _send_back(report: Report, action: str, *, acting_user, note: str) -> Report:
    def tell(locked):
        _stamp(locked, approved_at=None, approved_by=None)
        _mark_values(locked)
        notify(
            _reporters(locked),
            _("“%(form)s” for %(period)s was sent back: %(note)s")
            % {"form": locked.form.name, "period": locked.period.label, "note": note.strip()},
            locked.get_absolute_url(),
            event_key=_event(locked, action),
        )

    return REPORT_WORKFLOW.apply(
        report,
        action,
        acting_user=acting_user,
        note=note,
        changes={"last_note": (note or "").strip()},
        extra=tell,
    )


def _mark_values(report: Report) -> None:
    """The values' `approved` copy follows the report, in the step's transaction: totals of
    approved figures (figures.figures) change the moment the step is taken."""
    changed = (
        Value.objects.filter(report=report)
        .exclude(approved=report.status == Report.APPROVED)
        .update(approved=report.status == Report.APPROVED)
    )
    if changed:
        period = report.period
        transaction.on_commit(
            lambda: approved_figures_changed.send(sender=Report, periods=[period]), robust=True
        )


def _stamp(report: Report, **fields) -> None:
    """Set the step's timestamps without a second audit entry (the step's entry says it)."""
    Report.objects.filter(pk=report.pk).update(**fields)
    for name, value in fields.items():
        setattr(report, name, value)


STEPS = {
    "submit": submit_report,
    "approve": approve_report,
    "return": return_report,
    "reopen": reopen_report,
}


# --- Completeness and reminders ---------------------------------------------------------------


@dataclass
class CompletenessRow:
    organization: object
    report: Report | None
    deadline: date

    @property
    def state(self) -> str:
        """approved / submitted / returned / draft / missing, and whether in time."""
        return self.report.status if self.report else "missing"

    @property
    def on_time(self) -> bool | None:
        return self.report.on_time if self.report else None

    def overdue(self, today: date) -> bool:
        return (self.report is None or self.report.submitted_at is None) and today > self.deadline


def opening_period(form: ReportForm, today: date | None = None) -> Period:
    """The period a completeness view opens on: the last one before today's (whose deadline
    is the one being chased), or the form's last while it is no longer used."""
    period = form.period_of(today or timezone.localdate()).previous()
    if form.valid_to and period.start > form.valid_to:
        period = form.period_of(form.valid_to)
    return period


def completeness_counts(rows: list[CompletenessRow]) -> dict[str, int]:
    """Expected, sent, sent on time and approved reports among `completeness` rows."""
    sent = [r for r in rows if r.report and r.report.submitted_at]
    return {
        "expected": len(rows),
        "sent": len(sent),
        "on_time": sum(1 for r in sent if r.on_time),
        "approved": sum(1 for r in rows if r.report and r.report.status == Report.APPROVED),
    }


def completeness(form: ReportForm, period: Period) -> list[CompletenessRow]:
    """For each organisation that reports on `form`: its report for `period`, if any."""
    deadline = form.deadline(period)
    organizations = form.organizations.valid_on(period.start).order_by("sort_key")
    reports = {
        r.organization_id: r
        for r in Report.objects.filter(form=form, period_start=period.start).select_related("form")
    }
    return [CompletenessRow(org, reports.get(org.pk), deadline) for org in organizations]


def due_reminders(today: date) -> Iterable[tuple[ReportForm, Period, object]]:
    """(form, period, organisation) whose deadline is within the form's reminder window from
    `today` and that have not sent their report yet."""
    forms = ReportForm.objects.valid_on(today).prefetch_related("organizations")
    for form in forms:
        current = form.period_of(today)
        for period in (current.previous(), current):
            deadline = form.deadline(period)
            if not (deadline - timedelta(days=form.reminder_days) <= today <= deadline):
                continue
            sent = set(
                Report.objects.filter(
                    form=form, period_start=period.start, submitted_at__isnull=False
                ).values_list("organization_id", flat=True)
            )
            for org in form.organizations.all():
                if org.pk not in sent and org.is_valid_on(period.start):
                    yield form, period, org


def send_reminders(today: date | None = None) -> int:
    """Remind each late-to-be organisation once per form and period (in-app and by email)."""
    today = today or timezone.localdate()
    told = 0
    for form, period, org in due_reminders(today):
        deadline = form.deadline(period)
        recipients = User.objects.filter(organization=org, is_active=True).exclude(role=Role.VIEWER)
        told += notify(
            recipients,
            _("Reminder: “%(form)s” for %(period)s is due on %(deadline)s.")
            % {
                "form": form.name,
                "period": period.label,
                "deadline": deadline.strftime("%d/%m/%Y"),
            },
            reverse("reporting:report_entry", args=[form.pk, org.pk, period.code]),
            event_key=f"reminder:{form.pk}:{org.pk}:{period.code}",
        )
    return told
