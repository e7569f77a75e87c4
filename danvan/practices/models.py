"""The register of “Dân vận khéo” models and exemplary persons or collectives (điển hình)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.areas.models import ContentArea
from danvan.core.audit import register
from danvan.core.models import IndexedModel
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Organization


class PracticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        # The register is the movement's shared showcase: every signed-in user reads it.
        return self if getattr(user, "is_authenticated", False) else self.none()


@register(m2m_fields={"coordinators", "replicated_in"}, exclude_fields=["search_text", "sort_key"])
class Practice(IndexedModel):
    MODEL, PERSON, COLLECTIVE = "model", "person", "collective"
    KINDS = [
        (MODEL, _("Model")),
        (PERSON, _("Exemplary person")),
        (COLLECTIVE, _("Exemplary collective")),
    ]
    NONE, COMMUNE, DISTRICT, PROVINCE, CENTRAL = "", "commune", "district", "province", "central"
    LEVELS = [
        (COMMUNE, _("Commune level")),
        (DISTRICT, _("District level")),
        (PROVINCE, _("Provincial level")),
        (CENTRAL, _("Central level")),
    ]
    SEARCH_FIELDS = ("name", "goals", "method", "results", "partners", "commune__name")
    SORT_FIELD = "name"

    kind = models.CharField(_("kind of entry"), max_length=10, choices=KINDS, default=MODEL)
    name = models.CharField(_("name of the model"), max_length=300)
    area = models.ForeignKey(
        ContentArea,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("field of work"),
    )
    commune = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("commune"),
        limit_choices_to={"level": AdminUnit.COMMUNE},
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("lead force"),
    )
    coordinators = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="coordinated_practices",
        verbose_name=_("coordinating forces"),
    )
    partners = models.CharField(
        _("other forces taking part"),
        max_length=300,
        blank=True,
        help_text=_("Village branches, clubs, businesses… not in the list of organisations."),
    )
    goals = models.TextField(_("goals"), blank=True)
    method = models.TextField(_("how it works"), blank=True)
    funds = models.DecimalField(
        _("funds (million đồng)"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    workdays = models.DecimalField(
        _("workdays (ngày công)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    results = models.TextField(_("results"), blank=True)
    started_on = models.DateField(_("start date"), null=True, blank=True)
    recognition_level = models.CharField(
        _("recognised at"), max_length=10, choices=LEVELS, blank=True, default=NONE
    )
    recognition_year = models.PositiveSmallIntegerField(_("year recognised"), null=True, blank=True)
    is_replicated = models.BooleanField(_("being replicated"), default=False)
    replicated_in = models.ManyToManyField(
        AdminUnit,
        blank=True,
        related_name="replicated_practices",
        verbose_name=_("replicated in"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("skilful mobilization model")
        verbose_name_plural = _("skilful mobilization models")
        indexes = [
            models.Index(fields=["recognition_year", "recognition_level"]),
            models.Index(fields=["kind"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recognition_level="") | models.Q(recognition_year__isnull=False),
                name="practice_recognition_has_a_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("practices:practice_detail", args=[self.pk])
