from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.audit import register
from danvan.core.text import fold, sort_key


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    LEADER = "leader", _("Committee leadership")
    STANDING = "standing", _("Standing office")
    FOCAL = "focal", _("Focal officer")
    VIEWER = "viewer", _("Viewer")


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        from danvan.accounts.access import is_committee_wide

        if is_committee_wide(user):
            return self
        return self.filter(organization_id=user.organization_id)


class DanvanUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


@register(exclude_fields=["password", "last_login"])
class User(AbstractUser):
    """An officer; belongs to one organisation and acts in one role."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    title = models.CharField(_("job title"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    search_text = models.TextField(editable=False, default="")
    sort_key = models.TextField(editable=False, default="", db_index=True)

    objects = DanvanUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:user_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.full_name} {self.username} {self.title}")
        # Vietnamese names sort by the given name (the last word), then the whole name.
        words = (self.full_name or self.username).split()
        self.sort_key = sort_key(f"{words[-1] if words else ''} {self.full_name or self.username}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "sort_key"}
        super().save(*args, **kwargs)
