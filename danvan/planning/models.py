"""Programs of the committee and the member plans that carry them out.

A program (chương trình phối hợp) covers one or several years, names its content areas and
the targets of each. Each member organisation builds one or more plans (kế hoạch) under it;
a plan's tasks are `tasks.Task` rows whose source is the plan. An approved plan is frozen:
changing it means a new revision (a new Plan row pointing at the one it revises) that keeps
the approved one readable until it is itself approved and supersedes it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.areas.models import ContentArea
from danvan.core.audit import register
from danvan.core.concurrency import VersionedModel
from danvan.core.models import IndexedModel
from danvan.orgs.models import Committee, Organization

PROGRAM_KIND = "CTr"
PLAN_KIND = "KH"


class ProgramQuerySet(models.QuerySet):
    def visible_to(self, user):
        # The committee's programs are read by every signed-in officer.
        return self if getattr(user, "is_authenticated", False) else self.none()


@register
class Program(IndexedModel, VersionedModel):
    SEARCH_FIELDS = ("title", "symbol", "summary")
    SORT_FIELD = "title"

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="programs", verbose_name=_("committee")
    )
    title = models.CharField(_("title"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"))
    summary = models.TextField(_("content"), blank=True)
    # The number-symbol: number sequential per committee, kind and year (`03-CTr/BCĐ`).
    number = models.PositiveIntegerField(_("number"))
    number_year = models.PositiveSmallIntegerField()
    symbol = models.CharField(_("number-symbol"), max_length=60)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "-number", "-pk"]
        verbose_name = _("coordination program")
        verbose_name_plural = _("coordination programs")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number_year", "number"], name="unique_program_number"
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="program_years_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("planning:program_detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year} - {self.end_year}"

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)


class ProgramAreaQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(program__in=Program.objects.visible_to(user))


@register
class ProgramArea(models.Model):
    """A content area of a program, with what the program asks in it."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="areas")
    area = models.ForeignKey(
        ContentArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("content area")
    )
    content = models.TextField(_("content and orientation"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ProgramAreaQuerySet.as_manager()

    class Meta:
        ordering = ["order", "area__order", "pk"]
        verbose_name = _("program content area")
        constraints = [
            models.UniqueConstraint(fields=["program", "area"], name="unique_program_area")
        ]

    def __str__(self) -> str:
        return str(self.area)


@register
class ProgramTarget(models.Model):
    """A figure the program aims at in one area (e.g. 136 communes covered). Plan tasks with a
    target of the same label and unit in that area count towards it."""

    program_area = models.ForeignKey(ProgramArea, on_delete=models.CASCADE, related_name="targets")
    label = models.CharField(_("figure"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("program target")

    def __str__(self) -> str:
        return f"{self.label}: {self.target} {self.unit}"


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        from danvan.accounts.access import is_committee_wide

        if is_committee_wide(user):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        # Approved plans (and the revisions they replaced) are the committee's record, open to
        # every officer; drafts stay with their organisation until approved.
        issued = Q(status__in=[Plan.APPROVED, Plan.SUPERSEDED])
        if getattr(user, "organization_id", None):
            return self.filter(issued | Q(organization_id=user.organization_id))
        return self.filter(issued)

    def current(self):
        return self.exclude(status=Plan.SUPERSEDED)


@register
class Plan(IndexedModel, VersionedModel):
    DRAFT, SUBMITTED, APPROVED, RETURNED, SUPERSEDED = (
        "draft",
        "submitted",
        "approved",
        "returned",
        "superseded",
    )
    STATUSES = [
        (DRAFT, _("Draft")),
        (SUBMITTED, _("Awaiting approval")),
        (APPROVED, _("Approved")),
        (RETURNED, _("Returned")),
        (SUPERSEDED, _("Superseded")),
    ]
    EDITABLE = (DRAFT, RETURNED)

    SEARCH_FIELDS = ("title", "symbol", "summary", "organization__name")
    SORT_FIELD = "title"

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="plans", verbose_name=_("program")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="plans", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    summary = models.TextField(_("content"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=STATUSES, default=DRAFT)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_revision",
        verbose_name=_("revises"),
    )
    # The number-symbol: sequential per organisation, kind and year (`12-KH/MTTQ`).
    number = models.PositiveIntegerField(_("number"))
    number_year = models.PositiveSmallIntegerField()
    symbol = models.CharField(_("number-symbol"), max_length=60)
    return_reason = models.TextField(_("reason returned"), blank=True)
    submitted_at = models.DateTimeField(_("sent for approval at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "sort_key", "-revision"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number_year", "number"], name="unique_plan_number"
            ),
        ]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("planning:plan_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE
