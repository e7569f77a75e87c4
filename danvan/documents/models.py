"""Review reports (báo cáo tổng kết năm, sơ kết 6 tháng): the editable draft and its files."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.audit import register
from danvan.core.periods import HALF, YEAR, Period


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The committee's reports: committee-wide roles and viewers; an organisation's: its
        own officers and committee-wide roles."""
        from danvan.accounts.access import is_committee_wide, is_viewer

        if not getattr(user, "is_authenticated", False):
            return self.none()
        if is_committee_wide(user):
            return self
        if is_viewer(user):
            return self.filter(organization__isnull=True)
        if not user.organization_id:
            return self.none()
        return self.filter(organization_id=user.organization_id)


def _file_path(instance: ReviewReport, filename: str) -> str:
    return f"documents/reviews/{instance.pk}/{filename}"


@register(exclude_fields=["job_progress", "job_message", "updated_at"])
class ReviewReport(models.Model):
    """The year-end (tổng kết) or six-month (sơ kết) report of the committee or a member.

    The narrative paragraphs are pre-filled from the figures and stored as the user edits them;
    the files are rebuilt from the data and the stored narrative by a background job.
    """

    YEAR, HALF = YEAR, HALF
    KINDS = [(YEAR, _("Year-end review")), (HALF, _("Six-month review"))]

    IDLE, QUEUED, RUNNING, DONE, FAILED = "idle", "queued", "running", "done", "failed"
    JOB_STATES = [
        (IDLE, _("Not generated")),
        (QUEUED, _("Waiting")),
        (RUNNING, _("Generating")),
        (DONE, _("Generated")),
        (FAILED, _("Failed")),
    ]

    kind = models.CharField(_("kind"), max_length=10, choices=KINDS, default=YEAR)
    year = models.PositiveSmallIntegerField(_("year"))
    # The issuer: the committee, or one member organisation (then its own document format).
    committee = models.ForeignKey(
        "orgs.Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("steering committee"),
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issuing organisation"),
    )
    number = models.PositiveIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("Left empty, the next number is given when the files are generated."),
    )
    issued_on = models.DateField(_("date of issue"))
    signer_on_behalf = models.CharField(_("on behalf of"), max_length=100, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    # {paragraph key: text as edited}; keys missing here are filled from the figures.
    narrative = models.JSONField(default=dict, blank=True)

    job_state = models.CharField(max_length=10, choices=JOB_STATES, default=IDLE)
    job_progress = models.PositiveSmallIntegerField(default=0)
    job_message = models.CharField(max_length=300, blank=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    docx = models.FileField(upload_to=_file_path, max_length=300, blank=True)
    pdf = models.FileField(upload_to=_file_path, max_length=300, blank=True)
    xlsx = models.FileField(upload_to=_file_path, max_length=300, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        ordering = ["-year", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(committee__isnull=False) ^ Q(organization__isnull=False),
                name="review_has_one_issuer",
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "committee"],
                condition=Q(committee__isnull=False),
                name="one_committee_review_per_period",
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "organization"],
                condition=Q(organization__isnull=False),
                name="one_organization_review_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period.label} · {self.issuer}"

    def get_absolute_url(self) -> str:
        return reverse("documents:review_detail", args=[self.pk])

    @property
    def issuer(self):
        return self.committee or self.organization

    @property
    def period(self) -> Period:
        if self.kind == self.HALF:
            return Period(date(self.year, 1, 1), HALF)
        return Period(date(self.year, 1, 1), YEAR)

    @property
    def is_running(self) -> bool:
        return self.job_state in (self.QUEUED, self.RUNNING)

    @property
    def has_files(self) -> bool:
        return bool(self.docx and self.pdf and self.xlsx)

    @staticmethod
    def default_issue_date(kind: str, year: int) -> date:
        """Mid-month after the period ends (15/01 of the next year, 15/07 for the half),
        never in the future."""
        period_end = date(year, 6, 30) if kind == HALF else date(year, 12, 31)
        return min(period_end + timedelta(days=15), timezone.localdate())
