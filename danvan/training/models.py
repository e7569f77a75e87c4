"""Training (bồi dưỡng) of the cadres doing mass-mobilization work: courses and their
participants with results."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.areas.models import ContentArea
from danvan.core.audit import register
from danvan.core.models import IndexedModel
from danvan.orgs.models import Organization


class CourseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if getattr(user, "is_authenticated", False) else self.none()


@register(exclude_fields=["search_text", "sort_key"])
class Course(IndexedModel):
    SEARCH_FIELDS = ("title", "place", "content", "organization__name")
    SORT_FIELD = "title"

    title = models.CharField(_("name of the course"), max_length=300)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="organized_courses",
        verbose_name=_("organiser"),
    )
    area = models.ForeignKey(
        ContentArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("field of work"),
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    hours = models.DecimalField(
        _("hours"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0)]
    )
    content = models.TextField(_("content"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        indexes = [models.Index(fields=["start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="course_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:course_detail", args=[self.pk])


class ParticipantQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(course__in=Course.objects.visible_to(user))


@register
class Participant(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="participants")
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="course_participants",
        verbose_name=_("organisation"),
    )
    completed = models.BooleanField(_("completed"), default=False)
    certificate = models.BooleanField(_("certificate awarded"), default=False)
    score = models.DecimalField(
        _("score"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["course", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.full_name
