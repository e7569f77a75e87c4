from __future__ import annotations

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.audit import register
from danvan.core.models import IndexedModel, SharedQuerySet

# The day Vietnam's two-level local government started (Resolution 202/2025/QH15).
REFORM_2025 = date(2025, 7, 1)


class UnitQuerySet(SharedQuerySet):
    def valid_on(self, day: date):
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)
        ).filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))


@register
class AdminUnit(IndexedModel):
    """A province, district or commune of one structure: legacy (before 1 July 2025) or 2025."""

    PROVINCE, DISTRICT, COMMUNE = 1, 2, 3
    LEVELS = [(PROVINCE, _("Province")), (DISTRICT, _("District")), (COMMUNE, _("Commune"))]
    LEGACY, Y2025 = "legacy", "2025"
    STRUCTURES = [
        (LEGACY, _("Before 1 July 2025 (three levels)")),
        (Y2025, _("From 1 July 2025 (two levels)")),
    ]

    SEARCH_FIELDS = ("name", "code", "parent__name")
    SORT_FIELD = "short_name"

    structure = models.CharField(_("structure"), max_length=10, choices=STRUCTURES)
    level = models.PositiveSmallIntegerField(_("level"), choices=LEVELS)
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=30, help_text=_("Huyện, Thành phố, Xã, Phường, Thị trấn…")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("belongs to"),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "code"], name="unique_unit_code_per_structure"
            )
        ]
        indexes = [models.Index(fields=["structure", "level", "parent"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("geo:unit_detail", args=[self.pk])

    def ancestors(self) -> list[AdminUnit]:
        chain, unit = [], self.parent
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return chain[::-1]

    @property
    def district(self) -> AdminUnit | None:
        return self.parent if self.level == self.COMMUNE and self.structure == self.LEGACY else None


@register
class UnitSuccession(models.Model):
    """An old (legacy) commune's place in the 2025 structure.

    A commune merged whole has one successor; one split between several has one row per part,
    and exactly one of them is the default that figures are regrouped onto.
    """

    old = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="successions")
    new = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="predecessions")
    is_default = models.BooleanField(default=True)
    effective = models.DateField(default=REFORM_2025)

    objects = SharedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["old", "new"], name="unique_unit_succession"),
            models.UniqueConstraint(
                fields=["old"], condition=models.Q(is_default=True), name="one_default_successor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"
