"""Situations (tình huống, vụ việc): complex local matters handled in coordination, followed to
resolution. A confidential one is seen only by the committee's leadership, the standing office,
the administrator and the organisations involved: everywhere through `visible_to`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.audit import register
from danvan.core.models import IndexedModel
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Organization


class SituationQuerySet(models.QuerySet):
    def visible_to(self, user):
        from danvan.accounts.access import is_committee_wide, is_signed_in

        if not is_signed_in(user):
            return self.none()
        if is_committee_wide(user):
            return self
        if not user.organization_id:
            return self.filter(is_confidential=False)
        involved = Situation.involved.through.objects.filter(
            organization_id=user.organization_id
        ).values("situation_id")
        return self.filter(
            Q(is_confidential=False) | Q(organization_id=user.organization_id) | Q(pk__in=involved)
        )


@register(m2m_fields={"involved"}, exclude_fields=["search_text", "sort_key"])
class Situation(IndexedModel):
    LAND, COMPLAINT, FAITH, SECURITY, DISASTER, OTHER = (
        "land",
        "complaint",
        "faith",
        "security",
        "disaster",
        "other",
    )
    KINDS = [
        (LAND, _("Land")),
        (COMPLAINT, _("Complaints and petitions")),
        (FAITH, _("Religion or ethnicity")),
        (SECURITY, _("Security and order")),
        (DISASTER, _("Natural disaster")),
        (OTHER, _("Other")),
    ]
    NORMAL, COMPLEX, VERY_COMPLEX = "normal", "complex", "very_complex"
    SEVERITIES = [
        (NORMAL, _("Ordinary")),
        (COMPLEX, _("Complex")),
        (VERY_COMPLEX, _("Especially complex")),
    ]
    NEW, HANDLING, RESOLVED = "new", "handling", "resolved"
    STATUSES = [(NEW, _("Newly arisen")), (HANDLING, _("Being handled")), (RESOLVED, _("Resolved"))]
    # Colours of the shared status badge (core's status_badge) for each state.
    BADGES = {NEW: "returned", HANDLING: "in_progress", RESOLVED: "done"}

    SEARCH_FIELDS = ("title", "description", "resolution", "unit__name")
    SORT_FIELD = "title"

    title = models.CharField(_("name of the situation"), max_length=300)
    kind = models.CharField(_("kind of situation"), max_length=10, choices=KINDS)
    unit = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        related_name="situations",
        verbose_name=_("locality"),
    )
    occurred_on = models.DateField(_("arose on"))
    severity = models.CharField(_("severity"), max_length=12, choices=SEVERITIES, default=NORMAL)
    description = models.TextField(_("course of events"))
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="reported_situations",
        verbose_name=_("reporting organisation"),
    )
    involved = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="involved_situations",
        verbose_name=_("organisations involved"),
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_(
            "Seen only by the committee's leadership, the standing office and the "
            "organisations involved."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=NEW)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SituationQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("situation")
        verbose_name_plural = _("situations")
        indexes = [
            models.Index(fields=["occurred_on"]),
            models.Index(fields=["is_confidential", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("situations:situation_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return self.BADGES[self.status]


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(situation__in=Situation.objects.visible_to(user))


@register
class SituationAction(models.Model):
    """One entry of the log: what was done, by whom, and with what result."""

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="actions")
    on = models.DateField(_("date"))
    action = models.TextField(_("action taken"))
    result = models.TextField(_("result"), blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("action")

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y}: {self.action[:80]}"
