"""One task model for every piece of work followed to a result, whatever created it:
a member's plan, a direction of the head, a conference conclusion.

Status is derived from facts (dates, progress, the result and its confirmation), never typed:
see `Task.status` and `TaskQuerySet.with_status`, which must agree.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.areas.models import ContentArea
from danvan.core.audit import register
from danvan.core.concurrency import VersionedModel
from danvan.core.models import IndexedModel
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Organization


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_CONFIRMATION = "reported", _("Awaiting confirmation")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
    # Replaced by its copy in an approved revision of its plan; kept as the old plan's record.
    SUPERSEDED = "superseded", _("Superseded")


DUE_SOON_DAYS = 7


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        from danvan.accounts.access import is_committee_wide, is_viewer

        if is_committee_wide(user):
            return self
        if is_viewer(user):
            return self.filter(is_published=True)
        if not getattr(user, "organization_id", None):
            return self.none()
        org = user.organization_id
        mine = Q(owner_id=org) | Q(lead_id=org)
        coordinating = Q(
            is_published=True,
            pk__in=Task.coordinators.through.objects.filter(organization_id=org).values("task_id"),
        )
        return self.filter(mine | coordinating)

    def with_status(self, today: date | None = None):
        """Annotate `status_code` with the same rule as Task.status, for filtering and counting."""
        today = today or timezone.localdate()
        return self.annotate(
            status_code=Case(
                When(state=Task.SUPERSEDED, then=Value(Status.SUPERSEDED)),
                When(state=Task.CANCELLED, then=Value(Status.CANCELLED)),
                When(state=Task.DONE, then=Value(Status.DONE)),
                When(state=Task.REPORTED, then=Value(Status.AWAITING_CONFIRMATION)),
                When(due_date__lt=today, then=Value(Status.OVERDUE)),
                When(
                    Q(started_on__isnull=False) | Q(start_date__lte=today),
                    then=Value(Status.IN_PROGRESS),
                ),
                default=Value(Status.NOT_STARTED),
                output_field=models.CharField(),
            )
        )

    def current(self):
        """Leave out tasks replaced by a revision of their plan."""
        return self.exclude(state=Task.SUPERSEDED)

    def open(self):
        return self.filter(state__in=[Task.OPEN, Task.REPORTED])

    def overdue(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(state=Task.OPEN, due_date__lt=today)

    def due_soon(self, today: date | None = None, days: int = DUE_SOON_DAYS):
        today = today or timezone.localdate()
        return self.filter(
            state=Task.OPEN, due_date__gte=today, due_date__lte=today + timedelta(days=days)
        )

    def of_organization(self, organization_id):
        """Work an organisation leads or takes part in."""
        return self.filter(
            Q(lead_id=organization_id)
            | Q(
                pk__in=Task.coordinators.through.objects.filter(
                    organization_id=organization_id
                ).values("task_id")
            )
        )


@register(m2m_fields={"coordinators", "units"})
class Task(IndexedModel, VersionedModel):
    OPEN, REPORTED, DONE, CANCELLED = "open", "reported", "done", "cancelled"
    SUPERSEDED = "superseded"
    STATES = [
        (OPEN, _("Open")),
        (REPORTED, _("Result reported")),
        (DONE, _("Done")),
        (CANCELLED, _("Cancelled")),
        (SUPERSEDED, _("Superseded")),
    ]
    SEARCH_FIELDS = ("title", "description", "expected_result", "lead__name")
    SORT_FIELD = "title"

    # What created the task (a plan, a direction, a conclusion); None for a free-standing task.
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    # The organisation whose plan or request this is; it sees the task even before publication.
    owner = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_tasks",
        verbose_name=_("owner"),
    )
    # Lead and coordinators see a task only once its source is published (plan approved,
    # direction issued); until then it is the owner's draft.
    is_published = models.BooleanField(default=False)
    requires_confirmation = models.BooleanField(
        default=False,
        help_text=_("The standing office confirms the reported result before the task is done."),
    )

    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("content"), blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)
    area = models.ForeignKey(
        ContentArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("content area"),
    )
    lead = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="led_tasks",
        verbose_name=_("lead organisation"),
    )
    coordinators = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="coordinated_tasks",
        verbose_name=_("coordinating organisations"),
    )
    units = models.ManyToManyField(
        AdminUnit, blank=True, related_name="tasks", verbose_name=_("localities")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # The same work in the previous revision of the source (a revised plan copies its tasks).
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("earlier version"),
    )
    # The deadline first set; due_date moves only by a granted extension.
    original_due_date = models.DateField(_("original due date"), null=True, blank=True)

    state = models.CharField(_("state"), max_length=10, choices=STATES, default=OPEN)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    started_on = models.DateField(_("first progress on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["lead", "state", "due_date"]),
            models.Index(fields=["state", "due_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="task_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tasks:task_detail", args=[self.pk])

    def status_on(self, today: date) -> Status:
        if self.state == self.SUPERSEDED:
            return Status.SUPERSEDED
        if self.state == self.CANCELLED:
            return Status.CANCELLED
        if self.state == self.DONE:
            return Status.DONE
        if self.state == self.REPORTED:
            return Status.AWAITING_CONFIRMATION
        if self.due_date and self.due_date < today:
            return Status.OVERDUE
        if self.started_on or (self.start_date and self.start_date <= today):
            return Status.IN_PROGRESS
        return Status.NOT_STARTED

    @property
    def status(self) -> Status:
        return self.status_on(timezone.localdate())

    @property
    def completed_late(self) -> bool:
        return bool(self.completed_on and self.due_date and self.completed_on > self.due_date)

    @property
    def days_overdue(self) -> int:
        if self.state != self.OPEN or not self.due_date:
            return 0
        return max(0, (timezone.localdate() - self.due_date).days)


@register
class TaskTarget(models.Model):
    """A figure the task aims at (e.g. 20 km of rural roads) and what has been achieved."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="targets")
    label = models.CharField(_("figure"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2)
    achieved = models.DecimalField(_("achieved"), max_digits=16, decimal_places=2, default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = _("target figure")

    def __str__(self) -> str:
        return f"{self.label}: {self.target} {self.unit}"

    @property
    def percent(self) -> int:
        return int(min(100, self.achieved * 100 / self.target)) if self.target else 0


class TaskUpdateQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(task__in=Task.objects.visible_to(user))


@register
class TaskUpdate(models.Model):
    """One entry of a task's log: progress, a note, the result, its confirmation or return."""

    PROGRESS, NOTE, RESULT, CONFIRMED, RETURNED, EXTENSION = (
        "progress",
        "note",
        "result",
        "confirmed",
        "returned",
        "extension",
    )
    KINDS = [
        (PROGRESS, _("Progress")),
        (NOTE, _("Note")),
        (RESULT, _("Result")),
        (CONFIRMED, _("Completion confirmed")),
        (RETURNED, _("Result returned")),
        (EXTENSION, _("Extension")),
    ]

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=10, choices=KINDS)
    on = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(_("progress (%)"), null=True, blank=True)
    text = models.TextField(_("content"), blank=True)
    # {"<TaskTarget id>": "achieved value"} reported with this update.
    figures = models.JSONField(default=dict, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TaskUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("task update")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"


class ExtensionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(task__in=Task.objects.visible_to(user))


@register
class TaskExtension(models.Model):
    """A request to move a deadline; deadlines never move silently."""

    REQUESTED, GRANTED, REFUSED = "requested", "granted", "refused"
    STATES = [(REQUESTED, _("Requested")), (GRANTED, _("Granted")), (REFUSED, _("Refused"))]

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    previous_due_date = models.DateField(_("current due date"), null=True, blank=True)
    requested_due_date = models.DateField(_("requested due date"))
    reason = models.TextField(_("reason"))
    state = models.CharField(_("state"), max_length=10, choices=STATES, default=REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    objects = ExtensionQuerySet.as_manager()

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("extension request")
        constraints = [
            models.UniqueConstraint(
                fields=["task"], condition=Q(state="requested"), name="one_open_extension_per_task"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} → {self.requested_due_date:%d/%m/%Y}"


def source_tasks(source) -> TaskQuerySet:
    """The tasks a plan, direction or conclusion created."""
    return Task.objects.filter(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk
    )
