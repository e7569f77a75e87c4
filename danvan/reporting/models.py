"""Indicator reports (báo cáo số liệu): the catalogue of indicators, report forms with their
validation rules, one report per form × organisation × period, and its values.

A value carries copies of what aggregation groups by (period, indicator, organisation, commune,
district, province, content area), so `figures.figures` is a plain GROUP BY over one table,
as DHIS2's analytics tables are. The copies are written once when the value is saved and never
rewritten: a 2022 value keeps the 2022 commune and district it was reported for. One copy
follows its report: `approved`, set and cleared by the workflow's approve and send-back steps
(`services.approve_report`, `services.reopen_report`).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.audit import register
from danvan.core.concurrency import VersionedModel
from danvan.core.models import IndexedModel, SharedQuerySet
from danvan.core.periods import HALF, MONTH, QUARTER, YEAR, Period
from danvan.geo.models import AdminUnit

PERIOD_TYPES = [
    (MONTH, _("Month")),
    (QUARTER, _("Quarter")),
    (HALF, _("Half-year")),
    (YEAR, _("Year")),
]

# The units figures are counted in. Vietnamese words are the values: they are what users read,
# type in Excel and see in documents, and they are not translated.
MEASURE_UNITS = [
    "lượt",
    "người",
    "ngày công",
    "m",
    "km",
    "m²",
    "m³",
    "tấn",
    "nhà",
    "suất",
    "sổ",
    "triệu đồng",
    "buổi",
    "cuộc",
    "mô hình",
    "xã",
    "hộ",
    "cây",
    "lớp",
    "tin, bài",
]
MEASURE_UNIT_CHOICES = [(u, u) for u in MEASURE_UNITS]


def _valid_on(day: date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


class CatalogQuerySet(SharedQuerySet):
    def valid_on(self, day: date):
        return self.filter(_valid_on(day))


@register
class Indicator(IndexedModel):
    """One figure reported (chỉ tiêu): lượt cán bộ chiến sĩ, m cống rãnh nạo vét…"""

    SUM, LATEST = "sum", "latest"
    AGGREGATIONS = [
        (SUM, _("Sum over the period")),
        (LATEST, _("Latest value in the period")),
    ]
    SEARCH_FIELDS = ("code", "name")
    SORT_FIELD = "name"

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    measure_unit = models.CharField(
        _("unit of measure"), max_length=20, choices=MEASURE_UNIT_CHOICES
    )
    decimal = models.BooleanField(
        _("allows decimals"),
        default=False,
        help_text=_("Unticked: only whole numbers are accepted (lượt, người, nhà…)."),
    )
    aggregation = models.CharField(
        _("aggregation"),
        max_length=10,
        choices=AGGREGATIONS,
        default=SUM,
        help_text=_(
            "Sum adds the figures of the months; latest takes the last one reported "
            "(e.g. the number of communes covered so far)."
        ),
    )
    area = models.ForeignKey(
        "areas.ContentArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("content area"),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    headline_order = models.PositiveSmallIntegerField(
        _("headline position"),
        null=True,
        blank=True,
        help_text=_(
            "Shown among the big figures of the Overview, in this order (1 first); empty: not a headline."
        ),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    objects = CatalogQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "sort_key"]

    def __str__(self) -> str:
        return f"{self.name} ({self.measure_unit})"

    def get_absolute_url(self) -> str:
        return reverse("reporting:indicator_list") + f"#indicator-{self.pk}"


@register
class ReportForm(IndexedModel):
    """A report form (mẫu báo cáo): which indicators, who reports, how often, by when."""

    SEARCH_FIELDS = ("code", "name")
    SORT_FIELD = "name"

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    indicators = models.ManyToManyField(
        Indicator, through="FormIndicator", related_name="forms", verbose_name=_("indicators")
    )
    organizations = models.ManyToManyField(
        "orgs.Organization",
        related_name="report_forms",
        verbose_name=_("reporting organisations"),
    )
    period_type = models.CharField(_("period"), max_length=10, choices=PERIOD_TYPES, default=MONTH)
    by_commune = models.BooleanField(
        _("by commune"),
        default=True,
        help_text=_(
            "Ticked: one figure per commune, ward or town of the organisation's locality. "
            "Unticked: one figure for the organisation as a whole."
        ),
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("deadline (days after the period ends)"), default=5
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind (days before the deadline)"), default=2
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    objects = CatalogQuerySet.as_manager()

    class Meta:
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reporting:form_detail", args=[self.pk])

    def ordered_indicators(self) -> list[Indicator]:
        return [
            fi.indicator
            for fi in self.form_indicators.select_related("indicator").order_by(
                "order", "indicator__order", "indicator__sort_key"
            )
        ]

    def deadline(self, period: Period) -> date:
        return period.deadline(self.deadline_days)

    def period_of(self, day: date) -> Period:
        return Period.of(self.period_type, day)


class FormIndicator(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="form_indicators")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "indicator"], name="unique_form_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.form} · {self.indicator}"


@register
class ValidationRule(models.Model):
    """left OP right, checked for each locality where both figures are given."""

    GE, LE, EQ, GT, LT = ">=", "<=", "==", ">", "<"
    OPERATORS = [(GE, "≥"), (LE, "≤"), (EQ, "="), (GT, ">"), (LT, "<")]

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="rules")
    left = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    operator = models.CharField(_("must be"), max_length=2, choices=OPERATORS, default=GE)
    right = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("than indicator")
    )
    message = models.CharField(
        _("message"),
        max_length=255,
        blank=True,
        help_text=_("Shown next to the wrong figure; a sentence is written if left empty."),
    )

    objects = SharedQuerySet.as_manager()

    class Meta:
        verbose_name = _("validation rule")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.left.name} {self.get_operator_display()} {self.right.name}"

    def holds(self, left, right) -> bool:
        if left is None or right is None:
            return True
        return {
            self.GE: left >= right,
            self.LE: left <= right,
            self.EQ: left == right,
            self.GT: left > right,
            self.LT: left < right,
        }[self.operator]


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Committee-wide roles see every report; a viewer sees approved ones; an officer sees
        their own organisation's."""
        kind, organization_id = self.visibility(user)
        if kind == "all":
            return self
        if kind == "approved":
            return self.filter(status=Report.APPROVED)
        if kind == "organization":
            return self.filter(organization_id=organization_id)
        return self.none()

    @staticmethod
    def visibility(user) -> tuple[str, int | None]:
        """The rule `visible_to` applies to this user: ("all", None), ("approved", None),
        ("organization", id) or ("none", None). The figures service filters values by the
        same rule (on their copies of status and organisation) and keeps answers by it."""
        from danvan.accounts.access import is_committee_wide, is_viewer

        if not getattr(user, "is_authenticated", False):
            return ("none", None)
        if is_committee_wide(user):
            return ("all", None)
        if is_viewer(user):
            return ("approved", None)
        if not user.organization_id:
            return ("none", None)
        return ("organization", user.organization_id)


@register(exclude_fields=["version", "updated_at"])
class Report(VersionedModel):
    """One organisation's report of one form for one period."""

    DRAFT, SUBMITTED, APPROVED, RETURNED = "draft", "submitted", "approved", "returned"
    STATUSES = [
        (DRAFT, _("Draft")),
        (SUBMITTED, _("Pending approval")),
        (APPROVED, _("Approved")),
        (RETURNED, _("Returned")),
    ]
    EDITABLE = (DRAFT, RETURNED)

    form = models.ForeignKey(
        ReportForm, on_delete=models.PROTECT, related_name="reports", verbose_name=_("form")
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("organisation"),
    )
    period_type = models.CharField(_("period type"), max_length=10, choices=PERIOD_TYPES)
    period_start = models.DateField(_("period start"))
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=DRAFT)
    # The first time the report was sent: timeliness is judged on it (as DHIS2 does).
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    last_note = models.TextField(_("last reason"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_start", "form_id", "organization__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "organization", "period_start"], name="unique_report_per_period"
            )
        ]
        indexes = [models.Index(fields=["status", "period_start"])]

    def __str__(self) -> str:
        return f"{self.form} · {self.organization.display_name} · {self.period.label}"

    def get_absolute_url(self) -> str:
        return reverse(
            "reporting:report_entry",
            args=[self.form_id, self.organization_id, self.period.code],
        )

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_type)

    @property
    def deadline(self) -> date:
        return self.period.deadline(self.form.deadline_days)

    @property
    def is_locked(self) -> bool:
        return self.status == self.APPROVED

    @property
    def on_time(self) -> bool | None:
        """True/False once sent; None while never sent."""
        if self.submitted_at is None:
            return None
        return timezone.localtime(self.submitted_at).date() <= self.deadline


class ValueQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(report__in=Report.objects.visible_to(user))


class Value(models.Model):
    """One figure: an indicator for one commune (or the organisation as a whole) in a report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    # The commune the figure is for, as it was then (a legacy unit for 2022); null: the whole
    # organisation.
    unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    value = models.DecimalField(max_digits=18, decimal_places=4)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    # Copies for aggregation (see the module docstring).
    period_start = models.DateField()
    period_type = models.CharField(max_length=10, choices=PERIOD_TYPES)
    # The period's last day: "figures whose whole period lies in [start, end]" is one range.
    period_end = models.DateField()
    # The report's status is approved: kept by the workflow's approve and send-back steps
    # (reporting.services), so totals of approved figures need no join to the reports.
    approved = models.BooleanField(default=False)
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    province = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    area = models.ForeignKey(
        "areas.ContentArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ValueQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "unit"],
                condition=Q(unit__isnull=False),
                name="unique_value_per_commune",
            ),
            models.UniqueConstraint(
                fields=["report", "indicator"],
                condition=Q(unit__isnull=True),
                name="unique_value_per_report",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period_start"], name="value_ind_period"),
            models.Index(fields=["organization", "period_start"], name="value_org_period"),
            models.Index(fields=["area", "period_start"], name="value_area_period"),
            models.Index(fields=["unit", "period_start"], name="value_unit_period"),
            models.Index(fields=["district", "period_start"], name="value_district_period"),
            models.Index(fields=["province", "period_start"], name="value_province_period"),
            models.Index(
                fields=["indicator", "organization", "unit", "period_start"],
                name="value_series",
            ),
            models.Index(fields=["approved", "period_start", "period_end"], name="value_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.unit_id or '-'} {self.value}"

    def fill_copies(self, report: Report, place: tuple[int | None, int | None]) -> None:
        """Set the aggregation columns from the report, the indicator and the commune's
        (district, province) ids (see `places`)."""
        self.period_start = report.period_start
        self.period_type = report.period_type
        self.period_end = report.period.end
        self.approved = report.status == Report.APPROVED
        self.organization_id = report.organization_id
        self.area_id = self.indicator.area_id
        self.district_id, self.province_id = place


def places(organization, communes) -> dict[int | None, tuple[int | None, int | None]]:
    """{commune id (None: the organisation as a whole): (district id, province id)}.

    A commune's district and province are its ancestors; a figure for the whole organisation
    takes its organisation's locality. In the 2025 structure a commune's parent is the
    province: there is no district.
    """
    out = {}
    for key, unit in [*((c.pk, c) for c in communes), (None, organization.unit)]:
        if unit is None:
            out[key] = (None, None)
            continue
        chain = [unit]
        while chain[-1].parent_id is not None:
            chain.append(chain[-1].parent)
        district = next((u.pk for u in chain if u.level == AdminUnit.DISTRICT), None)
        province = next((u.pk for u in chain if u.level == AdminUnit.PROVINCE), None)
        out[key] = (district, province)
    return out


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(report__in=Report.objects.visible_to(user))


class ImportJob(models.Model):
    """An uploaded Excel file read in the background, with its progress and its errors."""

    PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
    STATES = [
        (PENDING, _("Waiting")),
        (RUNNING, _("Reading")),
        (DONE, _("Imported")),
        (FAILED, _("Refused")),
    ]

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="imports")
    file = models.FileField(upload_to="imports/%Y/%m/", max_length=300)
    file_name = models.CharField(max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=STATES, default=PENDING)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    imported = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("reporting:import_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.state in (self.DONE, self.FAILED):
            return 100
        return int(100 * self.progress / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.state in (self.DONE, self.FAILED)


class FiguresStamp(models.Model):
    """One row whose token the database sets at random (triggers, migrations 0005–0007) with
    every write that touches an approved figure, an indicator or a report form, committed or
    not: the key the figures service keeps its answers of approved figures under
    (`figures._CACHE`, and the cache shared by the server's processes), so a kept total is
    never stale, even after a write that bypassed the services (an UPDATE in a shell, a bulk
    load). Drafts are not watched: saving them leaves the kept answers (and, on PostgreSQL,
    the stamp row) alone."""

    token = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "figures stamp"

    def __str__(self) -> str:
        return str(self.token)
