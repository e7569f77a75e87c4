from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.audit import register
from danvan.core.models import IndexedModel, SharedQuerySet


class ContentAreaQuerySet(SharedQuerySet):
    def active(self):
        return self.filter(is_active=True)


@register
class ContentArea(IndexedModel):
    """A field of work (lĩnh vực): propaganda, grassroots democracy, defence and security…

    Shared by programs, tasks, indicators and the registers, so it lives below all of them.
    """

    SEARCH_FIELDS = ("name", "code")
    SORT_FIELD = "name"

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ContentAreaQuerySet.as_manager()

    class Meta:
        ordering = ["order", "sort_key"]
        verbose_name = _("content area")
        verbose_name_plural = _("content areas")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("areas:area_list") + f"#area-{self.pk}"
