"""Proposals sent in writing to the committee, and the head's directions on them.

A member organisation writes a proposal (đề xuất, kiến nghị, báo cáo nhanh) and sends it; the
standing office registers it in the incoming register (sổ văn bản đến), checks it and forwards it
to the head with its advice, or returns it; the head directs: agrees, declines, asks for more, or
assigns tasks. Assignments are `tasks.Task` rows whose source is a `Direction`; they are
followed to their result by the tasks app.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.areas.models import ContentArea
from danvan.core.audit import register
from danvan.core.concurrency import VersionedModel
from danvan.core.models import IndexedModel
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Committee, Organization
from danvan.tasks.models import Task


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Its sender organisation, the standing office, leadership and the administrator, and
        organisations assigned tasks from it (read-only). Nobody else: not even the viewer."""
        from danvan.accounts.access import is_admin, is_committee_wide

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if is_admin(user):
            return self
        org = user.organization_id
        own = Q(organization_id=org) if org else Q(pk__in=[])
        if is_committee_wide(user):
            # A draft is its author's business until it is sent.
            return self.filter(own | ~Q(status=Proposal.DRAFT))
        if not org:
            return self.none()
        return self.filter(own | Q(pk__in=_assigned_proposal_ids(org)))

    def waiting(self, status: str):
        return self.filter(status=status)


def _assigned_proposal_ids(organization_id):
    tasks = Task.objects.filter(
        source_type=ContentType.objects.get_for_model(Direction), is_published=True
    ).filter(
        Q(lead_id=organization_id)
        | Q(
            pk__in=Task.coordinators.through.objects.filter(organization_id=organization_id).values(
                "task_id"
            )
        )
    )
    return Direction.objects.filter(pk__in=tasks.values("source_id")).values("proposal_id")


@register(m2m_fields={"units", "related_tasks"})
class Proposal(IndexedModel, VersionedModel):
    PROPOSAL, PETITION, QUICK_REPORT = "proposal", "petition", "quick_report"
    KINDS = [
        (PROPOSAL, _("Proposal")),
        (PETITION, _("Petition")),
        (QUICK_REPORT, _("Quick report")),
    ]
    # Kind of the outgoing document in the sender's own numbering (công văn, báo cáo).
    OUTGOING_KIND = {PROPOSAL: "CV", PETITION: "CV", QUICK_REPORT: "BC"}

    DRAFT = "draft"
    SENT = "sent"
    REGISTERED = "registered"
    FORWARDED = "forwarded"
    RETURNED = "returned"
    DIRECTED = "directed"
    DECLINED = "declined"
    CLOSED = "closed"
    STATUSES = [
        (DRAFT, _("Draft")),
        (SENT, _("Sent")),
        (REGISTERED, _("Registered")),
        (FORWARDED, _("Awaiting direction")),
        (RETURNED, _("Returned")),
        (DIRECTED, _("Directed")),
        (DECLINED, _("Not agreed")),
        (CLOSED, _("Closed")),
    ]
    # Colours of the shared status badge (core's vocabulary).
    BADGES = {
        DRAFT: "draft",
        SENT: "submitted",
        REGISTERED: "pending",
        FORWARDED: "pending",
        RETURNED: "returned",
        DIRECTED: "approved",
        DECLINED: "cancelled",
        CLOSED: "done",
    }

    SEARCH_FIELDS = (
        "title",
        "summary",
        "content",
        "outgoing_symbol",
        "incoming_label",
        "organization__name",
        "organization__short_name",
    )
    SORT_FIELD = "title"

    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("steering committee"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("sending organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    kind = models.CharField(_("kind of document"), max_length=20, choices=KINDS, default=PROPOSAL)
    title = models.CharField(_("document title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    content = models.TextField(_("content"), blank=True)
    area = models.ForeignKey(
        ContentArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("content area"),
    )
    units = models.ManyToManyField(
        AdminUnit, blank=True, related_name="proposals", verbose_name=_("related localities")
    )
    related_tasks = models.ManyToManyField(
        Task, blank=True, related_name="proposals", verbose_name=_("related tasks")
    )

    status = models.CharField(_("status"), max_length=12, choices=STATUSES, default=DRAFT)

    # The sender's own number (công văn đi), given when first sent.
    outgoing_number = models.PositiveIntegerField(_("outgoing number"), null=True, blank=True)
    outgoing_symbol = models.CharField(_("number and symbol"), max_length=60, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    # The committee's incoming register (sổ văn bản đến): a number per committee and year.
    incoming_number = models.PositiveIntegerField(_("incoming number"), null=True, blank=True)
    incoming_year = models.PositiveSmallIntegerField(null=True, blank=True)
    incoming_date = models.DateField(_("date received"), null=True, blank=True)
    incoming_label = models.CharField(max_length=20, blank=True, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    advice = models.TextField(_("standing office's advice"), blank=True)
    advised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    advised_at = models.DateTimeField(null=True, blank=True)
    # Why it was last returned to the sender (the full history is in the audit trail).
    return_note = models.TextField(_("reason returned"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["status", "committee"]),
            models.Index(fields=["organization", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "incoming_year", "incoming_number"],
                condition=Q(incoming_number__isnull=False),
                name="unique_incoming_number_per_committee_year",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("directions:proposal_detail", args=[self.pk])

    def refresh_index_fields(self) -> None:
        self.incoming_label = (
            f"{self.incoming_number}/{self.incoming_year}" if self.incoming_number else ""
        )
        super().refresh_index_fields()

    @property
    def badge(self) -> str:
        return self.BADGES.get(self.status, "draft")

    @property
    def is_editable(self) -> bool:
        return self.status in (self.DRAFT, self.RETURNED)

    def tasks(self):
        """The assignments made from this proposal's directions."""
        return Task.objects.filter(
            source_type=ContentType.objects.get_for_model(Direction),
            source_id__in=self.directions.values("pk"),
        )


class DirectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(proposal__in=Proposal.objects.visible_to(user))


@register
class Direction(models.Model):
    """One direction of the head (or a deputy) on a proposal: ý kiến chỉ đạo."""

    AGREE, DECLINE, MORE, ASSIGN = "agree", "decline", "more", "assign"
    DECISIONS = [
        (AGREE, _("Agree")),
        (DECLINE, _("Do not agree")),
        (MORE, _("Ask for more information")),
        (ASSIGN, _("Assign tasks")),
    ]

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="directions")
    decision = models.CharField(_("decision"), max_length=10, choices=DECISIONS)
    text = models.TextField(_("direction"))
    directed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    directed_at = models.DateTimeField(_("directed at"))

    objects = DirectionQuerySet.as_manager()

    class Meta:
        ordering = ["directed_at", "id"]
        verbose_name = _("direction")
        verbose_name_plural = _("directions")

    def __str__(self) -> str:
        # No query: task lists print the source of each row.
        day = timezone.localtime(self.directed_at).strftime("%d/%m/%Y")
        return str(_("Direction of %(day)s: %(text)s") % {"day": day, "text": self.text[:80]})

    def get_absolute_url(self) -> str:
        return self.proposal.get_absolute_url() + f"#direction-{self.pk}"
