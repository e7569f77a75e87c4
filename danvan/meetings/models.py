"""Conferences (hội nghị) and their conclusions (thông báo kết luận), whose items become tasks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from danvan.core.audit import register
from danvan.core.models import IndexedModel
from danvan.orgs.models import Committee, Organization


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        # Conferences are the committee's common record: every signed-in user reads them.
        return self if getattr(user, "is_authenticated", False) else self.none()


@register(m2m_fields={"attending_organizations"}, exclude_fields=["search_text", "sort_key"])
class Meeting(IndexedModel):
    MID_YEAR, YEAR_END, THEMATIC, BRIEFING = "mid_year", "year_end", "thematic", "briefing"
    KINDS = [
        (MID_YEAR, _("Six-month review conference")),
        (YEAR_END, _("Year-end review conference")),
        (THEMATIC, _("Thematic conference")),
        (BRIEFING, _("Briefing meeting")),
    ]
    SEARCH_FIELDS = ("title", "place", "chairs", "attendees", "agenda", "speech_summary")
    SORT_FIELD = "title"

    kind = models.CharField(_("kind"), max_length=10, choices=KINDS)
    title = models.CharField(_("name of the conference"), max_length=300)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("steering committee"),
        help_text=_(
            "Set for a conference of the steering committee: its conclusions are then "
            "numbered as the committee's notices (…-TB/BCĐ)."
        ),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="organized_meetings",
        verbose_name=_("organising unit"),
    )
    chairs = models.TextField(_("chaired by"), help_text=_("One person per line, with title."))
    attending_organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="attended_meetings",
        verbose_name=_("attending organisations"),
    )
    attendees = models.TextField(
        _("attending people"), blank=True, help_text=_("Guests and delegates, one per line.")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    speech_summary = models.TextField(_("summary of the directing speech"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def chair_list(self) -> list[str]:
        return [line.strip() for line in self.chairs.splitlines() if line.strip()]

    @property
    def attendee_list(self) -> list[str]:
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]


class ConclusionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(meeting__in=Meeting.objects.visible_to(user))


@register
class Conclusion(models.Model):
    """The notice of conclusions (thông báo kết luận) of one conference, numbered when issued."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="conclusion")
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("number and symbol"), max_length=40)
    issued_on = models.DateField(_("issued on"))
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    summary = models.TextField(_("general conclusion"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ConclusionQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice of conclusions")

    def __str__(self) -> str:
        return _("Notice of conclusions %(symbol)s") % {"symbol": self.symbol}

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + "#conclusion"


class ConclusionItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(conclusion__meeting__in=Meeting.objects.visible_to(user))


@register(m2m_fields={"coordinators"})
class ConclusionItem(models.Model):
    """One request of the conclusions; it becomes an assignment (a task) when added."""

    conclusion = models.ForeignKey(Conclusion, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("no."))
    content = models.TextField(_("content"))
    lead = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead organisation"),
    )
    coordinators = models.ManyToManyField(
        Organization, blank=True, related_name="+", verbose_name=_("coordinating organisations")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)

    objects = ConclusionItemQuerySet.as_manager()

    class Meta:
        ordering = ["conclusion", "order", "id"]
        verbose_name = _("conclusion item")
        constraints = [
            models.UniqueConstraint(fields=["conclusion", "order"], name="unique_item_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {Truncator(self.content).words(14)}"

    def get_absolute_url(self) -> str:
        return self.conclusion.meeting.get_absolute_url() + f"#item-{self.pk}"


def item_tasks(items) -> dict[int, object]:
    """The task of each conclusion item, by item id, with its derived status (`status_code`)."""
    from django.contrib.contenttypes.models import ContentType

    from danvan.tasks.models import Task

    ids = [item.pk for item in items]
    if not ids:
        return {}
    tasks = Task.objects.with_status().filter(
        source_type=ContentType.objects.get_for_model(ConclusionItem), source_id__in=ids
    )
    return {task.source_id: task for task in tasks}
